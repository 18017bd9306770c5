package io.eso4j.internal.engine;

import io.eso4j.refresh.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timing engine behind {@link ExternalSecrets} (driven by {@link RefreshEngine}): keeps, per key (an ExternalSecret), when it is next
 * due, and runs one {@link Cycle} for every key due within the coalescing window of the earliest, so that
 * ExternalSecrets falling due close together share one fetch plan. The first refresh after a key is loaded comes at a
 * random point of the last 90% of its interval (one draw per scheduler, so the keys of one
 * instance stay together while a fleet of instances started together is spread over the whole interval from its
 * first refresh on; with {@code jitter} 0 it comes exactly one interval after the load). After a success the next
 * refresh is one interval away, shortened by up to {@code jitter} of it (one random draw per cycle, so that keys
 * refreshed together stay together while the fleet keeps drifting apart); after a failure it is
 * the {@link Backoff} delay, which grows with consecutive failures up to the backoff's maximum, past the interval
 * if that is shorter (so a failing ExternalSecret with a short interval is retried less and less often, never less
 * often than the maximum).
 *
 * <p>Time comes from the injected {@link Clock} and waiting from the injected {@link ScheduledExecutorService}, so
 * tests drive it with a fake clock and a manual scheduler. Cycles never overlap. Thread-safe; the scheduler belongs
 * to the caller.
 */
