package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code render --fixture} is offline for every store shape: with {@link NoNetwork} refusing every non-loopback
 * connection (and recording it), each shape resolves its secret, and nothing was refused. Before this fix, a store
 * with {@code auth.secretRef} and {@code role} sent AssumeRole to the real regional STS, and one outside
 * us-east-1 failed with {@code Credential should be scoped to a valid region}.
 */
class FixtureOfflineTest {

    private static final String VALUE = "S3NTINEL-offline-value";
    private static final String FIXTURE =
            "{\"remote\": [{\"name\": \"app/token\", \"secretString\": \"" + VALUE + "\"}]}";

    private static final String KEYS = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: aws-keys
              namespace: team
            stringData:
              access-key: AKIAOFFLINETEST00001
              secret-access-key: S3NTINEL-offline-secret-key
              session-token: S3NTINEL-offline-session-token
            """;

    private static final String STATIC = """
                  auth:
                    secretRef:
                      accessKeyIDSecretRef: {name: aws-keys, key: access-key}
                      secretAccessKeySecretRef: {name: aws-keys, key: secret-access-key}
            """;

    private static final String STATIC_SESSION = STATIC + """
                      sessionTokenSecretRef: {name: aws-keys, key: session-token}
            """;

    private static final String JWT = """
                  auth:
                    jwt:
                      serviceAccountRef: {name: app}
            """;

    private static final String ROLE = """
                  role: arn:aws:iam::123456789012:role/reader
            """;

    private static final String CHAIN = """
                  additionalRoles:
                    - arn:aws:iam::111111111111:role/hop-1
                    - arn:aws:iam::222222222222:role/hop-2
                  role: arn:aws:iam::123456789012:role/reader
                  externalID: S3NTINEL-external-id
                  sessionTags:
                    - {key: team, value: payments}
                  transitiveTagKeys: [team]
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void refuseTheNetwork() throws IOException {
        NoNetwork.arm();
    }

    @AfterAll
    static void allowTheNetwork() {
        NoNetwork.disarm();
    }

    static List<Arguments> shapes() {
        return List.of(
                Arguments.of("no auth", "us-east-1", ""),
                Arguments.of("no auth outside us-east-1", "eu-west-1", ""),
                Arguments.of("no auth + role", "eu-north-1", ROLE),
                Arguments.of("no auth + chain", "sa-east-1", CHAIN),
                Arguments.of("static keys", "ap-southeast-2", STATIC),
                Arguments.of("static session keys", "us-west-1", STATIC_SESSION),
                Arguments.of("static keys + role (ESO's doc store)", "eu-central-1", STATIC + ROLE),
                Arguments.of("static keys + chain + externalID + tags", "eu-west-1", STATIC + CHAIN),
                Arguments.of("static session keys + chain", "ap-northeast-1", STATIC_SESSION + CHAIN),
                Arguments.of("jwt", "us-west-2", JWT),
                Arguments.of("jwt + role", "ca-central-1", JWT + ROLE),
                Arguments.of("jwt + chain", "me-south-1", JWT + CHAIN));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("shapes")
    void everyStoreShapeResolvesAgainstTheFakeAndNothingElse(String shape, String region, String provider)
            throws IOException {
        Path manifests = write(
                "manifests.yaml",
                KEYS + "---\n" + store("SecretStore", "aws", region, provider) + "---\n"
                        + externalSecret("app", "SecretStore", "aws"));

        Cli.Result result = Cli.run(
                "render", "-f", manifests.toString(), "--fixture", fixture().toString(), "-o", "env");

        assertThat(NoNetwork.refused()).as(shape).isEmpty();
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("token='" + VALUE + "'\n");
        assertThat(result.err()).doesNotContain("S3NTINEL");
    }

    @Test
    void storesOfSeveralRegionsAndKindsInOneRender() throws IOException {
        Path manifests = write(
                "manifests.yaml",
                KEYS + "---\n" + store("SecretStore", "static", "eu-west-1", STATIC + CHAIN) + "---\n"
                        + store("ClusterSecretStore", "irsa", "ap-south-1", JWT + ROLE) + "---\n"
                        + store("SecretStore", "plain", "us-east-2", "") + "---\n"
                        + externalSecret("one", "SecretStore", "static") + "---\n"
                        + externalSecret("two", "ClusterSecretStore", "irsa") + "---\n"
                        + externalSecret("three", "SecretStore", "plain"));

        Cli.Result result = Cli.run(
                "render", "-f", manifests.toString(), "--fixture", fixture().toString(), "-o", "keys");

        assertThat(NoNetwork.refused()).isEmpty();
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Secret team/one ", "Secret team/two ", "Secret team/three ");
        assertThat(result.out() + result.err()).doesNotContain("S3NTINEL");
    }

    @Test
    void theGuardDoesRefuseANonLoopbackConnection() {
        // The same render against a real endpoint: the guard must see it, or the tests above prove nothing.
        Path seed = Cli.SEED_MANIFESTS;

        Cli.Result result = Cli.run(
                "render", "-f", seed.toString(), "--endpoint-url", "https://secretsmanager.eu-west-1.amazonaws.com");

        assertThat(NoNetwork.refused()).contains("https://secretsmanager.eu-west-1.amazonaws.com");
        assertThat(result.exitCode()).isEqualTo(Eso4j.RESOLUTION_ERROR);
    }

    private static String store(String kind, String name, String region, String provider) {
        return """
                apiVersion: external-secrets.io/v1
                kind: %s
                metadata:
                  name: %s
                %s
                spec:
                  provider:
                    aws:
                      service: SecretsManager
                      region: %s
                %s""".formatted(
                                kind,
                                name,
                                kind.equals("SecretStore") ? "  namespace: team" : "",
                                region,
                                provider.replace("namespace: team", ""))
                        .replace("\n\n", "\n")
                + (kind.equals("ClusterSecretStore") && provider.contains("secretRef") ? "" : "");
    }

    private static String externalSecret(String name, String storeKind, String store) {
        return """
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: %s
                  namespace: team
                spec:
                  secretStoreRef:
                    kind: %s
                    name: %s
                  data:
                    - secretKey: token
                      remoteRef:
                        key: app/token
                """.formatted(name, storeKind, store);
    }

    private Path fixture() throws IOException {
        return write("fixture.json", FIXTURE);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
