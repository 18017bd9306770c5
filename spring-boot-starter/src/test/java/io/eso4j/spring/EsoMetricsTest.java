package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.AwsClients;
import io.eso4j.ExternalSecrets;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStore;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.Fault;
import io.eso4j.testkit.FaultRule;
import io.eso4j.testkit.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The per-secret gauges by value, on the fake clock: data age grows while data is unchanged, staleness only while failing. */
class EsoMetricsTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private final ManualScheduler scheduler = new ManualScheduler();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SecretsManagerClient client;
    private ExternalSecrets secrets;

    @BeforeEach
    void start() {
        AWS.secrets().createSecret("app/db", "{\"password\":\"s3cr3t\"}");
        client = AWS.fake()
                .secretsManagerClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
        secrets = ExternalSecrets.builder()
                .manifests(Manifests.of(
                        List.of(SecretStore.builder()
                                .name("aws")
                                .region("us-east-1")
                                .build()),
                        List.of(ExternalSecret.builder()
                                .name("app")
                                .refreshInterval(Duration.ofMinutes(1))
                                .secretStore("aws")
                                .extract("app/db")
                                .build())))
                .awsClients(AwsClients.secretsManager(store -> client))
                .clock(scheduler.clock())
                .scheduler(scheduler)
                .listenerExecutor(Runnable::run)
                .jitter(0)
                .build();
        ExternalSecretsRegistry registry = new ExternalSecretsRegistry();
        registry.register(secrets);
        new EsoMetrics(registry, scheduler.clock()).bindTo(meters);
    }

    @AfterEach
    void stop() {
        secrets.close();
        client.close();
    }

    private double gauge(String name) {
        return meters.find(name).tag("external.secret", "app").gauge().value();
    }

    @Test
    void dataAgeCountsFromTheLastChangeAndStalenessFromTheLastSuccessWhileFailing() {
        assertThat(gauge("eso4j.secret.age")).isZero();
        assertThat(gauge("eso4j.secret.staleness")).isZero();

        scheduler.advance(Duration.ofSeconds(90)); // one successful, unchanged refresh at 60 s
        assertThat(gauge("eso4j.secret.age")).isEqualTo(90.0);
        assertThat(gauge("eso4j.secret.staleness")).isZero();

        AWS.fake().inject(FaultRule.of(Fault.INTERNAL_ERROR).times(1000));
        scheduler.advance(Duration.ofSeconds(30)); // the refresh at 120 s fails; last success at 60 s
        assertThat(gauge("eso4j.secret.staleness")).isEqualTo(60.0);
        assertThat(gauge("eso4j.secret.age")).isEqualTo(120.0);

        AWS.fake().clearFaults();
        AWS.secrets().putSecretValue("app/db", "{\"password\":\"rotated\"}");
        scheduler.advance(Duration.ofMinutes(2)); // retries succeed and pick up the rotation
        assertThat(gauge("eso4j.secret.staleness")).isZero();
        assertThat(gauge("eso4j.secret.age")).isLessThan(120.0);
    }
}
