package io.eso4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretsException;
import io.eso4j.spec.AwsAuthSpec;
import io.eso4j.spec.AwsProvider;
import io.eso4j.spec.SecretKeySelector;
import io.eso4j.spec.SecretStore;
import io.eso4j.spec.ServiceAccountSelector;
import io.eso4j.spec.StoreKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

class StoreCredentialsTest {

    private static final String SENTINEL_SECRET = "sentinel-secret-value-1234";

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

        assertThat(StoreCredentials.forStore(store, "", SecretKeyResolver.none()))
                .isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void roleChainsAndJwtAreRejectedByFieldUntilSupported() {
        SecretKeyResolver none = SecretKeyResolver.none();
        assertThatThrownBy(() -> StoreCredentials.forStore(
                        store(StoreKind.SECRET_STORE, AwsAuthSpec.DEFAULT_CHAIN, "arn:aws:iam::1:role/r", List.of()),
                        "",
                        none))
                .hasMessageContaining("spec.provider.aws.role: not supported yet");
        assertThatThrownBy(() -> StoreCredentials.forStore(
                        store(StoreKind.SECRET_STORE, AwsAuthSpec.DEFAULT_CHAIN, "", List.of("arn:aws:iam::1:role/a")),
                        "",
                        none))
                .hasMessageContaining("spec.provider.aws.additionalRoles: not supported yet");
        AwsAuthSpec jwt = new AwsAuthSpec(null, new AwsAuthSpec.JwtAuth(new ServiceAccountSelector("app", null, null)));
        assertThatThrownBy(() -> StoreCredentials.forStore(store(StoreKind.SECRET_STORE, jwt, "", List.of()), "", none))
                .hasMessageContaining("spec.provider.aws.auth.jwt: not supported yet");
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
