package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RenderCommandTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** SHA3-224 of {@code map[db-host:[…] db-pass:[…] db-port:[…] db-user:[…]]}, computed with Python's hashlib. */
    private static final String SEED_DATA_HASH = "dae42c9fb5f52046077294e49db4ba9a69360a72705a09a0b8bcfd59";

    private static final String STORE = """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata:
              name: aws
            spec:
              provider:
                aws:
                  service: SecretsManager
                  region: us-east-1
            """;

    private static final String FIXTURE = """
            {"remote": [
              {"name": "app/db", "secretString": "{\\"user\\":\\"app-user-value\\",\\"pass\\":\\"it's-a-pass\\"}"},
              {"name": "app/token", "secretString": "token-value-1234"}
            ]}
            """;

    private static final List<String> FIXTURE_VALUES = List.of("app-user-value", "it's-a-pass", "token-value-1234");

    @TempDir
    Path dir;

    @Test
    void rendersTheSeedScenarioAsTheSecretEsoWouldWrite() throws IOException {
        Cli.Result result = Cli.run(
                        "render", "-f", Cli.SEED_MANIFESTS.toString(), "--fixture", Cli.SEED_FIXTURE.toString())
                .assertNoValueOnStderr(Cli.SEED_VALUES);

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode secret = YAML.readTree(result.out());
        assertThat(secret.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("my-kubeops-db-secret");
        assertThat(secret.path("metadata").path("labels").path("reconcile.external-secrets.io/managed"))
                .isEqualTo(JSON.getNodeFactory().textNode("true"));
        assertThat(secret.path("metadata")
                        .path("annotations")
                        .path("reconcile.external-secrets.io/data-hash")
                        .asText())
                .isEqualTo(SEED_DATA_HASH);
        assertThat(secret.path("type").asText()).isEqualTo("Opaque");
        assertThat(decode(secret.path("data")))
                .containsExactly(
                        Map.entry("db-host", "db.example.internal"),
                        Map.entry("db-pass", "s3cr3t-Passw0rd"),
                        Map.entry("db-port", "5432"),
                        Map.entry("db-user", "ops_admin"));
    }

    @Test
    void jsonPrintsOneSecretAsAnObjectAndSeveralAsAList() throws IOException {
        Path manifests = manifests(
                externalSecret("one", "Retain", "app/token") + "---\n" + externalSecret("two", "Retain", "app/token"));
        Path fixture = fixture();

        Cli.Result one = Cli.run(
                "render",
                "-f",
                manifests.toString(),
                "--fixture",
                fixture.toString(),
                "-o",
                "json",
                "--external-secret",
                "one");
        Cli.Result both = Cli.run("render", "-f", manifests.toString(), "--fixture", fixture.toString(), "-o", "JSON");

        assertThat(one.exitCode()).as(one.err()).isZero();
        JsonNode secret = JSON.readTree(one.out());
        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("one");
        assertThat(decode(secret.path("data"))).containsExactly(Map.entry("token", "token-value-1234"));
        JsonNode list = JSON.readTree(both.out());
        assertThat(list.path("kind").asText()).isEqualTo("List");
        assertThat(list.path("items").findValuesAsText("name")).containsExactly("one", "two");
    }

    @Test
    void envPrintsShellQuotedAssignmentsAndRenamesKeysThatAreNotShellNames() throws IOException {
        Path manifests = manifests(externalSecret("app", "Retain", "app/token")
                .replace("  data:\n", "  dataFrom:\n    - extract:\n        key: app/db\n  data:\n"));

        Cli.Result result = Cli.run(
                        "render",
                        "-f",
                        manifests.toString(),
                        "--fixture",
                        fixture().toString(),
                        "-o",
                        "env")
                .assertNoValueOnStderr(FIXTURE_VALUES);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .isEqualTo("pass='it'\\''s-a-pass'\n" + "token='token-value-1234'\n" + "user='app-user-value'\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void envRenamesDashedKeysWithANote() {
        Cli.Result result = Cli.run(
                        "render",
                        "-f",
                        Cli.SEED_MANIFESTS.toString(),
                        "--fixture",
                        Cli.SEED_FIXTURE.toString(),
                        "-o",
                        "env")
                .assertNoValueOnStderr(Cli.SEED_VALUES);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("db_pass='s3cr3t-Passw0rd'\n", "db_user='ops_admin'\n");
        assertThat(result.err()).contains("key db-pass written as db_pass");
    }

    @Test
    void keysPrintsNamesAndSizesButNoValue() {
        Cli.Result result = Cli.run(
                "render", "-f", Cli.SEED_MANIFESTS.toString(), "--fixture", Cli.SEED_FIXTURE.toString(), "-o", "keys");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo(
                        "Secret my-kubeops-db-secret (type Opaque, from ExternalSecret my-external-secrets): 4 keys\n"
                                + "  db-host  19 bytes\n"
                                + "  db-pass  15 bytes\n"
                                + "  db-port  4 bytes\n"
                                + "  db-user  9 bytes\n");
        for (String value : Cli.SEED_VALUES) {
            assertThat(result.out()).doesNotContain(value);
        }
    }

    @Test
    void aMissingSecretUnderRetainFailsNamingTheAwsIdAndPrintsOnlyTheOthers() throws IOException {
        Path manifests = manifests(externalSecret("broken", "Retain", "app/token", "app/missing") + "---\n"
                + externalSecret("fine", "Retain", "app/token"));

        Cli.Result result = Cli.run(
                        "render",
                        "-f",
                        manifests.toString(),
                        "--fixture",
                        fixture().toString())
                .assertNoValueOnStderr(FIXTURE_VALUES);

        assertThat(result.exitCode()).isEqualTo(Eso4j.RESOLUTION_ERROR);
        assertThat(result.err()).contains("broken").contains("app/missing");
        assertThat(result.out()).contains("name: fine").doesNotContain("name: broken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Delete", "Merge"})
    void aMissingSecretIsSkippedUnderDeleteAndMerge(String deletionPolicy) throws IOException {
        Path manifests = manifests(externalSecret("app", deletionPolicy, "app/token", "app/missing"));

        Cli.Result result = Cli.run(
                        "render",
                        "-f",
                        manifests.toString(),
                        "--fixture",
                        fixture().toString(),
                        "-o",
                        "json")
                .assertNoValueOnStderr(FIXTURE_VALUES);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(decode(JSON.readTree(result.out()).path("data")))
                .containsExactly(Map.entry("token", "token-value-1234"));
    }

    @Test
    void nothingLeftUnderDeleteMeansEsoWouldDeleteTheSecret() throws IOException {
        Path manifests = manifests(externalSecret("app", "Delete", "app/missing"));

        Cli.Result result = Cli.run(
                "render", "-f", manifests.toString(), "--fixture", fixture().toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("secret deleted due to DeletionPolicy=Delete");
    }

    /** Issue 15 item 3: a ConfigMap template source given with {@code -f} next to the ExternalSecret. */
    @Test
    void rendersATemplateFromAConfigMapGivenNextToTheExternalSecret() throws IOException {
        Path manifests = manifests("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: app}
                spec:
                  secretStoreRef: {name: aws}
                  data:
                    - {secretKey: token, remoteRef: {key: app/token}}
                  target:
                    template:
                      templateFrom:
                        - configMap: {name: tpl, items: [{key: config.ini}]}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: tpl}
                data:
                  config.ini: "token={{ .token }}"
                """);

        Cli.Result result = Cli.run(
                "render", "-f", manifests.toString(), "--fixture", fixture().toString(), "-o", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(decode(JSON.readTree(result.out()).path("data")))
                .containsExactly(Map.entry("config.ini", "token=token-value-1234"));
    }

    /** ESO decides on the provider's data: a template rendering only labels still writes the Secret. */
    @Test
    void aTemplateOfLabelsOnlyStillWritesTheSecretUnderDelete() throws IOException {
        Path manifests = manifests("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: app}
                spec:
                  secretStoreRef: {name: aws}
                  data:
                    - {secretKey: token, remoteRef: {key: app/token}}
                  target:
                    deletionPolicy: Delete
                    template:
                      templateFrom:
                        - {literal: "team: payments", target: Labels}
                """);

        Cli.Result result = Cli.run(
                "render", "-f", manifests.toString(), "--fixture", fixture().toString(), "-o", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode secret = JSON.readTree(result.out());
        assertThat(secret.path("metadata").path("labels").path("team").asText()).isEqualTo("payments");
        assertThat(result.err()).doesNotContain("deleted");
    }

    @Test
    void staticKeysResolveFromAMountedSecretsDirectory() throws IOException {
        Path keys = dir.resolve("keys").resolve("aws-secret-user-secret");
        Files.createDirectories(keys);
        Files.writeString(keys.resolve("access-key"), "AKIAMOUNTEDEXAMPLE01\n");
        Files.writeString(keys.resolve("secret-access-key"), "mounted-secret-key\n");
        Path seed = Cli.SEED_MANIFESTS;

        Cli.Result result = Cli.run(
                        "render",
                        "-f",
                        seed.resolve("secret-store.yaml").toString(),
                        "-f",
                        seed.resolve("external-secret.yaml").toString(),
                        "--secrets-dir",
                        dir.resolve("keys").toString(),
                        "--fixture",
                        Cli.SEED_FIXTURE.toString(),
                        "-o",
                        "keys",
                        "-n",
                        "team-a")
                .assertNoValueOnStderr(List.of("AKIAMOUNTEDEXAMPLE01", "mounted-secret-key"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Secret team-a/my-kubeops-db-secret ");
    }

    @Test
    void aStoreWhoseKeysCannotBeFoundFailsNamingTheKeyNotItsValue() {
        Path seed = Cli.SEED_MANIFESTS;

        Cli.Result result = Cli.run(
                "render",
                "-f",
                seed.resolve("secret-store.yaml").toString(),
                "-f",
                seed.resolve("external-secret.yaml").toString(),
                "--fixture",
                Cli.SEED_FIXTURE.toString());

        assertThat(result.exitCode()).isEqualTo(Eso4j.RESOLUTION_ERROR);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("my-external-secrets", "aws-secret-user-secret", "access-key");
    }

    @Test
    void anUnknownExternalSecretIsAUsageError() {
        Cli.Result result = Cli.run(
                "render",
                "-f",
                Cli.SEED_MANIFESTS.toString(),
                "--fixture",
                Cli.SEED_FIXTURE.toString(),
                "--external-secret",
                "nope");

        assertThat(result.exitCode()).isEqualTo(Eso4j.INVALID);
        assertThat(result.err()).contains("no ExternalSecret named \"nope\"", "my-external-secrets");
    }

    @Test
    void anInvalidManifestStopsRenderWithExitCodeTwo() throws IOException {
        Path manifests = manifests(externalSecret("app", "Sometimes", "app/token"));

        Cli.Result result = Cli.run(
                "render", "-f", manifests.toString(), "--fixture", fixture().toString());

        assertThat(result.exitCode()).isEqualTo(Eso4j.INVALID);
        assertThat(result.err()).contains("manifests.yaml#2 spec.target.deletionPolicy");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aSecretManifestWithBrokenBase64IsInvalidAndItsValueIsNotShown() throws IOException {
        Path manifests = manifests(
                externalSecret("app", "Retain", "app/token") + "---\napiVersion: v1\nkind: Secret\nmetadata:\n"
                        + "  name: keys\ndata:\n  access-key: not*base64*secret\n");

        Cli.Result result = Cli.run(
                "render", "-f", manifests.toString(), "--fixture", fixture().toString());

        assertThat(result.exitCode()).isEqualTo(Eso4j.INVALID);
        assertThat(result.err()).contains("manifests.yaml#3 data.access-key: is not valid base64");
        assertThat(result.err()).doesNotContain("not*base64*secret");
    }

    private Path manifests(String externalSecrets) throws IOException {
        Path file = dir.resolve("manifests.yaml");
        Files.writeString(file, STORE + "---\n" + externalSecrets);
        return file;
    }

    private Path fixture() throws IOException {
        Path file = dir.resolve("fixture.json");
        Files.writeString(file, FIXTURE);
        return file;
    }

    /** An ExternalSecret with one {@code data} entry per remote key, each under the key's last path segment. */
    private static String externalSecret(String name, String deletionPolicy, String... remoteKeys) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: %s
                spec:
                  secretStoreRef:
                    name: aws
                  target:
                    deletionPolicy: %s
                  data:
                """.formatted(name, deletionPolicy));
        for (String key : remoteKeys) {
            yaml.append("    - secretKey: ")
                    .append(key.substring(key.lastIndexOf('/') + 1))
                    .append("\n      remoteRef:\n        key: ")
                    .append(key)
                    .append('\n');
        }
        return yaml.toString();
    }

    private static Map<String, String> decode(JsonNode data) {
        Map<String, String> decoded = new LinkedHashMap<>();
        data.properties()
                .forEach(e -> decoded.put(
                        e.getKey(),
                        new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        return decoded;
    }
}
