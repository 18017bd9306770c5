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

/**
 * Reading an ExternalSecret at another version stage (AWSPENDING during a rotation): every reference to the current
 * version reads that stage instead, and nothing is published.
 */
class ResolveAtStageTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final ExternalSecretId DB = ExternalSecretId.of("", "db");

    private ExternalSecrets build() {
        SecretStore store =
                SecretStore.builder().name("aws").region("us-east-1").build();
        ExternalSecret db = ExternalSecret.builder()
                .name("db")
                .refreshInterval("0s")
                .secretStore("aws")
                .extract("app/pg")
                .build();
        return ExternalSecrets.builder()
                .manifests(Manifests.of(List.of(store), List.of(db)))
                .endpointOverride(AWS.fake().endpoint())
                .credentialsProvider(AWS.fake().credentialsProvider())
                .failOnError(false)
                .build();
    }

    @Test
    void readsThePendingVersionWithoutPublishingIt() {
        AWS.fake().secrets().createSecret("app/pg", "{\"username\":\"app\",\"password\":\"current-pw\"}");
        try (ExternalSecrets secrets = build()) {
            AWS.fake()
                    .secrets()
                    .putSecretValue("app/pg", "{\"username\":\"app\",\"password\":\"pending-pw\"}", "AWSPENDING");
            int callsBefore = AWS.fake().totalCalls();

            ResolvedSecret pending = secrets.resolveAtStage(DB, "AWSPENDING");

            assertThat(pending.string("password")).contains("pending-pw");
            assertThat(secrets.get("db").string("password")).contains("current-pw");
            assertThat(AWS.fake().totalCalls() - callsBefore).isEqualTo(1);
            assertThat(secrets.stats().refreshes()).isEqualTo(1);
        }
    }

    @Test
    void aStageNoVersionCarriesIsASecretsException() {
        AWS.fake().secrets().createSecret("app/pg", "{\"username\":\"app\",\"password\":\"current-pw\"}");
        try (ExternalSecrets secrets = build()) {
            assertThatThrownBy(() -> secrets.resolveAtStage(DB, "AWSPENDING"))
                    .isInstanceOf(SecretsException.class)
                    .hasMessageNotContaining("current-pw");
            assertThatThrownBy(() -> secrets.resolveAtStage(ExternalSecretId.of("", "nope"), "AWSPENDING"))
                    .isInstanceOf(NoSuchElementException.class);
        }
    }
}
