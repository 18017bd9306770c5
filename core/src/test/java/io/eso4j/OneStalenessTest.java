package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.Fault;
import io.eso4j.testkit.FaultRule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Stats, status and events report one staleness for one ExternalSecret, by value on the fake clock. */
class OneStalenessTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private final RefreshFixture fixture = new RefreshFixture();

    @Test
    void statsStatusAndEventsAgreeWhileFailingAndAfterRecovery() {
        RefreshFixture.createSecrets(AWS.fake(), 1);
        try (SecretsManagerClient client = RefreshFixture.client(AWS.fake());
                ExternalSecrets secrets = fixture.builder(RefreshFixture.manifests(1, "1m"), client)
                        .jitter(0)
                        .backoff(io.eso4j.refresh.Backoff.exponential(Duration.ofMinutes(1), Duration.ofMinutes(1)))
                        .build()) {
            AWS.fake().inject(FaultRule.of(Fault.INTERNAL_ERROR).times(1000));
            fixture.scheduler.advance(Duration.ofMinutes(1)); // first failure, one minute after the success
            fixture.scheduler.advance(Duration.ofSeconds(90)); // a retry within the next minute fails too

            List<SecretEvent.RefreshFailed> failed = fixture.events(SecretEvent.RefreshFailed.class);
            assertThat(failed).hasSizeGreaterThanOrEqualTo(2);
            assertThat(failed.get(0).staleness()).isEqualTo(Duration.ofMinutes(1));
            Duration status = secrets.status("", "es0").orElseThrow().staleness();
            assertThat(status).isEqualTo(Duration.ofSeconds(150));
            assertThat(secrets.stats().maxStaleness()).isEqualTo(status);

            AWS.fake().clearFaults();
            fixture.scheduler.advance(Duration.ofMinutes(1));
            SecretEvent.Recovered recovered =
                    fixture.events(SecretEvent.Recovered.class).get(0);
            assertThat(recovered.staleness()).isGreaterThan(status);
            assertThat(secrets.status("", "es0").orElseThrow().staleness()).isZero();
            assertThat(secrets.stats().maxStaleness()).isZero();
        }
    }

    @Test
    void anExternalSecretThatNeverSucceededIsStaleSinceItsFirstFailureEverywhere() {
        AWS.fake().inject(FaultRule.of(Fault.INTERNAL_ERROR).times(1000));
        try (SecretsManagerClient client = RefreshFixture.client(AWS.fake());
                ExternalSecrets secrets = fixture.builder(RefreshFixture.manifests(1, "1m"), client)
                        .jitter(0)
                        .failOnError(false)
                        .build()) {
            fixture.scheduler.advance(Duration.ofMinutes(5));

            Duration status = secrets.status("", "es0").orElseThrow().staleness();
            assertThat(status).isEqualTo(Duration.ofMinutes(5));
            assertThat(secrets.stats().maxStaleness()).isEqualTo(status);
            List<SecretEvent.RefreshFailed> failed = fixture.events(SecretEvent.RefreshFailed.class);
            assertThat(failed.get(0).staleness()).isZero();
            assertThat(failed.get(failed.size() - 1).staleness()).isPositive();
        }
    }
}
