package io.eso4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.AwsAuthSpec;
import io.eso4j.spec.AwsProvider;
import io.eso4j.spec.SecretKeySelector;
import io.eso4j.spec.SecretStore;
import io.eso4j.spec.StoreKind;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One credential per store (by value) and, where the store's auth depends on it, per namespace. The cache's key
 * hashes only the store's kind, name and namespace (issue #16 item 3: no record bootstrap before the first secret),
 * so these pin that equality is still the store's value.
 */
class CredentialsCacheTest {

    private static final AuthOptions OFFLINE = AuthOptions.builder()
            .stsEndpoint(URI.create("http://127.0.0.1:9"))
            .asyncCredentialUpdate(false)
            .environment(name -> null)
            .build();

    private static SecretStore store(String region, AwsAuthSpec auth) {
        AwsProvider aws = new AwsProvider(null, region, "", List.of(), null, null, null, null, auth);
        return new SecretStore(StoreKind.SECRET_STORE, "aws-store", "team-a", aws, null);
    }

    private static AwsAuthSpec secretRef() {
        return new AwsAuthSpec(
                new AwsAuthSpec.SecretRefAuth(
                        new SecretKeySelector("awssm-secret", "access-key", null),
                        new SecretKeySelector("awssm-secret", "secret-access-key", null),
                        null),
                null);
    }

    @Test
    void storesEqualByValueShareOneCredentialAndADifferentStoreOfTheSameNameDoesNot() {
        try (CredentialsCache cache = CredentialsCache.create(SecretKeyResolver.none(), OFFLINE)) {
            AwsAuth first = cache.forStore(store("eu-central-1", new AwsAuthSpec(null, null)), "team-a");

            assertThat(cache.forStore(store("eu-central-1", new AwsAuthSpec(null, null)), "team-a"))
                    .as("a new but equal store instance (as generators build)")
                    .isSameAs(first);
            assertThat(cache.forStore(store("us-east-1", new AwsAuthSpec(null, null)), "team-a"))
                    .as("same kind, name and namespace, another provider: another credential")
                    .isNotSameAs(first);
        }
    }

    @Test
    void aStoreWhoseKeysAreReadPerNamespaceGetsOneCredentialPerNamespace() {
        SecretKeyResolver keys = SecretKeyResolver.fromMap(Map.of(
                "team-a/awssm-secret/access-key", "AKIDTEAMA",
                "team-a/awssm-secret/secret-access-key", "not-a-real-key-a",
                "team-b/awssm-secret/access-key", "AKIDTEAMB",
                "team-b/awssm-secret/secret-access-key", "not-a-real-key-b"));
        try (CredentialsCache cache = CredentialsCache.create(keys, OFFLINE)) {
            SecretStore store = store("eu-central-1", secretRef());

            AwsAuth teamA = cache.forStore(store, "team-a");

            assertThat(cache.forStore(store, "team-a")).isSameAs(teamA);
            assertThat(cache.forStore(store, "team-b")).isNotSameAs(teamA);
        }
    }
}
