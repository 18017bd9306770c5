package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStore;
import io.eso4j.testkit.FakeAwsExtension;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LookupTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static ExternalSecret es(String namespace, String name, String key) {
        return ExternalSecret.builder()
                .namespace(namespace)
                .name(name)
                .refreshInterval("0s")
                .secretStore("aws")
                .extract(key)
                .build();
    }

    private ExternalSecrets build() {
        AWS.fake().secrets().createSecret("app/creds", "{\"user\":\"u\"}");
        SecretStore store =
                SecretStore.builder().name("aws").region("us-east-1").build();
        return ExternalSecrets.builder()
                .manifests(Manifests.of(
                        List.of(store),
                        List.of(
                                es("a", "db", "app/creds"),
                                es("b", "db", "app/creds"),
                                es("a", "api", "app/creds"),
                                es("a", "broken", "app/missing"))))
                .endpointOverride(AWS.fake().endpoint())
                .credentialsProvider(AWS.fake().credentialsProvider())
                .failOnError(false)
                .build();
    }

    @Test
    void findReturnsEmptyWhereGetThrows() {
        try (ExternalSecrets secrets = build()) {
            assertThat(secrets.find(ExternalSecretId.of("a", "db"))).isPresent();
            assertThat(secrets.find("api")).map(ResolvedSecret::id).contains(ExternalSecretId.of("a", "api"));
            assertThat(secrets.find("db")).as("two namespaces have one").isEmpty();
            assertThat(secrets.find("nope")).isEmpty();
            assertThat(secrets.find(ExternalSecretId.of("a", "broken"))).isEmpty();
            assertThatThrownBy(() -> secrets.get("db"))
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessageStartingWith("several namespaces have an ExternalSecret named \"db\"");
            assertThatThrownBy(() -> secrets.get("a", "nope"))
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessageStartingWith("no ExternalSecret \"a/nope\"");
        }
    }

    @Test
    void getByNamespaceAndNameHitsOnlyThatNamespace() {
        try (ExternalSecrets secrets = build()) {
            assertThat(secrets.get("a", "db").id()).isEqualTo(ExternalSecretId.of("a", "db"));
            assertThat(secrets.get("b", "db").id()).isEqualTo(ExternalSecretId.of("b", "db"));
            assertThat(secrets.get("a", "api").string("user", null)).isEqualTo("u");
            assertThatThrownBy(() -> secrets.get("b", "api"))
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessageStartingWith("no ExternalSecret \"b/api\"; known: ");
            assertThatThrownBy(() -> secrets.get("c", "db"))
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessageStartingWith("no ExternalSecret \"c/db\"");
            assertThatThrownBy(() -> secrets.get("a", "broken"))
                    .as("a failed ExternalSecret has no value")
                    .isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> secrets.get(null, "db")).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void failureAndStatusAreLookedUpById() {
        try (ExternalSecrets secrets = build()) {
            ExternalSecretId broken = ExternalSecretId.of("a", "broken");
            assertThat(secrets.failure(broken)).isPresent();
            assertThat(secrets.failure(ExternalSecretId.of("a", "db"))).isEmpty();
            assertThat(secrets.failures()).containsOnlyKeys(broken.toString());
            assertThat(secrets.status(broken)).map(SecretStatus::failing).contains(true);
            assertThat(secrets.status(ExternalSecretId.of("x", "y"))).isEmpty();
        }
    }
}
