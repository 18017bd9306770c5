package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The standalone server's argument handling and what it prints. */
class FakeAwsServerMainTest {

    @Test
    void startsWithAFixtureAndPrintsTheEnvironmentToUse() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        try (FakeAws fake = FakeAwsServerMain.start(
                new String[] {
                    "--port",
                    "0",
                    "--fixture",
                    "../conformance/eso-vectors.json",
                    "--vector",
                    "sm-find-06-tags-batch",
                    "--latency",
                    "5ms"
                },
                out)) {
            String printed = bytes.toString(StandardCharsets.UTF_8);

            assertThat(printed)
                    .contains("listening on " + fake.endpoint())
                    .contains("export AWS_ENDPOINT_URL=" + fake.endpoint())
                    .contains("export AWS_REGION=us-east-1")
                    .contains("export AWS_ACCESS_KEY_ID=" + fake.accessKeyId())
                    .contains("export AWS_SECRET_ACCESS_KEY=" + fake.secretAccessKey());
            assertThat(fake.secrets().names()).containsExactly("my-secret");
            fake.secretsManagerClient().getSecretValue(r -> r.secretId("my-secret"));
            assertThat(fake.requests().get(0).latency()).isEqualTo(Duration.ofMillis(5));
        }
    }

    @ParameterizedTest
    @CsvSource({"20ms, PT0.02S", "2s, PT2S", "1m, PT1M", "PT0.5S, PT0.5S"})
    void parsesLatencies(String text, Duration expected) {
        assertThat(FakeAwsServerMain.parseDuration(text)).isEqualTo(expected);
    }

    @Test
    void rejectsUnknownArguments() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FakeAwsServerMain.start(new String[] {"--colour", "red"}, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> FakeAwsServerMain.start(new String[] {"--latency", "soon"}, out))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
