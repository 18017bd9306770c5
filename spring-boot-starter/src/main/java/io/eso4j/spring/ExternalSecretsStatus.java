package io.eso4j.spring;

import io.eso4j.SecretEvent;
import io.eso4j.SecretListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-ExternalSecret refresh health, kept from {@link SecretEvent}s: whether the latest refresh failed, how many
 * failed in a row, how stale the served value is and whether the last failure was terminal. Registered as a bean
 * next to the {@link io.eso4j.ExternalSecrets} of the {@code eso:} imports; the health indicator reads it.
 *
 * <p>Thread-safe; never holds values or error messages, only names and times.
 */
public final class ExternalSecretsStatus implements SecretListener {

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The state of one ExternalSecret. */
    public record Entry(
            String externalSecret,
            Instant lastSuccess,
            int consecutiveFailures,
            Instant lastFailure,
            Duration stalenessAtLastFailure,
            boolean lastFailureTerminal) {

        /** Whether the latest refresh failed. */
        public boolean failing() {
            return consecutiveFailures > 0;
        }

        /** How long since the last success, as of {@code now}; zero when not failing. */
        public Duration staleness(Instant now) {
            if (!failing()) {
                return Duration.ZERO;
            }
            return stalenessAtLastFailure.plus(Duration.between(lastFailure, now));
        }
    }

    public ExternalSecretsStatus() {
        this(Clock.systemUTC());
    }

    public ExternalSecretsStatus(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The clock times are taken from. */
    public Clock clock() {
        return clock;
    }

    /** Every ExternalSecret seen so far, keyed {@code namespace/name} or {@code name}. */
    public Map<String, Entry> entries() {
        return Map.copyOf(entries);
    }

    @Override
    public void onEvent(SecretEvent event) {
        Instant now = clock.instant();
        entries.compute(event.externalSecret(), (name, previous) -> {
            if (event instanceof SecretEvent.RefreshFailed failed) {
                return new Entry(
                        name,
                        previous == null ? null : previous.lastSuccess(),
                        previous == null ? 1 : previous.consecutiveFailures() + 1,
                        now,
                        failed.staleness(),
                        failed.terminal());
            }
            return new Entry(name, now, 0, null, Duration.ZERO, false);
        });
    }
}
