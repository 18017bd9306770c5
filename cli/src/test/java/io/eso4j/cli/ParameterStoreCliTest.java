package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Parameter Store stores through the CLI: {@code validate}, {@code render --fixture}, and {@code fake-aws}. */
class ParameterStoreCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXPORT = Pattern.compile("export (AWS_[A-Z_]+)=(.*)");

    private static final String MANIFESTS = """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata:
              name: ssm
            spec:
              provider:
                aws:
                  service: ParameterStore
                  region: us-east-1
                  prefix: /prod
            ---
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata:
              name: app
            spec:
              secretStoreRef:
                name: ssm
              data:
                - secretKey: url
                  remoteRef:
                    key: /app/url
                - secretKey: password
                  remoteRef:
                    key: /app/db
                    property: password
                - secretKey: previous
                  remoteRef:
                    key: /app/url
                    version: "1"
            """;

    private static final String FIXTURE = """
            {"parameters": [
              {"name": "/prod/app/url", "value": "https://old.example"},
              {"name": "/prod/app/url", "value": "https://new.example"},
              {"name": "/prod/app/db", "type": "SecureString", "value": "{\\"password\\":\\"ssm-pass-Zq9\\"}"}
            ]}
            """;

    @TempDir
    Path dir;

    @Test
    void validateAcceptsAParameterStoreStore() throws IOException {
        Path manifests = Files.writeString(dir.resolve("ps.yaml"), MANIFESTS);

        Cli.Result result = Cli.run("validate", "-f", manifests.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("valid: 1 ExternalSecret, 1 SecretStore");
    }

    @Test
    void renderReadsParametersFromAFixtureWithPrefixVersionAndProperty() throws IOException {
        Path manifests = Files.writeString(dir.resolve("ps.yaml"), MANIFESTS);
        Path fixture = Files.writeString(dir.resolve("ps.json"), FIXTURE);

        Cli.Result result = Cli.run("render", "-f", manifests.toString(), "--fixture", fixture.toString(), "-o", "json")
                .assertNoValueOnStderr(List.of("ssm-pass-Zq9"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode secret = JSON.readTree(result.out());
        Map<String, String> data = new TreeMap<>();
        secret.path("data")
                .properties()
                .forEach(e -> data.put(
                        e.getKey(),
                        new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        assertThat(data)
                .containsExactly(
                        Map.entry("password", "ssm-pass-Zq9"),
                        Map.entry("previous", "https://old.example"),
                        Map.entry("url", "https://new.example"));
    }

    @Test
    void fakeAwsServesParametersToAnSsmClientConfiguredFromThePrintedLines() throws Exception {
        Path fixture = Files.writeString(dir.resolve("ps.json"), FIXTURE);
        CompletableFuture<String> value = new CompletableFuture<>();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Eso4j.commandLine(server -> {
                    Map<String, String> env = out.toString()
                            .lines()
                            .map(EXPORT::matcher)
                            .filter(Matcher::matches)
                            .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2)));
                    try (SsmClient client = SsmClient.builder()
                            .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL")))
                            .region(Region.of(env.get("AWS_REGION")))
                            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                    env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .build()) {
                        value.complete(
                                client.getParameter(r -> r.name("/prod/app/db").withDecryption(true))
                                        .parameter()
                                        .value());
                    } catch (RuntimeException e) {
                        value.completeExceptionally(e);
                    }
                })
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("fake-aws", "--port", "0", "--fixture", fixture.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(value.get(5, TimeUnit.SECONDS)).isEqualTo("{\"password\":\"ssm-pass-Zq9\"}");
    }
}
