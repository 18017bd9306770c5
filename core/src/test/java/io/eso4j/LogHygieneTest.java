package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.testkit.DenyRule;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.Fault;
import io.eso4j.testkit.FaultRule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Runs the refresh scenarios that log (load, change, batch fallback, outage, recovery, a throwing listener) with
 * the log output (slf4j-simple writes to {@code System.err}) captured, and fails if a fixture value appears.
 */
class LogHygieneTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    @Test
    void refreshLogsNeverContainSecretValues() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        RefreshFixture fixture = new RefreshFixture();
        try (SecretsManagerClient client = RefreshFixture.client(AWS.fake())) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            RefreshFixture.createSecrets(AWS.fake(), 5);
            AWS.fake().deny(DenyRule.operation("BatchGetSecretValue"));
            try (ExternalSecrets secrets = fixture.builder(RefreshFixture.manifests(5, "1m"), client)
                    .listener(event -> {
                        throw new IllegalStateException("boom " + RefreshFixture.value(0));
                    })
                    .build()) {
                AWS.fake().secrets().rotate("app/s1", "{\"password\":\"rotated-secret-Zq9\"}");
                fixture.scheduler.advance(Duration.ofMinutes(1));
                AWS.fake().inject(FaultRule.of(Fault.INTERNAL_ERROR));
                fixture.scheduler.advance(Duration.ofMinutes(2));
                AWS.fake().clearFaults();
                AWS.fake().secrets().forceDelete("app/s2");
                fixture.scheduler.advance(Duration.ofMinutes(2));
                assertThat(secrets.toString()).doesNotContain("Zq9");
                assertThat(secrets.get("es1").toString()).doesNotContain("Zq9");
                fixture.events.forEach(event -> assertThat(event.toString()).doesNotContain("Zq9"));
            }
        } finally {
            System.setErr(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains("resolved ExternalSecret es0", "BatchGetSecretValue is denied", "keeping the last good");
        assertThat(output).doesNotContain("Zq9").doesNotContain("fixture-value");
    }
}
