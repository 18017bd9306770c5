package io.eso4j.internal.engine;

import io.eso4j.ExternalSecrets;
import io.eso4j.SecretEvent;
import io.eso4j.SecretListener;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link SecretListener}'s own bounded queue of events, drained in order by at most one task at a time on the
 * listener executor. A listener that is slow or blocked only fills its own queue and holds one executor thread; the
 * others keep receiving their events. When the queue is full new events for that listener are dropped and counted,
 * with one WARN per overflow episode and one INFO (with the count) once it has caught up.
 *
 * <p>Thread-safe: events may be offered from any thread; the listener is called from one drain at a time.
 */
final class ListenerMailbox {

    // The facade's category, so that users' logging configuration for ExternalSecrets keeps applying.
    private static final Logger log = LoggerFactory.getLogger(ExternalSecrets.class);

    private final SecretListener listener;
    private final Executor executor;
    private final int capacity;
    private final AtomicLong dropped;
    private final ArrayDeque<SecretEvent> queue = new ArrayDeque<>();
    private boolean draining;
    private long droppedThisEpisode;

    /**
     * @param dropped counts events dropped by any mailbox of the engine
     */
    ListenerMailbox(SecretListener listener, Executor executor, int capacity, AtomicLong dropped) {
        this.listener = listener;
        this.executor = executor;
        this.capacity = capacity;
        this.dropped = dropped;
    }

    /** Queues {@code events} (dropping those that do not fit) and makes sure a drain runs. Never blocks. */
    void offer(List<SecretEvent> events) {
        boolean start;
        boolean warn = false;
        synchronized (this) {
            for (SecretEvent event : events) {
                if (queue.size() < capacity) {
                    queue.add(event);
                } else {
                    warn |= droppedThisEpisode == 0;
                    droppedThisEpisode++;
                    dropped.incrementAndGet();
                }
            }
            start = !draining && !queue.isEmpty();
            draining |= start;
        }
        if (warn) {
            log.warn(
                    "SecretListener {} is not keeping up: its queue of {} events is full, dropping its new events"
                            + " until it catches up (other listeners are unaffected)",
                    listener.getClass().getName(),
                    capacity);
        }
        if (start) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) {
                synchronized (this) {
                    draining = false;
                }
                log.warn(
                        "events for SecretListener {} not delivered: {}",
                        listener.getClass().getName(),
                        e.getClass().getName());
            }
        }
    }

    private void drain() {
        while (true) {
            SecretEvent event;
            long caughtUpAfter = 0;
            synchronized (this) {
                event = queue.poll();
                if (event == null) {
                    draining = false;
                    caughtUpAfter = droppedThisEpisode;
                    droppedThisEpisode = 0;
                }
            }
            if (event == null) {
                if (caughtUpAfter > 0) {
                    log.info(
                            "SecretListener {} caught up; {} events were dropped for it",
                            listener.getClass().getName(),
                            caughtUpAfter);
                }
                return;
            }
            deliver(event);
        }
    }

    private void deliver(SecretEvent event) {
        try {
            listener.onEvent(event);
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn(
                    "SecretListener {} threw {} on {} for {}",
                    listener.getClass().getName(),
                    e.getClass().getName(),
                    event.getClass().getSimpleName(),
                    event.externalSecret());
        }
    }
}
