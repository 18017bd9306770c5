package io.eso4j.spring;

import io.eso4j.integration.SecretHealth;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while every ExternalSecret of every {@code eso:} import has a value that is current or stale by less than
 * the threshold; DOWN when one has no value (an {@code optional:} import that failed) or has been failing for
 * {@code eso4j.health.staleness-threshold} or longer. Details per ExternalSecret: state ({@code current}, {@code
 * failing}, {@code stale}, {@code missing}), consecutive failures, staleness, last success and last error class —
 * never values or messages (classified by core's {@link SecretHealth}). Thread-safe.
 *
 * <p>Boot 4's health API ({@code org.springframework.boot.health.contributor}); eso4j-spring-boot3-starter has the
 * same class over Boot 3's ({@code org.springframework.boot.actuate.health}).
 */
final class ExternalSecretsHealthIndicator implements HealthIndicator {

    /** The class whose presence switches the indicator on: Boot 4's {@code HealthIndicator}. */
    static final String HEALTH_API = "org.springframework.boot.health.contributor.HealthIndicator";

    private final ExternalSecretsRegistry registry;
    private final Duration threshold;

    ExternalSecretsHealthIndicator(ExternalSecretsRegistry registry, Duration threshold) {
        this.registry = registry;
        this.threshold = threshold;
    }

    @Override
    public Health health() {
        SecretHealth.Report report = SecretHealth.assess(registry.statuses(), registry.failures(), threshold);
        return (report.up() ? Health.up() : Health.down())
                .withDetails(report.details())
                .build();
    }
}
