package io.eso4j.spring;

import io.eso4j.ExternalSecrets;
import io.eso4j.SecretsException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while every ExternalSecret has a value that is current or stale by less than the threshold; DOWN when one
 * has no value (an {@code optional:} import that failed) or has been failing for longer than
 * {@code eso4j.health.staleness-threshold}. Details per ExternalSecret: state, consecutive failures, staleness,
 * last success and last error class — never values or messages. Thread-safe.
 */
final class ExternalSecretsHealthIndicator implements HealthIndicator {

    private final ExternalSecrets secrets;
    private final ExternalSecretsStatus status;
    private final Duration threshold;

    ExternalSecretsHealthIndicator(ExternalSecrets secrets, ExternalSecretsStatus status, Duration threshold) {
        this.secrets = secrets;
        this.status = status;
        this.threshold = threshold;
    }

    @Override
    public Health health() {
        Instant now = status.clock().instant();
        Map<String, SecretsException> missing = secrets.failures();
        Map<String, ExternalSecretsStatus.Entry> entries = status.entries();
        boolean up = missing.isEmpty();
        Map<String, Object> details = new LinkedHashMap<>();
        for (var entry : entries.entrySet()) {
            ExternalSecretsStatus.Entry state = entry.getValue();
            Map<String, Object> detail = new LinkedHashMap<>();
            Duration staleness = state.staleness(now);
            boolean tooStale = state.failing() && staleness.compareTo(threshold) >= 0;
            up &= !tooStale;
            detail.put("state", state.failing() ? (tooStale ? "stale" : "failing") : "current");
            detail.put("consecutiveFailures", state.consecutiveFailures());
            detail.put("staleness", staleness.toString());
            if (state.lastSuccess() != null) {
                detail.put("lastSuccess", state.lastSuccess().toString());
            }
            if (state.failing()) {
                detail.put("lastError", state.lastFailureTerminal() ? "terminal" : "transient");
            }
            details.put(entry.getKey(), detail);
        }
        missing.forEach((name, failure) -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", "missing");
            detail.put("lastError", failure.getClass().getSimpleName());
            ExternalSecretsStatus.Entry state = entries.get(name);
            detail.put("consecutiveFailures", state == null ? 1 : Math.max(1, state.consecutiveFailures()));
            details.put(name, detail);
        });
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
