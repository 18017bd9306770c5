package io.eso4j.internal.engine;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * An executor whose pool is built by its first task, not with the engine: an application that reads its secrets once
 * (refreshInterval 0, no listeners) never builds the listener pool, and start-up pays for no pool it does not use.
 * After {@link #close()} it rejects tasks, as the pool it stands for would after {@code shutdownNow}.
 *
 * <p>Thread-safe: the pool is built at most once, under this object's lock, and published through a volatile field.
 */
final class LazyExecutor implements Executor, AutoCloseable {

    private final Supplier<? extends ExecutorService> factory;
    private volatile ExecutorService pool;
    private boolean closed;

    LazyExecutor(Supplier<? extends ExecutorService> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public void execute(Runnable task) {
        ExecutorService current = pool;
        if (current == null) {
            current = build();
        }
        current.execute(task);
    }

    private synchronized ExecutorService build() {
        if (closed) {
            throw new RejectedExecutionException("the engine is closed");
        }
        if (pool == null) {
            pool = factory.get();
        }
        return pool;
    }

    /** Whether the pool was built (a task was run). */
    boolean started() {
        return pool != null;
    }

    /** Stops the pool if it was built ({@code shutdownNow}); later tasks are rejected. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
