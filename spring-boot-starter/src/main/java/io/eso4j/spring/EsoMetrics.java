package io.eso4j.spring;

import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.SecretEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.NoSuchElementException;

/**
 * Micrometer meters of the {@code eso:} imports: {@code eso4j.refresh.cycles}, {@code eso4j.refreshes} by
 * {@code outcome} (success, failure), {@code eso4j.secrets.failing}, {@code eso4j.secret.changes} and {@code
 * eso4j.secret.age} (seconds since the served data was fetched) by {@code external.secret}. Thread-safe.
 */
final class EsoMetrics implements MeterBinder {

    private final ExternalSecrets secrets;
    private final Clock clock;

    EsoMetrics(ExternalSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("eso4j.refresh.cycles", secrets, s -> s.stats().cycles())
                .description("Refresh cycles run")
                .register(registry);
        FunctionCounter.builder(
                        "eso4j.refreshes",
                        secrets,
                        s -> s.stats().refreshes() - s.stats().failures())
                .tag("outcome", "success")
                .description("ExternalSecret refreshes")
                .register(registry);
        FunctionCounter.builder("eso4j.refreshes", secrets, s -> s.stats().failures())
                .tag("outcome", "failure")
                .description("ExternalSecret refreshes")
                .register(registry);
        Gauge.builder("eso4j.secrets.failing", secrets, s -> s.stats().failing())
                .description("ExternalSecrets whose latest refresh failed")
                .register(registry);
        for (ResolvedSecret secret : secrets.all()) {
            String namespace = secret.namespace();
            String name = secret.name();
            String key = namespace.isEmpty() ? name : namespace + "/" + name;
            Gauge.builder("eso4j.secret.age", secrets, s -> age(s, namespace, name))
                    .tag("external.secret", key)
                    .baseUnit("seconds")
                    .description("Time since the served data was fetched")
                    .register(registry);
        }
        secrets.addListener(event -> {
            if (event instanceof SecretEvent.Changed changed) {
                Counter.builder("eso4j.secret.changes")
                        .tag("external.secret", changed.externalSecret())
                        .register(registry)
                        .increment();
            }
        });
    }

    private double age(ExternalSecrets s, String namespace, String name) {
        try {
            return Duration.between(s.get(namespace, name).fetchedAt(), clock.instant())
                            .toMillis()
                    / 1000.0;
        } catch (NoSuchElementException e) {
            return Double.NaN;
        }
    }
}
