package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.internal.engine.FailureEpisodes;
import io.eso4j.refresh.Backoff;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.Fault;
import io.eso4j.testkit.FaultRule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Issue 20 item 8: quiet, useful logs during an outage. 200 ExternalSecrets of one store failing over 10 cycles
 * used to write 2,000 WARN lines (one per ExternalSecret per cycle); now one WARN naming the store, the error class
 * and the count, one repeat per 5 minutes while it lasts, and one INFO on recovery. Logs are captured the way
 * {@link LogHygieneTest} does (slf4j-simple writes to {@code System.err}; DEBUG is off).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutageLogTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private final RefreshFixture fixture = new RefreshFixture();

    @Test
    void twoHundredFailingExternalSecretsOverTenCyclesLogOneWarningAndOneRecovery() {
        RefreshFixture.createSecrets(AWS.fake(), 200);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> outage;
        List<String> repeated;
        List<String> recovery;
        try (SecretsManagerClient client = RefreshFixture.client(AWS.fake());
                ExternalSecrets secrets = fixture.builder(RefreshFixture.manifests(200, "10s"), client)
                        .backoff(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30)))
                        .build()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            AWS.fake().inject(FaultRule.of(Fault.INTERNAL_ERROR));
            long start = secrets.stats().cycles();
            while (secrets.stats().cycles() < start + 10) {
                fixture.scheduler.advance(Duration.ofMillis(500));
            }
            assertThat(secrets.stats().failing()).isEqualTo(200);
            outage = lines(captured);

            captured.reset();
            fixture.scheduler.advance(FailureEpisodes.REPEAT);
            repeated = lines(captured);

            captured.reset();
            AWS.fake().clearFaults();
            fixture.scheduler.advance(Duration.ofSeconds(30));
            assertThat(secrets.stats().failing()).isZero();
            recovery = lines(captured);
        } finally {
            System.setErr(original);
        }
        // Ten cycles of backoff (1 s doubling to 30 s) take at most 181 s, less than the 5-minute repeat.
        assertThat(outage).hasSize(1);
        assertThat(outage.get(0))
                .contains(
                        "WARN",
                        "refresh failing for 200 ExternalSecrets of SecretStore aws (InternalServiceErrorException)")
                .contains("(es0, es1, es2, es3, es4, and 195 more)", "first: es0:", "InternalServiceError")
                .contains("keeping the last good values");
        assertThat(repeated).hasSize(1);
        assertThat(repeated.get(0))
                .contains("WARN", "refresh still failing for 200 ExternalSecrets of SecretStore aws");
        assertThat(recovery).hasSize(1);
        assertThat(recovery.get(0))
                .contains("INFO", "refresh of SecretStore aws (InternalServiceErrorException) recovered");
    }

    private static List<String> lines(ByteArrayOutputStream captured) {
        return captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }
}
