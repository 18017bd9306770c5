package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private Process run(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("built by package, before integration-test").isRegularFile();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return process;
    }
}
