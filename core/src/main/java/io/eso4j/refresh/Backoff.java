package io.eso4j.refresh;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before retrying after consecutive failed refreshes: {@code initial × 2^(failures-1)}, capped at
 * {@code max}, then jittered into its upper half ({@code [d/2, d]}) so that many clients do not retry together.
 * Immutable and thread-safe.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;

    private Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /**
     * Exponential backoff from {@code initial} up to {@code max}.
     *
     * @throws IllegalArgumentException if {@code initial} is not positive or {@code max} is less than it
     */
    public static Backoff exponential(Duration initial, Duration max) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isZero() || initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        return new Backoff(initial, max);
    }

    /** The default: from one second up to five minutes. */
    public static Backoff defaults() {
        return exponential(Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /**
     * The wait after {@code failures} consecutive failures.
     *
     * @param random a number in {@code [0, 1)} choosing where the jittered delay falls
     */
    public Duration delay(int failures, double random) {
        long base = initial.toMillis();
        long capped = max.toMillis();
        long millis = base;
        for (int i = 1; i < failures && millis < capped; i++) {
            millis = Math.min(capped, millis * 2);
        }
        millis = Math.min(capped, millis);
        return Duration.ofMillis(millis / 2 + (long) (random * (millis - millis / 2)));
    }

    @Override
    public String toString() {
        return "Backoff[exponential " + initial + " .. " + max + "]";
    }
}
