package io.eso4j.spring;

import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.SecretEvent;
import io.eso4j.spec.ExternalSecretId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters of every {@code eso:} import: {@code eso4j.refresh.cycles}, {@code eso4j.refreshes} by
 * {@code outcome} (success, failure), {@code eso4j.secrets.failing}, {@code eso4j.secret.changes} and {@code
 * eso4j.secret.age} (seconds since the served data was fetched) by {@code external.secret}, and the Secrets
 * Manager calls: {@code eso4j.aws.calls} by {@code operation} and {@code outcome}, {@code eso4j.aws.call.duration}
 * (a timer, retries included) by {@code operation}. Thread-safe.
 */
final class EsoMetrics implements MeterBinder {

    private final ExternalSecretsRegistry secrets;
    private final Clock clock;

    EsoMetrics(ExternalSecretsRegistry secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(
                        "eso4j.refresh.cycles", secrets, sum(s -> s.stats().cycles()))
                .description("Refresh cycles run")
                .register(registry);
        FunctionCounter.builder(
                        "eso4j.refreshes",
                        secrets,
                        sum(s -> s.stats().refreshes() - s.stats().failures()))
                .tag("outcome", "success")
                .description("ExternalSecret refreshes")
                .register(registry);
        FunctionCounter.builder("eso4j.refreshes", secrets, sum(s -> s.stats().failures()))
                .tag("outcome", "failure")
                .description("ExternalSecret refreshes")
                .register(registry);
        Gauge.builder("eso4j.secrets.failing", secrets, sum(s -> s.stats().failing()))
                .description("ExternalSecrets whose latest refresh failed")
                .register(registry);
        for (ExternalSecrets instance : secrets.instances()) {
            for (ResolvedSecret secret : instance.all()) {
                ExternalSecretId id = secret.id();
                Gauge.builder("eso4j.secret.age", instance, s -> age(s, id))
                        .tag("external.secret", id.toString())
                        .baseUnit("seconds")
                        .description("Time since the served data was fetched")
                        .register(registry);
            }
        }
        secrets.addListener(event -> {
            if (event instanceof SecretEvent.Changed changed) {
                Counter.builder("eso4j.secret.changes")
                        .tag("external.secret", changed.externalSecret())
                        .register(registry)
                        .increment();
            }
        });
        secrets.addAwsCallListener((operation, success, latency) -> {
            Counter.builder("eso4j.aws.calls")
                    .tag("operation", operation)
                    .tag("outcome", success ? "success" : "failure")
                    .description("Secrets Manager calls")
                    .register(registry)
                    .increment();
            Timer.builder("eso4j.aws.call.duration")
                    .tag("operation", operation)
                    .description("Secrets Manager call latency, SDK retries included")
                    .register(registry)
                    .record(latency);
        });
    }

    private static ToDoubleFunction<ExternalSecretsRegistry> sum(ToDoubleFunction<ExternalSecrets> perInstance) {
        return registry ->
                registry.instances().stream().mapToDouble(perInstance).sum();
    }

    private double age(ExternalSecrets s, ExternalSecretId id) {
        return s.find(id)
                .map(secret ->
                        Duration.between(secret.fetchedAt(), clock.instant()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }
}
