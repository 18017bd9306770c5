package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void validManifestsExitZeroWithASummary() {
        Cli.Result result = Cli.run("validate", "-f", Cli.SEED_MANIFESTS.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .isEqualTo("valid: 1 ExternalSecret, 1 SecretStore, 0 ClusterSecretStores, 1 other document\n");
    }

    @Test
    void reportsEveryProblemWithFileDocumentAndFieldPath() throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata:
                  name: aws
                spec:
                  provider:
                    aws:
                      service: SecretsManager
                      region: us-east-1
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: app
                spec:
                  secretStoreRef:
                    name: aws
                  data:
                    - secretKey: password
                      remoteRef:
                        key: ""
                  target:
                    creationPolicy: Sometimes
                """);

        Cli.Result result = Cli.run("validate", "-f", file.toString());

        assertThat(result.exitCode()).isEqualTo(Eso4j.INVALID);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().filter(line -> line.startsWith("error: ")))
                .anySatisfy(line -> assertThat(line).contains(file + "#2 spec.data[0].remoteRef.key"))
                .anySatisfy(line -> assertThat(line).contains(file + "#2 spec.target.creationPolicy"));
    }

    @Test
    void aStoreReferenceThatResolvesNowhereIsInvalid() throws IOException {
        Path file = dir.resolve("es.yaml");
        Files.writeString(file, """
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: app
                spec:
                  secretStoreRef:
                    name: nowhere
                  dataFrom:
                    - extract:
                        key: app/db
                """);

        Cli.Result result = Cli.run("validate", "-f", file.toString());

        assertThat(result.exitCode()).isEqualTo(Eso4j.INVALID);
        assertThat(result.err()).contains(file + "#1 spec.secretStoreRef", "nowhere");
    }

    @Test
    void aMissingFileIsInvalid() {
        Cli.Result result = Cli.run("validate", "-f", dir.resolve("absent.yaml").toString());

        assertThat(result.exitCode()).isEqualTo(Eso4j.INVALID);
        assertThat(result.err()).contains("absent.yaml", "cannot be read");
    }
}
