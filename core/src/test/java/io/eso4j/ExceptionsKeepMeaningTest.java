package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.spec.AwsAuthSpec;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretKeySelector;
import io.eso4j.spec.SecretStore;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.Fault;
import io.eso4j.testkit.FaultRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Failures keep their type through the engine's context, and the type says what failed. */
class ExceptionsKeepMeaningTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final ExternalSecretId ID = ExternalSecretId.of("", "es");

    private static Manifests manifests(SecretStore store, String key) {
        return Manifests.of(
                List.of(store),
                List.of(ExternalSecret.builder()
                        .name("es")
                        .refreshInterval("0s")
                        .secretStore("aws")
                        .extract(key)
                        .build()));
    }

    private static SecretStore store() {
        return SecretStore.builder().name("aws").region("us-east-1").build();
    }

    private static SecretsException failureOf(ExternalSecrets.Builder builder) {
        try (ExternalSecrets secrets = builder.failOnError(false).build()) {
            return secrets.failure(ID).orElseThrow();
        }
    }

    @Test
    void aMissingSecretIsASecretNotFoundExceptionWithItsIdAndTheExternalSecretInTheMessage() {
        SecretsException failure = failureOf(ExternalSecrets.builder()
                .manifests(manifests(store(), "app/missing"))
                .endpointOverride(AWS.fake().endpoint())
                .credentialsProvider(AWS.fake().credentialsProvider()));

        assertThat(failure).isInstanceOf(SecretNotFoundException.class).hasMessageStartingWith("ExternalSecret es: ");
        assertThat(((SecretNotFoundException) failure).secretId()).isEqualTo("app/missing");
    }

    @Test
    void throttlingIsTransientAndCarriesTheAwsErrorCode() {
        AWS.secrets().createSecret("app/db", "{\"a\":\"1\"}");
        AWS.fake().inject(FaultRule.of(Fault.THROTTLING).times(100));
        try (SecretsManagerClient client = AWS.fake()
                .secretsManagerClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            SecretsException failure = failureOf(ExternalSecrets.builder()
                    .manifests(manifests(store(), "app/db"))
                    .awsClients(AwsClients.secretsManager(s -> client)));

            assertThat(failure).isInstanceOf(TransientAwsException.class);
            assertThat(((TransientAwsException) failure).errorCode()).isEqualTo("ThrottlingException");
            assertThat(((TransientAwsException) failure).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aKeyTheStoreNeedsButNobodyProvidesIsAStoreConfigurationProblem() {
        SecretKeySelector key = new SecretKeySelector("aws-creds", "id", "");
        SecretStore staticKeys = SecretStore.builder()
                .name("aws")
                .region("us-east-1")
                .auth(new AwsAuthSpec(new AwsAuthSpec.SecretRefAuth(key, key, null), null))
                .build();

        SecretsException failure = failureOf(ExternalSecrets.builder()
                .manifests(manifests(staticKeys, "app/db"))
                .endpointOverride(AWS.fake().endpoint()));

        assertThat(failure)
                .isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("could not resolve key");
        assertThat(((StoreConfigurationException) failure).setting())
                .isEqualTo(StoreConfigurationException.Setting.CREDENTIALS);
        assertThat(((StoreConfigurationException) failure).store()).isEqualTo("SecretStore aws");
    }

    @Test
    void withContextKeepsTheTypeAndItsFields() {
        Throwable cause = new IllegalStateException("x");
        assertThat(new SecretNotFoundException("id", "m", cause).withContext("c: "))
                .hasMessage("c: m")
                .satisfies(e -> assertThat(e.secretId()).isEqualTo("id"));
        assertThat(new SecretAccessDeniedException("id", "m", cause)
                        .withContext("c: ")
                        .secretId())
                .isEqualTo("id");
        assertThat(new TransientAwsException("ThrottlingException", 400, "m", cause)
                        .withContext("c: ")
                        .errorCode())
                .isEqualTo("ThrottlingException");
        assertThat(new InvalidSpecException(List.of("a", "b"))
                        .withContext("c: ")
                        .problems())
                .containsExactly("a", "b");
        assertThat(new SecretMappingException("m").withContext("c: ")).isInstanceOf(SecretMappingException.class);
        SecretsException plain = new SecretsException("m");
        assertThat(plain.withContext("c: ")).hasMessage("c: m").hasCause(plain);
    }
}
