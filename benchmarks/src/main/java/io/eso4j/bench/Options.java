package io.eso4j.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The harness's command line: {@code [--quick] [--latency=MS] [--out=DIR] [--only=SCENARIO,...]}. Immutable.
 *
 * @param quick a smoke run (fewer sizes and repetitions, short JMH) that finishes in about a minute
 * @param latencyMillis the fake's per-request latency
 * @param out where latest.md and latest.json go
 * @param only the scenarios to run ({@code loading, refresh, faults, memory, cold, boot, jmh}); empty for all
 */
record Options(boolean quick, int latencyMillis, Path out, List<String> only) {

    static Options parse(String... args) {
        boolean quick = false;
        int latency = 20;
        Path out = Path.of("benchmarks", "results");
        List<String> only = List.of();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--latency=")) {
                latency = Integer.parseInt(arg.substring("--latency=".length()));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else if (arg.startsWith("--only=")) {
                only = List.of(arg.substring("--only=".length()).split(","));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + "; usage: [--quick] [--latency=0|5|20|50] [--out=DIR] [--only=loading,refresh,...]");
            }
        }
        return new Options(quick, latency, out, only);
    }

    /** The N values of the start-up scenarios. */
    List<Integer> sizes() {
        return quick ? List.of(10, 50) : List.of(1, 10, 50, 200);
    }

    boolean runs(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }
}
