package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class FakeAwsCommandTest {

    @Test
    void servesTheFixtureAndPrintsTheEnvironmentUntilStopped() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        FakeAwsCommand.Lifetime lifetime = server -> {
            started.countDown();
            stop.await();
        };
        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run(
                lifetime,
                "fake-aws",
                "--port",
                "0",
                "--region",
                "eu-west-1",
                "--fixture",
                Cli.SEED_FIXTURE.toString(),
                "--latency",
                "1ms"));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        stop.countDown();
        Cli.Result result = run.get(30, TimeUnit.SECONDS);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("listening on http://127.0.0.1:");
        assertThat(result.out()).contains("export AWS_REGION=eu-west-1\n");
    }

    @Test
    void anSdkClientConfiguredFromThePrintedLinesReadsTheFixture() throws Exception {
        CompletableFuture<String> value = new CompletableFuture<>();
        StringBuilder printed = new StringBuilder();
        FakeAwsCommand.Lifetime lifetime = server -> {
            // The command has printed its lines by now; read the fixture through a client built from them.
            Map<String, String> env = printed.toString()
                    .lines()
                    .map(EXPORT::matcher)
                    .filter(Matcher::matches)
                    .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2)));
            try (SecretsManagerClient client = SecretsManagerClient.builder()
                    .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL")))
                    .region(Region.of(env.get("AWS_REGION")))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build()) {
                value.complete(
                        client.getSecretValue(r -> r.secretId("DB-CREDENTIALS")).secretString());
            } catch (RuntimeException e) {
                value.completeExceptionally(e);
            }
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Eso4j.commandLine(server -> {
                    printed.append(out);
                    lifetime.await(server);
                })
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("fake-aws", "--port", "0", "--fixture", Cli.SEED_FIXTURE.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(value.get(5, TimeUnit.SECONDS)).contains("\"db-user\":\"ops_admin\"");
    }

    private static final Pattern EXPORT = Pattern.compile("export (AWS_[A-Z_]+)=(.*)");
}
