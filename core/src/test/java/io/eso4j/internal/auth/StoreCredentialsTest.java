package io.eso4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretsException;
import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.AwsAuthSpec;
import io.eso4j.spec.AwsProvider;
import io.eso4j.spec.SecretKeySelector;
import io.eso4j.spec.SecretStore;
import io.eso4j.spec.ServiceAccountSelector;
import io.eso4j.spec.StoreKind;
import io.eso4j.spec.Tag;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class StoreCredentialsTest {

    private static final String SENTINEL_SECRET = "sentinel-secret-value-1234";
    private static final String SENTINEL_KEY_ID = "AKIASENTINELKEYID999";
    private static final String SENTINEL_TOKEN = "sentinel-web-identity-token-5678";
    private static final String SENTINEL_EXTERNAL_ID = "sentinel-external-id-42";
    private static final String SENTINEL_TAG = "sentinel-tag-value-77";

    /** Builds STS providers without calling STS: nothing here resolves credentials through them. */
    private static final AuthOptions OFFLINE = AuthOptions.builder()
            .stsEndpoint(URI.create("http://127.0.0.1:9"))
            .asyncCredentialUpdate(false)
            .environment(name -> null)
            .build();

    @Test
    void secretRefBecomesStaticKeysLookedUpInTheExternalSecretsNamespace() {
        SecretStore store = store(StoreKind.SECRET_STORE, secretRef(null), "", List.of());
        SecretKeyResolver resolver = SecretKeyResolver.fromMap(Map.of(
                "team-a/awssm-secret/access-key",
                "AKIDTEAMA",
                "team-a/awssm-secret/secret-access-key",
                SENTINEL_SECRET));

        AwsCredentials credentials =
                StoreCredentials.forStore(store, "team-a", resolver).resolveCredentials();

        assertThat(credentials.accessKeyId()).isEqualTo("AKIDTEAMA");
        assertThat(credentials.secretAccessKey()).isEqualTo(SENTINEL_SECRET);
        assertThat(credentials).isNotInstanceOf(AwsSessionCredentials.class);
    }

    @Test
    void aStoreWithoutAuthUsesTheDefaultCredentialsOfTheOptionsInsteadOfTheSdkChain() {
        SecretStore store = store(StoreKind.SECRET_STORE, new AwsAuthSpec(null, null), "", List.of());
        AuthOptions options = AuthOptions.builder()
                .defaultCredentials(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                "AKIDDEFAULTOVERRIDE1", SENTINEL_SECRET)))
                .build();

        try (AwsAuth auth = StoreCredentials.forStore(store, "team-a", SecretKeyResolver.none(), options)) {
            assertThat(auth.resolveCredentials().accessKeyId()).isEqualTo("AKIDDEFAULTOVERRIDE1");
            assertThat(auth.toString()).doesNotContain(SENTINEL_SECRET).contains("default credentials");
        }
        assertThat(options.toString()).contains("defaultCredentials=provided").doesNotContain(SENTINEL_SECRET);
    }

    @Test
    void anOptionalSessionTokenMakesSessionCredentials() {
        SecretStore store = store(
                StoreKind.SECRET_STORE,
                secretRef(new SecretKeySelector("awssm-secret", "session-token", null)),
                "",
                List.of());
        SecretKeyResolver resolver = SecretKeyResolver.fromMap(Map.of(
                "awssm-secret/access-key", "ASIATEMP",
                "awssm-secret/secret-access-key", SENTINEL_SECRET,
                "awssm-secret/session-token", "token"));

        AwsCredentials credentials =
                StoreCredentials.forStore(store, "", resolver).resolveCredentials();

        assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
        assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("token");
    }

    @Test
    void aClusterStoreSelectorNamespaceWinsOverTheExternalSecretsNamespace() {
        AwsAuthSpec auth = new AwsAuthSpec(
                new AwsAuthSpec.SecretRefAuth(
                        new SecretKeySelector("creds", "id", "infra"),
                        new SecretKeySelector("creds", "secret", "infra"),
                        null),
                null);
        SecretStore store = store(StoreKind.CLUSTER_SECRET_STORE, auth, "", List.of());
        SecretKeyResolver resolver = SecretKeyResolver.fromMap(Map.of(
                "infra/creds/id", "AKIDINFRA",
                "infra/creds/secret", SENTINEL_SECRET,
                "team-a/creds/id", "AKIDWRONG",
                "team-a/creds/secret", "wrong"));

        assertThat(StoreCredentials.forStore(store, "team-a", resolver)
                        .resolveCredentials()
                        .accessKeyId())
                .isEqualTo("AKIDINFRA");
    }

    @Test
    void anUnresolvableKeyNamesTheStoreTheFieldAndTheSecretButNoValue() {
        SecretStore store = store(StoreKind.SECRET_STORE, secretRef(null), "", List.of());
        SecretKeyResolver resolver =
                SecretKeyResolver.fromMap(Map.of("awssm-secret/secret-access-key", SENTINEL_SECRET));

        assertThatThrownBy(() -> StoreCredentials.forStore(store, "team-a", resolver))
                .isInstanceOf(SecretsException.class)
                .hasMessageContaining("SecretStore team-a/aws-store")
                .hasMessageContaining("spec.provider.aws.auth.secretRef.accessKeyIDSecretRef")
                .hasMessageContaining("\"access-key\" of Secret \"awssm-secret\"")
                .message()
                .doesNotContain(SENTINEL_SECRET);
    }

    @Test
    void noAuthMeansTheSdkDefaultChain() {
        SecretStore store = store(StoreKind.SECRET_STORE, AwsAuthSpec.DEFAULT_CHAIN, "", List.of());

        try (AwsAuth auth = StoreCredentials.forStore(store, "", SecretKeyResolver.none())) {
            assertThat(auth).hasToString("AwsAuth[default chain]");
        }
    }

    @Test
    void theChainIsDescribedInEsosOrder() {
        SecretStore store = store(
                StoreKind.SECRET_STORE,
                secretRef(null),
                "arn:aws:iam::1:role/last",
                List.of("arn:aws:iam::1:role/first", "arn:aws:iam::1:role/second"));
        SecretKeyResolver resolver = SecretKeyResolver.fromMap(
                Map.of("awssm-secret/access-key", "AKIDTEAMA", "awssm-secret/secret-access-key", SENTINEL_SECRET));

        try (AwsAuth auth = StoreCredentials.forStore(store, "team-a", resolver, OFFLINE)) {
            assertThat(auth)
                    .hasToString("AwsAuth[static keys -> assume role arn:aws:iam::1:role/first -> assume role"
                            + " arn:aws:iam::1:role/second -> assume role arn:aws:iam::1:role/last]");
        }
    }

    @Test
    void jwtWithoutATokenFileNamesTheEnvironmentVariable() {
        AuthOptions options = OFFLINE.toBuilder()
                .environment(Map.of(AuthOptions.ROLE_ARN_ENV, "arn:aws:iam::1:role/r")::get)
                .build();

        assertThatThrownBy(() -> StoreCredentials.forStore(jwtStore(), "team-a", SecretKeyResolver.none(), options))
                .isInstanceOf(SecretsException.class)
                .hasMessageContaining("SecretStore team-a/aws-store spec.provider.aws.auth.jwt")
                .hasMessageContaining("AWS_WEB_IDENTITY_TOKEN_FILE");
    }

    @Test
    void jwtWithAMissingTokenFileNamesTheFileAndWhereItCameFrom(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-token");
        AuthOptions options = OFFLINE.toBuilder()
                .environment(Map.of(
                        AuthOptions.TOKEN_FILE_ENV,
                        missing.toString(),
                        AuthOptions.ROLE_ARN_ENV,
                        "arn:aws:iam::1:role/r")::get)
                .build();

        assertThatThrownBy(() -> StoreCredentials.forStore(jwtStore(), "team-a", SecretKeyResolver.none(), options))
                .isInstanceOf(SecretsException.class)
                .hasMessageContaining("cannot read web identity token file " + missing)
                .hasMessageContaining("(from AWS_WEB_IDENTITY_TOKEN_FILE)");
    }

    @Test
    void jwtWithAnEmptyTokenFileSaysSo(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("token"), "\n");
        AuthOptions options = OFFLINE.toBuilder()
                .webIdentityTokenFile(empty)
                .webIdentityRoleArn("arn:aws:iam::1:role/r")
                .build();

        assertThatThrownBy(() -> StoreCredentials.forStore(jwtStore(), "team-a", SecretKeyResolver.none(), options))
                .hasMessageContaining(
                        "web identity token file " + empty + " (from AuthOptions.webIdentityTokenFile) is empty");
    }

    @Test
    void jwtWithoutARoleUsesEsosMessageAndNamesTheSetting(@TempDir Path dir) throws IOException {
        Path token = Files.writeString(dir.resolve("token"), SENTINEL_TOKEN);
        AuthOptions options = OFFLINE.toBuilder().webIdentityTokenFile(token).build();

        assertThatThrownBy(() -> StoreCredentials.forStore(jwtStore(), "team-a", SecretKeyResolver.none(), options))
                .hasMessageContaining("an IAM role must be associated with service account app (namespace: team-a)")
                .hasMessageContaining("AWS_ROLE_ARN")
                .message()
                .doesNotContain(SENTINEL_TOKEN);
    }

    @Test
    void nothingPrintsAKeySecretOrToken(@TempDir Path dir) throws IOException {
        Path token = Files.writeString(dir.resolve("token"), SENTINEL_TOKEN);
        AuthOptions options = OFFLINE.toBuilder()
                .webIdentityTokenFile(token)
                .webIdentityRoleArn("arn:aws:iam::1:role/r")
                .build();
        AwsAuthSpec both = new AwsAuthSpec(
                secretRef(null).secretRef(), jwtStore().aws().auth().jwt());
        SecretStore store = new SecretStore(
                StoreKind.SECRET_STORE,
                "aws-store",
                "team-a",
                new AwsProvider(
                        null,
                        "eu-central-1",
                        "arn:aws:iam::1:role/last",
                        List.of(),
                        SENTINEL_EXTERNAL_ID,
                        List.of(new Tag("team", SENTINEL_TAG)),
                        List.of(),
                        null,
                        both),
                null);
        SecretKeyResolver resolver = SecretKeyResolver.fromMap(
                Map.of("awssm-secret/access-key", SENTINEL_KEY_ID, "awssm-secret/secret-access-key", SENTINEL_SECRET));

        List<String> rendered = new java.util.ArrayList<>();
        try (AwsAuth irsaChain = StoreCredentials.forStore(store, "team-a", resolver, options);
                AwsAuth keys = AwsAuth.staticKeys(SENTINEL_KEY_ID, SENTINEL_SECRET, SENTINEL_TOKEN);
                CredentialsCache cache = CredentialsCache.create(resolver, options)) {
            rendered.add(irsaChain.toString());
            rendered.add(keys.toString());
            rendered.add(options.toString());
            rendered.add(cache.toString());
            rendered.add(cache.forStore(store, "team-a").toString());
        }

        assertThat(String.join("\n", rendered))
                .contains("web identity arn:aws:iam::1:role/r -> assume role arn:aws:iam::1:role/last")
                .doesNotContain(SENTINEL_KEY_ID, SENTINEL_SECRET, SENTINEL_TOKEN, SENTINEL_EXTERNAL_ID, SENTINEL_TAG);
    }

    @Test
    void optionsRejectImpossibleSettings() {
        assertThatThrownBy(() -> AuthOptions.builder().sessionDuration(Duration.ofSeconds(899)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthOptions.builder().sessionDuration(Duration.ofHours(13)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthOptions.builder()
                        .prefetchTime(Duration.ofSeconds(30))
                        .staleTime(Duration.ofMinutes(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AuthOptions.defaults().prefetchTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(AuthOptions.defaults().staleTime()).isEqualTo(Duration.ofMinutes(1));
        assertThat(AuthOptions.defaults().asyncCredentialUpdate()).isTrue();
    }

    private static SecretStore jwtStore() {
        AwsAuthSpec jwt = new AwsAuthSpec(null, new AwsAuthSpec.JwtAuth(new ServiceAccountSelector("app", null, null)));
        return store(StoreKind.SECRET_STORE, jwt, "", List.of());
    }

    private static AwsAuthSpec secretRef(SecretKeySelector sessionToken) {
        return new AwsAuthSpec(
                new AwsAuthSpec.SecretRefAuth(
                        new SecretKeySelector("awssm-secret", "access-key", null),
                        new SecretKeySelector("awssm-secret", "secret-access-key", null),
                        sessionToken),
                null);
    }

    private static SecretStore store(StoreKind kind, AwsAuthSpec auth, String role, List<String> additionalRoles) {
        AwsProvider aws = new AwsProvider(null, "eu-central-1", role, additionalRoles, null, null, null, null, auth);
        return new SecretStore(kind, "aws-store", kind == StoreKind.SECRET_STORE ? "team-a" : "", aws, null);
    }
}
