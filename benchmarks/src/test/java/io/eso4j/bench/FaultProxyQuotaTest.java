package io.eso4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.ManualScheduler;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The proxy's per-operation quotas, read on a simulated clock, through the real SDK. */
class FaultProxyQuotaTest {

    @Test
    void requestsBeyondAnOperationsQuotaInOneSecondAreThrottledAndTheNextSecondStartsAfresh() throws Exception {
        ManualScheduler time = new ManualScheduler();
        try (FakeAws fake = FakeAws.builder().verifySignatures(false).start();
                FaultProxy proxy = new FaultProxy(fake.endpoint());
                SecretsManagerClient client = fake.secretsManagerClientBuilder()
                        .endpointOverride(proxy.endpoint())
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build()) {
            fake.secrets().createSecret("a", "{}");
            proxy.quota(time.clock(), Map.of("GetSecretValue", 2));

            client.getSecretValue(r -> r.secretId("a"));
            client.getSecretValue(r -> r.secretId("a"));
            assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("a")))
                    .isInstanceOfSatisfying(
                            AwsServiceException.class,
                            e -> assertThat(e.isThrottlingException()).isTrue());
            // Another operation has its own window (and here no quota).
            client.describeSecret(r -> r.secretId("a"));
            assertThat(proxy.throttled("GetSecretValue")).isEqualTo(1);
            assertThat(proxy.peakPerSecond("GetSecretValue")).isEqualTo(3);

            time.advance(Duration.ofSeconds(1));
            proxy.resetPeaks();
            client.getSecretValue(r -> r.secretId("a"));
            assertThat(proxy.throttled("GetSecretValue")).isEqualTo(1);
            assertThat(proxy.peakPerSecond("GetSecretValue")).isEqualTo(1);
        }
    }
}
