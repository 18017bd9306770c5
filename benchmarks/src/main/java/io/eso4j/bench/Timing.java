package io.eso4j.bench;

import java.util.Arrays;

/** Wall-clock timing helpers for the in-process scenarios. Stateless. */
final class Timing {

    private Timing() {}

    /** Runs {@code warmups} untimed and {@code reps} timed runs of {@code task}; the median of the timed, in ms. */
    static double medianMillis(int warmups, int reps, Runnable task) {
        for (int i = 0; i < warmups; i++) {
            task.run();
        }
        double[] times = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            task.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        return median(times);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