final class RefreshScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RefreshScheduler.class);

    /**
     * The share of the first interval over which the first refresh after a load is spread (when jitter is on). With
     * 0.1 (the per-cycle jitter) K instances started together stayed within 6 s of each other at a 1 minute interval:
     * at K=100 and 200 secrets each, 1,000 BatchGetSecretValue calls in about 6 s against a quota of 100 per second
     * (benchmarks scenario 8). Spread over 90% of the interval they stay under it; the first 10% is left out so that
     * a refresh never follows the load immediately.
     */
    static final double FIRST_REFRESH_SPREAD = 0.9;

    /** One refresh of a set of keys. */
    @FunctionalInterface
    interface Cycle {
        /**
         * Refreshes {@code due}.
         *
         * @return the keys whose refresh failed (they back off); the others succeeded
         */
        Set<String> run(Set<String> due);
    }

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final double jitter;
    private final Duration coalesceWindow;
    private final DoubleSupplier random;
    private final Cycle cycle;
    private final Object cycleLock = new Object();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final double initialPhase;
    private ScheduledFuture<?> pending;
    private boolean closed;

    private static final class Entry {
        final Duration interval;
        Instant nextDue;
        int failures;

        Entry(Duration interval) {
            this.interval = interval;
        }
    }

    /**
     * @param clock the time
     * @param scheduler runs the cycles; the caller owns it
     * @param backoff the wait after failures
     * @param jitter the fraction of an interval, in {@code [0, 1)}, by which a refresh may come early
     * @param coalesceWindow keys due within this much after the earliest are refreshed in the same cycle
     * @param random numbers in {@code [0, 1)} for jitter
     * @param cycle what a refresh does
     */
    RefreshScheduler(
            Clock clock,
            ScheduledExecutorService scheduler,
            Backoff backoff,
            double jitter,
            Duration coalesceWindow,
            DoubleSupplier random,
            Cycle cycle) {
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.jitter = jitter;
        this.coalesceWindow = Objects.requireNonNull(coalesceWindow, "coalesceWindow");
        this.random = Objects.requireNonNull(random, "random");
        this.cycle = Objects.requireNonNull(cycle, "cycle");
        // One draw per scheduler: the keys loaded together stay together (one cycle, one fetch plan).
        this.initialPhase = random.getAsDouble();
    }

    /**
     * Schedules periodic refresh of {@code key}, which was just loaded ({@code failed}: unsuccessfully).
     *
     * @param interval positive; keys that refresh once are simply not scheduled
     */
    synchronized void schedule(String key, Duration interval, boolean failed) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive for " + key);
        }
        Entry entry = new Entry(interval);
        entries.put(key, entry);
        Instant now = clock.instant();
        if (failed) {
            update(entry, true, now, initialPhase);
        } else {
            // The first refresh: anywhere in the last FIRST_REFRESH_SPREAD of the interval, not only its last
            // `jitter`, so that a fleet started together does not refresh together (issue #16 item 5).
            long millis = interval.toMillis();
            double spread = jitter == 0 ? 0 : FIRST_REFRESH_SPREAD;
            entry.nextDue = now.plusMillis(millis - (long) (millis * spread * initialPhase));
        }
        arm();
    }

    /** The keys scheduled for periodic refresh. */
    synchronized Set<String> keys() {
        return Set.copyOf(entries.keySet());
    }

    /** When {@code key} is next due, or {@code null} if it is not scheduled. */
    synchronized Instant nextDue(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.nextDue;
    }

    /**
     * Runs one cycle for {@code keys} on the scheduler now, whether due or not; scheduled keys among them start a
     * new interval (or back off) afterwards.
     *
     * @return completes when the cycle has run (exceptionally if it threw or the scheduler refused it)
     */
    CompletableFuture<Void> runNow(Set<String> keys) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            scheduler.execute(() -> {
                try {
                    runCycle(Set.copyOf(keys));
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Stops scheduling; a running cycle finishes. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void tick() {
        Set<String> due = new LinkedHashSet<>();
        synchronized (this) {
            pending = null;
            Instant horizon = clock.instant().plus(coalesceWindow);
            entries.forEach((key, entry) -> {
                if (!entry.nextDue.isAfter(horizon)) {
                    due.add(key);
                }
            });
        }
        try {
            if (!due.isEmpty()) {
                runCycle(due);
            }
        } finally {
            synchronized (this) {
                arm();
            }
        }
    }

    private void runCycle(Set<String> keys) {
        Set<String> failed;
        synchronized (cycleLock) {
            try {
                failed = cycle.run(keys);
            } catch (Throwable e) {
                // Whatever escaped the cycle (the engine contains per ExternalSecret, so this is a bug or the JVM
                // in trouble): every key backs off, so an Error can never turn into a hot loop. Class only: the
                // message of a throwable eso4j did not write may quote a value.
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.error(
                        "refresh cycle failed for {} ExternalSecrets: {}",
                        keys.size(),
                        e.getClass().getName());
                failed = keys;
            }
        }
        synchronized (this) {
            Instant now = clock.instant();
            double draw = random.getAsDouble();
            for (String key : keys) {
                Entry entry = entries.get(key);
                if (entry != null) {
                    update(entry, failed.contains(key), now, draw);
                }
            }
            arm();
        }
    }

    /** Sets the next due time; {@code draw} is shared by the keys of one cycle so that they stay together. */
    private void update(Entry entry, boolean failed, Instant now, double draw) {
        if (failed) {
            entry.failures++;
            // Not capped at the interval: while failures persist the wait doubles up to the backoff's maximum
            // (default 5 minutes), so a short interval cannot turn an outage into a stream of calls and WARNs.
            entry.nextDue = now.plus(backoff.delay(entry.failures, draw));
        } else {
            entry.failures = 0;
            long millis = entry.interval.toMillis();
            entry.nextDue = now.plusMillis(millis - (long) (millis * jitter * draw));
        }
    }

    /** (Re)schedules the tick for the earliest due key. Caller holds the monitor. */
    private void arm() {
        if (closed) {
            return;
        }
        Instant earliest = null;
        for (Entry entry : entries.values()) {
            if (earliest == null || entry.nextDue.isBefore(earliest)) {
                earliest = entry.nextDue;
            }
        }
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        if (earliest == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), earliest).toMillis());
        pending = scheduler.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized String toString() {
        return "RefreshScheduler[" + entries.size() + " keys]";
    }
}
