package io.eso4j.spring;

import io.eso4j.SecretStatus;
import io.eso4j.SecretsException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while every ExternalSecret of every {@code eso:} import has a value that is current or stale by less than
 * the threshold; DOWN when one has no value (an {@code optional:} import that failed) or has been failing for
 * {@code eso4j.health.staleness-threshold} or longer. Details per ExternalSecret: state ({@code current}, {@code
 * failing}, {@code stale}, {@code missing}), consecutive failures, staleness, last success and last error class —
 * never values or messages. Thread-safe.
 */
final class ExternalSecretsHealthIndicator implements HealthIndicator {

    private final ExternalSecretsRegistry registry;
    private final Duration threshold;

    ExternalSecretsHealthIndicator(ExternalSecretsRegistry registry, Duration threshold) {
        this.registry = registry;
        this.threshold = threshold;
    }

    @Override
    public Health health() {
        Map<String, SecretsException> missing = registry.failures();
        boolean up = missing.isEmpty();
        Map<String, Object> details = new LinkedHashMap<>();
        for (SecretStatus status : registry.statuses().values()) {
            boolean isMissing = missing.containsKey(status.externalSecret());
            boolean tooStale = status.failing() && status.staleness().compareTo(threshold) >= 0;
            up &= !tooStale;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", isMissing ? "missing" : !status.failing() ? "current" : tooStale ? "stale" : "failing");
            detail.put("consecutiveFailures", status.consecutiveFailures());
            detail.put("staleness", status.staleness().toString());
            if (status.lastSuccess() != null) {
                detail.put("lastSuccess", status.lastSuccess().toString());
            }
            if (status.lastErrorClass() != null) {
                detail.put("lastError", status.lastErrorClass());
            }
            details.put(status.externalSecret(), detail);
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
