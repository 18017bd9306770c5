package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.internal.auth.AwsAuth;
import io.eso4j.internal.auth.StoreCredentials;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStore;
import io.eso4j.testkit.ManualScheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Issue 20 item 3: AWS calls are bounded. An endpoint that never answers, or answers 200 and then drips a byte
 * every 50 ms, used to block a call for 4 × 30 s, or forever; with {@link AuthOptions#apiCallTimeout()} and
 * {@link AuthOptions#apiCallAttemptTimeout()} (tiny here, 30 s and 10 s by default) Secrets Manager and STS calls
 * fail within the bound. These tests wait for real, a few hundred milliseconds each: the timeouts are the SDK's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimeoutsTest {

    private static final AuthOptions TIGHT = AuthOptions.builder()
            .apiCallTimeout(Duration.ofMillis(600))
            .apiCallAttemptTimeout(Duration.ofMillis(200))
            .build();

    @ParameterizedTest(name = "Secrets Manager endpoint that {0}s")
    @ValueSource(strings = {"hang", "drip"})
    void aSecretsManagerCallThatNeverCompletesFailsWithinTheCallTimeout(String mode) {
        try (RawAwsServer server = new RawAwsServer(200, "text/plain", "")) {
            if (mode.equals("hang")) {
                server.hang();
            } else {
                server.drip();
            }
            long start = System.nanoTime();
            try (ExternalSecrets secrets = ExternalSecrets.builder()
                    .manifests(RefreshFixture.manifests(1, "1m"))
                    .endpointOverride(server.endpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")))
                    .authOptions(TIGHT)
                    .scheduler(new ManualScheduler())
                    .failOnError(false)
                    .build()) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).isLessThan(Duration.ofSeconds(10));
                assertThat(secrets.failures().get("es0").getMessage())
                        .contains("GetSecretValue app/s0 failed")
                        .containsIgnoringCase("timeout");
                assertThat(secrets.status("", "es0").orElseThrow().lastErrorClass())
                        .isEqualTo("ApiCallTimeoutException");
            }
        }
    }

    @Test
    void anStsCallThatNeverCompletesFailsWithinTheCallTimeout() {
        try (RawAwsServer sts = new RawAwsServer(200, "text/plain", "")) {
            sts.hang();
            SecretStore store = Manifests.parse("store.yaml", """
                            apiVersion: external-secrets.io/v1
                            kind: SecretStore
                            metadata:
                              name: aws
                            spec:
                              provider:
                                aws:
                                  service: SecretsManager
                                  region: us-east-1
                                  role: arn:aws:iam::123456789012:role/app
                                  auth:
                                    secretRef:
                                      accessKeyIDSecretRef: {name: keys, key: id}
                                      secretAccessKeySecretRef: {name: keys, key: secret}
                            """).stores().get(0);
            AuthOptions options = TIGHT.toBuilder()
                    .stsEndpoint(sts.endpoint())
                    .asyncCredentialUpdate(false)
                    .build();
            long start = System.nanoTime();
            try (AwsAuth auth = StoreCredentials.forStore(
                    store, "", SecretKeyResolver.fromMap(Map.of("keys/id", "AKID", "keys/secret", "s")), options)) {
                assertThatThrownBy(auth::resolveCredentials)
                        .isInstanceOf(SdkClientException.class)
                        .hasMessageContaining("timeout");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void theDefaultsAreThirtySecondsPerCallAndTenPerAttempt() {
        assertThat(AuthOptions.defaults().apiCallTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(AuthOptions.defaults().apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> AuthOptions.builder().apiCallTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
