package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code target/eso4j.jar} as a child process: what the launcher script runs. */
class Eso4jJarIT {

    private static final Path JAR = Path.of("target", "eso4j.jar");

    @TempDir
    Path dir;

    @Test
    void theShadedJarRendersTheSeedScenario() throws Exception {
        Process result = run("render", "-f", Cli.SEED_MANIFESTS.toString(), "--fixture", Cli.SEED_FIXTURE.toString());

        String out = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
        String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
        assertThat(result.exitValue()).as(err).isZero();
        assertThat(out).contains("name: my-kubeops-db-secret", "db-pass: czNjcjN0LVBhc3N3MHJk");
        assertThat(err).isEmpty();
    }

    /**
     * The jar bundles eso4j-template-crypto: ESO's {@code TestExecute} "base64 pkcs12 extract" and "jwk rsa pub pem"
     * vectors ({@code conformance/template-vectors.json}) render through it as in ESO.
     */
    @Test
    void theShadedJarRendersPkcs12AndJwkTemplates() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode vectors = json.readTree(
                Path.of("..", "conformance", "template-vectors.json").toFile());
        for (String id : List.of("eso-template-base64-pkcs12-extract", "eso-template-jwk-rsa-pub-pem")) {
            com.fasterxml.jackson.databind.JsonNode vector = null;
            for (com.fasterxml.jackson.databind.JsonNode v : vectors) {
                if (v.get("id").asText().equals(id)) {
                    vector = v;
                }
            }
            assertThat(vector).as(id).isNotNull();
            Path fixture = dir.resolve(id + ".json");
            Files.writeString(fixture, vector.toString());
            com.fasterxml.jackson.databind.node.ObjectNode spec =
                    vector.get("spec").deepCopy();
            spec.putObject("secretStoreRef").put("name", "aws");
            Path manifest = dir.resolve(id + ".yaml");
            Files.writeString(manifest, """
                    apiVersion: external-secrets.io/v1
                    kind: SecretStore
                    metadata: {name: aws}
                    spec: {provider: {aws: {service: SecretsManager, region: us-east-1}}}
                    ---
                    apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata: {name: app}
                    spec: %s
                    """.formatted(spec.toString()));

            Process result = run("render", "-f", manifest.toString(), "--fixture", fixture.toString(), "-o", "json");

            String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
            assertThat(result.exitValue()).as(err).isZero();
            com.fasterxml.jackson.databind.JsonNode data =
                    json.readTree(Files.readString(dir.resolve("out"))).path("data");
            vector.get("expect")
                    .properties()
                    .forEach(e -> assertThat(new String(
                                    java.util.Base64.getDecoder()
                                            .decode(data.path(e.getKey()).asText()),
                                    StandardCharsets.UTF_8))
                            .as("%s %s", id, e.getKey())
                            .isEqualTo(e.getValue().asText()));
        }
    }

    @Test
    void theShadedJarExitsTwoOnAnInvalidManifestWithoutPrintingValues() throws Exception {
        Path manifest = dir.resolve("bad.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: keys
                data:
                  access-key: not*base64*secret-value
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: app
                spec:
                  secretStoreRef:
                    name: missing
                """);

        Process result = run("render", "-f", manifest.toString(), "--fixture", Cli.SEED_FIXTURE.toString());

        String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
        assertThat(result.exitValue()).isEqualTo(Eso4j.INVALID);
        assertThat(err).contains("bad.yaml#2 spec.secretStoreRef").doesNotContain("secret-value");
        assertThat(Files.readString(dir.resolve("out"))).isEmpty();
    }

    /**
     * A store with static keys, two additionalRoles, role, externalID and session tags in eu-west-1 (it failed with
     * "Credential should be scoped to a valid region", and ESO's doc stores with role sent AssumeRole to the real
     * STS), rendered by a JVM that can resolve no host name at all ({@code jdk.net.hosts.file} naming an empty file)
     * and has no AWS settings in its environment: every AWS call must go to the in-process fake on 127.0.0.1.
     */
    @Test
    void theShadedJarRendersARoleChainStoreOfflineInAJvmThatCannotResolveAnyName() throws Exception {
        Path manifest = dir.resolve("chain.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: aws-keys
                stringData:
                  access-key: AKIAJARITOFFLINE0001
                  secret-access-key: S3NTINEL-jar-secret-key
                ---
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata:
                  name: aws
                spec:
                  provider:
                    aws:
                      service: SecretsManager
                      region: eu-west-1
                      additionalRoles: [arn:aws:iam::111111111111:role/hop-1, arn:aws:iam::222222222222:role/hop-2]
                      role: arn:aws:iam::123456789012:role/reader
                      externalID: S3NTINEL-external-id
                      sessionTags: [{key: team, value: payments}]
                      auth:
                        secretRef:
                          accessKeyIDSecretRef: {name: aws-keys, key: access-key}
                          secretAccessKeySecretRef: {name: aws-keys, key: secret-access-key}
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: app
                spec:
                  secretStoreRef:
                    name: aws
                  dataFrom:
                    - extract:
                        key: DB-CREDENTIALS
                """);
        Path noHosts = Files.writeString(dir.resolve("no-hosts"), "");

        Process result = run(
                List.of("-Djdk.net.hosts.file=" + noHosts),
                "render",
                "-f",
                manifest.toString(),
                "--fixture",
                Cli.SEED_FIXTURE.toString(),
                "-o",
                "env");

        String out = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
        String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
        assertThat(result.exitValue()).as(err).isZero();
        assertThat(out).contains("db_pass='s3cr3t-Passw0rd'");
        assertThat(err).doesNotContain("S3NTINEL", "UnknownHost", "amazonaws.com");
    }

    /**
     * A 3 GiB key file (sparse: no disk used) once made reading it an OutOfMemoryError, after which the fake's
     * non-daemon HTTP dispatcher kept the JVM alive. Key files are now refused unread above 64 KiB; the process
     * must end, with the size-limit error line and exit code 1, while the fake is running.
     */
    @Test
    void theShadedJarRefusesAHugeKeyFileAndEndsWithTheFakeRunning() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("mounted").resolve("aws-secret-user-secret"));
        Files.writeString(keys.resolve("access-key"), "AKIAJARITHUGEKEY0001");
        try (FileChannel huge = FileChannel.open(
                keys.resolve("secret-access-key"),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            huge.position(3L << 30);
            huge.write(ByteBuffer.wrap("S3NTINEL".getBytes(StandardCharsets.UTF_8)));
        }

        Process result = run(
                List.of(),
                "render",
                "-f",
                Cli.SEED_MANIFESTS.resolve("secret-store.yaml").toString(),
                "-f",
                Cli.SEED_MANIFESTS.resolve("external-secret.yaml").toString(),
                "--secrets-dir",
                dir.resolve("mounted").toString(),
                "--fixture",
                Cli.SEED_FIXTURE.toString());

        String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
        assertThat(result.exitValue()).as(err).isEqualTo(Eso4j.RESOLUTION_ERROR);
        // The outage WARN of the initial resolution is logged to standard error before the error line.
        assertThat(err.lines().filter(l -> l.startsWith("error: ")))
                .singleElement()
                .asString()
                .contains("secret-access-key is larger than the limit of 65536 bytes; not read");
        assertThat(err).doesNotContain("S3NTINEL");
        assertThat(Files.readString(dir.resolve("out"))).isEmpty();
    }

    private Process run(String... args) throws IOException, InterruptedException {
        return run(List.of(), args);
    }

    private Process run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("built by package, before integration-test").isRegularFile();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        // No AWS settings from the build's environment: the child must not need them, nor follow them.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("HOME", dir.toString());
        Process process = builder.start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("finished (a JVM left running by a non-daemon thread never does)")
                    .isTrue();
        } finally {
            process.destroyForcibly();
        }
        return process;
    }
}
