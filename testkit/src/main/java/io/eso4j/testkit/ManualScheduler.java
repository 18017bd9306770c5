package io.eso4j.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} and clock for tests: nothing runs until the test calls {@link #runDue()} or
 * {@link #advance}, which moves the fake time forward and runs, on the test's thread, each task as its time comes.
 * Never sleeps, so a refresh schedule of hours is tested in microseconds. Hand {@link #clock()} and this scheduler
 * to the code under test (for eso4j: {@code ExternalSecrets.builder().clock(s.clock()).scheduler(s)}).
 *
 * <p>Supports {@code schedule(Runnable, ..)} and {@code execute}; periodic and {@code Callable} scheduling throw
 * {@link UnsupportedOperationException}. Shutting down is a no-op (the test owns it). Plain JDK types: it does not
 * depend on eso4j. Thread-safe, but tasks run on the thread that advances time.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    /** Where a new scheduler's clock starts. */
    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final List<Task> tasks = new ArrayList<>();
    private Instant now = START;
    private long sequence;

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            synchronized (ManualScheduler.this) {
                return now;
            }
        }
    };

    /** A scheduler whose clock stands at {@link #START}. */
    public ManualScheduler() {}

    /** The fake time, moved only by {@link #advance}. */
    public Clock clock() {
        return clock;
    }

    /** Runs every task due now, including those they schedule for now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward by {@code duration}, running each task when its time comes. */
    public void advance(Duration duration) {
        Instant target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            Task next;
            synchronized (this) {
                tasks.removeIf(t -> t.cancelled);
                next = tasks.stream()
                        .filter(t -> !t.due.isAfter(target))
                        .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
            }
            next.run();
        }
    }

    /** How many tasks are scheduled and not cancelled. */
    public synchronized int pending() {
        tasks.removeIf(t -> t.cancelled);
        return tasks.size();
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task task = new Task(command, now.plusNanos(unit.toNanos(delay)), sequence++);
        tasks.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task implements ScheduledFuture<Object> {
        final Runnable command;
        final Instant due;
        final long order;
        volatile boolean cancelled;
        volatile boolean done;

        Task(Runnable command, Instant due, long order) {
            this.command = command;
            this.due = due;
            this.order = order;
        }

        void run() {
            command.run();
            done = true;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return !done;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
