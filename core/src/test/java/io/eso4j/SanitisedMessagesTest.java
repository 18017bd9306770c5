package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eso4j.spec.Manifests;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Issue 20 item 4: no value in any message. A loopback endpoint answers with what AWS never sends — a 200 body
 * with an unquoted token, an HTML 500, an object where {@code SecretString} must be a string — each carrying a
 * sentinel, and every channel is searched for it: the exception from {@code build()} (message, {@code toString},
 * cause chain, printed stack trace), {@code failures()}, {@code RefreshFailed}, {@code statuses()}, the logs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SanitisedMessagesTest {

    private static final String SENTINEL = "S3NTINEL";
    private static final String JSON = "application/x-amz-json-1.1";
    private static final String GOOD =
            "{\"Name\":\"app/s0\",\"VersionId\":\"v1\",\"SecretString\":\"{\\\"k\\\":\\\"ok\\\"}\"}";

    private final RefreshFixture fixture = new RefreshFixture();

    private ExternalSecrets.Builder builder(RawAwsServer server, int count) {
        Manifests manifests = RefreshFixture.manifests(count, "1m");
        return ExternalSecrets.builder()
                .manifests(manifests)
                .endpointOverride(server.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .clock(fixture.scheduler.clock)
                .scheduler(fixture.scheduler)
                .listenerExecutor(Runnable::run)
                .listener(fixture.events::add);
    }

    @Test
    void aCorruptedResponseBodyNeverReachesAnyChannel() throws Exception {
        String corrupted = "{\"Name\":\"app/s0\",\"SecretString\": " + SENTINEL + " }";
        String logs = captureLogs(() -> {
            try (RawAwsServer server = new RawAwsServer(200, JSON, corrupted)) {
                // build(): the exception thrown
                SecretsException thrown = catchThrowableOfType(
                        SecretsException.class, () -> builder(server, 1).build());
                assertThat(thrown.getMessage())
                        .contains("GetSecretValue app/s0", "could not be parsed", "JsonParseException");
                assertClean(thrown);
                // failures()
                try (ExternalSecrets secrets =
                        builder(server, 2).failOnError(false).build()) {
                    assertThat(secrets.failures()).containsOnlyKeys("es0", "es1");
                    secrets.failures().values().forEach(SanitisedMessagesTest::assertClean);
                    assertThat(secrets.failures().get("es0").getMessage()).contains("BatchGetSecretValue");
                }
                // refresh: RefreshFailed, status, the WARN
                server.respond(200, JSON, GOOD);
                try (ExternalSecrets secrets = builder(server, 1).build()) {
                    server.respond(200, JSON, corrupted);
                    fixture.scheduler.advance(Duration.ofMinutes(1));
                    assertThat(secrets.status("", "es0").orElseThrow().failing())
                            .isTrue();
                    assertThat(secrets.statuses().toString()).doesNotContain(SENTINEL);
                    assertThat(secrets.get("es0").string("k")).contains("ok");
                }
                List<SecretEvent.RefreshFailed> failed = fixture.events(SecretEvent.RefreshFailed.class);
                assertThat(failed).isNotEmpty();
                failed.forEach(event -> assertThat(event.toString())
                        .contains("could not be parsed")
                        .doesNotContain(SENTINEL));
            }
            return null;
        });
        assertThat(logs).contains("could not be parsed").doesNotContain(SENTINEL);
    }

    @Test
    void anHtmlServerErrorSaysStatusOperationAndSecret() throws Exception {
        String logs = captureLogs(() -> {
            try (RawAwsServer server =
                    new RawAwsServer(500, "text/html", "<html><body>" + SENTINEL + "</body></html>")) {
                SecretsException thrown = catchThrowableOfType(
                        SecretsException.class, () -> builder(server, 1).build());
                assertThat(thrown.getMessage())
                        .contains("GetSecretValue app/s0 failed: HTTP 500 without an AWS error code", "req-1234")
                        .doesNotContain(" ()");
                assertClean(thrown);
            }
            return null;
        });
        assertThat(logs).doesNotContain(SENTINEL);
    }

    @Test
    void anObjectTypedSecretStringIsAClearErrorNotAPublishedBrace() throws Exception {
        String body = "{\"Name\":\"app/s0\",\"VersionId\":\"v1\",\"SecretString\":{\"password\":\"" + SENTINEL + "\"}}";
        captureLogs(() -> {
            try (RawAwsServer server = new RawAwsServer(200, JSON, body)) {
                SecretsException thrown = catchThrowableOfType(
                        SecretsException.class, () -> builder(server, 1).build());
                assertThat(thrown.getMessage())
                        .contains("GetSecretValue app/s0", "SecretString is a JSON object, not a string");
                assertClean(thrown);
                server.respond(
                        200,
                        JSON,
                        "{\"SecretValues\":[{\"Name\":\"app/s0\",\"SecretString\":{\"p\":\"" + SENTINEL
                                + "\"}},{\"Name\":\"app/s1\",\"SecretString\":\"{\\\"password\\\":\\\"fine\\\"}\"}]}");
                // Inside a batch answer the SDK's parser loses its place after the object: a parse failure.
                try (ExternalSecrets secrets =
                        builder(server, 2).failOnError(false).build()) {
                    assertThat(secrets.all()).isEmpty();
                    secrets.failures().values().forEach(SanitisedMessagesTest::assertClean);
                }
            }
            return null;
        });
    }

    /** Message, toString and printed stack trace of the exception and of every cause and suppressed one. */
    private static void assertClean(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SENTINEL);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(SENTINEL);
            assertThat(t.toString()).doesNotContain(SENTINEL);
            for (Throwable suppressed : t.getSuppressed()) {
                assertClean(suppressed);
            }
        }
    }

    private static String captureLogs(Supplier<Void> body) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.get();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
