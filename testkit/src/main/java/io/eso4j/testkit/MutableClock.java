package io.eso4j.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC clock a test moves by hand, so expiry, staleness and schedules are tested without waiting. Either fixed at
 * an instant and moved with {@link #advance} / {@link #set}, or {@linkplain #systemPlus(Duration) the system clock
 * shifted by an offset} the test moves (for code that also signs with the system clock, which must stay within
 * SigV4's 15-minute window). Plain JDK: usable with any code that takes a {@link Clock}. Thread-safe.
 */
public final class MutableClock extends Clock {

    private final boolean followsSystem;
    private volatile Instant base;
    private volatile Duration offset = Duration.ZERO;

    private MutableClock(Instant base, boolean followsSystem, Duration offset) {
        this.base = base;
        this.followsSystem = followsSystem;
        this.offset = offset;
    }

    /** A clock standing at {@code start} until moved. */
    public static MutableClock at(Instant start) {
        return new MutableClock(Objects.requireNonNull(start, "start"), false, Duration.ZERO);
    }

    /** The system clock plus {@code offset}; {@link #advance} moves the offset. */
    public static MutableClock systemPlus(Duration offset) {
        return new MutableClock(null, true, Objects.requireNonNull(offset, "offset"));
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public synchronized void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    /**
     * Sets the clock to {@code instant}.
     *
     * @throws IllegalStateException on a clock that follows the system clock
     */
    public synchronized void set(Instant instant) {
        if (followsSystem) {
            throw new IllegalStateException("a clock following the system clock moves by advance(..) only");
        }
        base = Objects.requireNonNull(instant, "instant");
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return (followsSystem ? Instant.now() : base).plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock; only UTC is supported. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("UTC only");
        }
        return this;
    }

    @Override
    public String toString() {
        return "MutableClock[" + instant() + "]";
    }
}
