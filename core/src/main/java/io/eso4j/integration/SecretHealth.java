package io.eso4j.integration;

import io.eso4j.SecretStatus;
import io.eso4j.SecretsException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Health of the ExternalSecrets of an application: UP while every one has a value that is current or stale by less
 * than the threshold; DOWN when one has no value (it failed to resolve) or has been failing for the threshold or
 * longer. Details name states, counts, times and error classes, never values or messages. Stateless.
 */
public final class SecretHealth {

    private SecretHealth() {}

    /** The state of one ExternalSecret. */
    public enum State {
        /** Its latest refresh succeeded. */
        CURRENT,
        /** Its latest refresh failed; the last good value is served and is younger than the threshold. */
        FAILING,
        /** Failing for the threshold or longer. */
        STALE,
        /** It has no value: it never resolved, or a terminal failure withdrew it. */
        MISSING;

        /** The lower-case name health details use: {@code current}, {@code failing}, {@code stale}, {@code missing}. */
        public String detailName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The health of a set of ExternalSecrets.
     *
     * @param up whether all are healthy
     * @param details per ExternalSecret (as its status names it): {@code state}, {@code consecutiveFailures},
     *     {@code staleness}, and when known {@code lastSuccess} and {@code lastError} (a class name)
     */
    public record Report(boolean up, Map<String, Map<String, Object>> details) {}

    /**
     * Classifies {@code statuses}.
     *
     * @param failures the ExternalSecrets without a value, keyed as the statuses are
     * @param threshold how long an ExternalSecret may fail before it is unhealthy
     */
    public static Report assess(
            Map<String, SecretStatus> statuses, Map<String, SecretsException> failures, Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        boolean up = failures.isEmpty();
        Map<String, Map<String, Object>> details = new LinkedHashMap<>();
        for (SecretStatus status : statuses.values()) {
            State state = state(status, failures.containsKey(status.externalSecret()), threshold);
            up &= state != State.STALE;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", state.detailName());
            detail.put("consecutiveFailures", status.consecutiveFailures());
            detail.put("staleness", status.staleness().toString());
            if (status.lastSuccess() != null) {
                detail.put("lastSuccess", status.lastSuccess().toString());
            }
            if (status.lastErrorClass() != null) {
                detail.put("lastError", status.lastErrorClass());
            }
            details.put(status.externalSecret(), Collections.unmodifiableMap(detail));
        }
        return new Report(up, Collections.unmodifiableMap(details));
    }

    /** The state of one ExternalSecret; {@code missing} says it has no value. */
    public static State state(SecretStatus status, boolean missing, Duration threshold) {
        boolean tooStale = status.failing() && status.staleness().compareTo(threshold) >= 0;
        return missing ? State.MISSING : !status.failing() ? State.CURRENT : tooStale ? State.STALE : State.FAILING;
    }
}
