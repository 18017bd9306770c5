package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.testkit.DenyRule;
import io.eso4j.testkit.FakeAwsExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class StatusAndCallListenerTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static SecretsManagerClient client;

    private final RefreshFixture fixture = new RefreshFixture();

    private record Call(String operation, boolean success, Duration latency) {}

    @BeforeAll
    static void start() {
        client = RefreshFixture.client(AWS.fake());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void statusCountsConsecutiveFailuresNamesTheErrorClassAndResetsOnRecovery() {
        RefreshFixture.createSecrets(AWS.fake(), 2);
        try (ExternalSecrets secrets =
                fixture.builder(RefreshFixture.manifests(2, "1m"), client).build()) {
            SecretStatus loaded = secrets.status("", "es1").orElseThrow();
            assertThat(loaded.failing()).isFalse();
            assertThat(loaded.lastSuccess()).isEqualTo(fixture.scheduler.clock().instant());
            assertThat(loaded.lastErrorClass()).isNull();
            assertThat(loaded.staleness()).isZero();

            AWS.fake().secrets().forceDelete("app/s1");
            fixture.scheduler.advance(Duration.ofMinutes(1));
            fixture.scheduler.advance(Duration.ofMinutes(1));

            SecretStatus failing = secrets.status("", "es1").orElseThrow();
            assertThat(failing.consecutiveFailures()).isGreaterThanOrEqualTo(2);
            assertThat(failing.lastErrorClass()).isEqualTo("SecretNotFoundException");
            assertThat(failing.lastSuccess()).isEqualTo(loaded.lastSuccess());
            assertThat(failing.staleness()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
            assertThat(failing.toString()).doesNotContain(RefreshFixture.value(1));
            assertThat(secrets.status("", "es0").orElseThrow().failing()).isFalse();

            AWS.fake().secrets().createSecret("app/s1", "{\"password\":\"back-Zq9\"}");
            fixture.scheduler.advance(Duration.ofMinutes(1));

            SecretStatus recovered = secrets.status("", "es1").orElseThrow();
            assertThat(recovered.consecutiveFailures()).isZero();
            assertThat(recovered.staleness()).isZero();
            assertThat(recovered.lastErrorClass()).isEqualTo("SecretNotFoundException");
            assertThat(recovered.lastSuccess()).isAfter(loaded.lastSuccess());
        }
    }

    @Test
    void statusesListEveryExternalSecretInManifestOrderAndUnknownOnesAreEmpty() {
        RefreshFixture.createSecrets(AWS.fake(), 3);
        try (ExternalSecrets secrets =
                fixture.builder(RefreshFixture.manifests(3, "1m"), client).build()) {
            Map<String, SecretStatus> statuses = secrets.statuses();
            assertThat(statuses).containsOnlyKeys("es0", "es1", "es2");
            assertThat(List.copyOf(statuses.keySet())).containsExactly("es0", "es1", "es2");
            assertThat(secrets.status("", "nope")).isEmpty();
            assertThatThrownBy(() -> statuses.clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void neverResolvedExternalSecretIsFailingWithoutLastSuccess() {
        try (ExternalSecrets secrets = fixture.builder(RefreshFixture.manifests(1, "1m"), client)
                .failOnError(false)
                .build()) {
            SecretStatus status = secrets.status("", "es0").orElseThrow();
            assertThat(status.neverSucceeded()).isTrue();
            assertThat(status.consecutiveFailures()).isEqualTo(1);
            assertThat(status.lastErrorClass()).isEqualTo("SecretNotFoundException");
        }
    }

    @Test
    void awsCallListenerHearsEveryCallWithItsOperationAndOutcome() {
        RefreshFixture.createSecrets(AWS.fake(), 3);
        AWS.fake().deny(DenyRule.operation("BatchGetSecretValue"));
        List<Call> calls = new CopyOnWriteArrayList<>();
        try (ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(RefreshFixture.manifests(3, "0s"))
                .endpointOverride(AWS.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        AWS.fake().accessKeyId(), AWS.fake().secretAccessKey())))
                .awsCallListener((operation, success, latency) -> calls.add(new Call(operation, success, latency)))
                .awsCallListener((operation, success, latency) -> {
                    throw new IllegalStateException("listener bug");
                })
                .build()) {
            assertThat(secrets.all()).hasSize(3);
        }
        assertThat(calls)
                .filteredOn(call -> call.operation().equals("BatchGetSecretValue"))
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.success()).isFalse());
        assertThat(calls)
                .filteredOn(call -> call.operation().equals("GetSecretValue"))
                .hasSize(3)
                .allSatisfy(call -> {
                    assertThat(call.success()).isTrue();
                    assertThat(call.latency()).isPositive();
                });
        assertThat(calls).hasSize(AWS.fake().totalCalls());
    }
}
