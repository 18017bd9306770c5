package io.eso4j.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine's pools are built by their first task and only then (issue #16 item 3: start-up builds none). */
class LazyExecutorTest {

    /** A same-thread pool that records whether it was shut down. */
    private static final class DirectPool extends AbstractExecutorService {
        final List<Runnable> ran = new ArrayList<>();
        boolean shutdown;

        @Override
        public void execute(Runnable command) {
            if (shutdown) {
                throw new RejectedExecutionException("shut down");
            }
            ran.add(command);
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }

    @Test
    void thePoolIsBuiltByTheFirstTaskAndOnlyOnce() {
        AtomicInteger built = new AtomicInteger();
        DirectPool pool = new DirectPool();
        LazyExecutor executor = new LazyExecutor(() -> {
            built.incrementAndGet();
            return pool;
        });
        assertThat(built).as("nothing built before a task").hasValue(0);
        assertThat(executor.started()).isFalse();

        AtomicInteger runs = new AtomicInteger();
        executor.execute(runs::incrementAndGet);
        executor.execute(runs::incrementAndGet);

        assertThat(built).hasValue(1);
        assertThat(runs).hasValue(2);
        assertThat(executor.started()).isTrue();
        executor.close();
        assertThat(pool.shutdown).as("close stops the pool it built").isTrue();
    }

    @Test
    void closingAnUnusedExecutorBuildsNothingAndLaterTasksAreRejected() {
        AtomicInteger built = new AtomicInteger();
        LazyExecutor executor = new LazyExecutor(() -> {
            built.incrementAndGet();
            return (ExecutorService) new DirectPool();
        });
        executor.close();

        assertThatThrownBy(() -> executor.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
        assertThat(built).hasValue(0);
        assertThat(executor.started()).isFalse();
    }
}
