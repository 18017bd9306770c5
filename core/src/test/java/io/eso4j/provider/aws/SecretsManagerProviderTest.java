package io.eso4j.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.testkit.DenyRule;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider against the testkit's fake Secrets Manager, through the real SDK client. */
class SecretsManagerProviderTest {

    private static final String SENTINEL = "sentinel-value-7f3a";

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension(FakeAws.builder());

    private SecretsManagerProvider provider(String prefix) {
        return new SecretsManagerProvider(AWS.secretsManagerClient(), prefix);
    }

    @Test
    void readsEachDistinctVersionOnceAndNormalisesTheCurrentStage() {
        AWS.secrets().createSecret("db", "{\"password\":\"" + SENTINEL + "\"}");

        FetchResult result = provider("")
                .getValues(List.of(
                        new SecretVersionRef("db", ""),
                        new SecretVersionRef("db", "AWSCURRENT"),
                        SecretVersionRef.current("db")));

        assertThat(result.values()).hasSize(1);
        assertThat(result.get(SecretVersionRef.current("db")).string()).contains(SENTINEL);
        assertThat(AWS.fake().calls("GetSecretValue")).isEqualTo(1);
    }

    @Test
    void mapsEsoVersionNotationToStagesAndVersionIds() {
        AWS.secrets().createSecret("api", "v1");
        AWS.secrets().rotate("api", "v2");
        String currentId = provider("")
                .getValues(List.of(SecretVersionRef.current("api")))
                .get(SecretVersionRef.current("api"))
                .versionId();

        FetchResult result = provider("")
                .getValues(List.of(
                        new SecretVersionRef("api", "AWSPREVIOUS"), new SecretVersionRef("api", "uuid/" + currentId)));

        assertThat(result.get(new SecretVersionRef("api", "AWSPREVIOUS")).string())
                .isEqualTo("v1");
        assertThat(result.get(new SecretVersionRef("api", "uuid/" + currentId)).string())
                .isEqualTo("v2");
        List<RecordedRequest> requests = AWS.fake().requests();
        assertThat(requests).hasSize(3);
    }

    @Test
    void prependsTheStorePrefixVerbatim() {
        AWS.secrets().createSecret("team-a/db", "x");

        FetchResult result = provider("team-a/").getValues(List.of(SecretVersionRef.current("db")));

        assertThat(result.get(SecretVersionRef.current("db")).name()).isEqualTo("team-a/db");
    }

    @Test
    void keepsBinaryValuesAsBytes() {
        byte[] binary = {0, (byte) 0xff, 10, 13};
        AWS.secrets().createBinarySecret("blob", binary);

        SecretValue value = provider("")
                .getValues(List.of(SecretVersionRef.current("blob")))
                .get(SecretVersionRef.current("blob"));

        assertThat(value.string()).isNull();
        assertThat(value.binary()).containsExactly(binary);
    }

    @Test
    void recordsAMissingSecretAgainstItsRefOnly() {
        AWS.secrets().createSecret("present", "x");

        FetchResult result = provider("")
                .getValues(List.of(SecretVersionRef.current("present"), SecretVersionRef.current("absent")));

        assertThat(result.get(SecretVersionRef.current("present")).string()).isEqualTo("x");
        assertThatThrownBy(() -> result.get(SecretVersionRef.current("absent")))
                .isInstanceOf(SecretNotFoundException.class)
                .hasMessageStartingWith("Secret does not exist")
                .hasMessageContaining("absent");
    }

    @Test
    void treatsASecretMarkedForDeletionAsMissing() {
        AWS.secrets().createSecret("leaving", "x");
        AWS.secrets().delete("leaving");

        FetchResult result = provider("").getValues(List.of(SecretVersionRef.current("leaving")));

        assertThat(result.failure(SecretVersionRef.current("leaving")))
                .get()
                .isInstanceOf(SecretNotFoundException.class);
    }

    @Test
    void classifiesAccessDeniedWithTheSecretIdAndNoValue() {
        AWS.secrets().createSecret("locked", SENTINEL);
        AWS.fake().deny(DenyRule.operation("GetSecretValue").forSecretIds("locked"));

        FetchResult result = provider("").getValues(List.of(SecretVersionRef.current("locked")));

        assertThat(result.failure(SecretVersionRef.current("locked")))
                .get()
                .isInstanceOf(SecretAccessDeniedException.class)
                .satisfies(e ->
                        assertThat(((SecretAccessDeniedException) e).secretId()).isEqualTo("locked"))
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("AccessDeniedException")
                        .doesNotContain(SENTINEL));
    }

    @Test
    void readsTagsSortedByKeyForMetadataFetch() {
        AWS.secrets().createSecret("tagged", "x", Map.of("zeta", "1", "alpha", "2"));

        assertThat(provider("").getTags("tagged")).containsExactly(Map.entry("alpha", "2"), Map.entry("zeta", "1"));
        assertThat(AWS.fake().calls("DescribeSecret")).isEqualTo(1);
        assertThatThrownBy(() -> provider("").getTags("nope")).isInstanceOf(SecretNotFoundException.class);
    }

    @Test
    void findByNameOnlyListsThenReadsOnlyTheMatches() {
        AWS.secrets().createSecret("app/one", "1");
        AWS.secrets().createSecret("app/two", "2");
        AWS.secrets().createSecret("other", "3");

        Map<String, SecretValue> found =
                provider("").find(new FindQuery("", Map.of(), name -> name.startsWith("app/")));

        assertThat(found).containsOnlyKeys("app/one", "app/two");
        assertThat(AWS.fake().calls("ListSecrets")).isEqualTo(1);
        assertThat(AWS.fake().calls("GetSecretValue")).isEqualTo(2);
        assertThat(AWS.fake().calls("BatchGetSecretValue")).isZero();
    }

    @Test
    void findByListingDoesNotPrefixListedNamesAgain() {
        AWS.secrets().createSecret("team-a/db", "1");

        Map<String, SecretValue> found =
                provider("team-a/").find(new FindQuery("", Map.of(), name -> name.endsWith("db")));

        assertThat(found).containsOnlyKeys("team-a/db");
    }

    @Test
    void findWithPathOrTagsUsesBatchFiltersAcrossPages() {
        for (int i = 0; i < 25; i++) {
            AWS.secrets().createSecret("svc/s" + i, "v" + i, Map.of("team", "payments"));
        }
        AWS.secrets().createSecret("svc/untagged", "x");

        Map<String, SecretValue> found = provider("").find(new FindQuery("svc/", Map.of("team", "pay"), null));

        assertThat(found).hasSize(25).doesNotContainKey("svc/untagged");
        assertThat(found.get("svc/s7").string()).isEqualTo("v7");
        assertThat(AWS.fake().calls("BatchGetSecretValue")).isEqualTo(2);
        assertThat(AWS.fake().calls("GetSecretValue")).isZero();
    }

    @Test
    void findWithoutNameOrTagsIsEsosUnexpectedFindOperator() {
        assertThatThrownBy(() -> provider("").find(new FindQuery("svc/", Map.of(), null)))
                .isInstanceOf(SecretsException.class)
                .hasMessage("unexpected find operator");
        assertThat(AWS.fake().totalCalls()).isZero();
    }

    @Test
    void secretValueNeverPrintsItsValue() {
        SecretValue value = new SecretValue(
                "db", "arn", "v1", List.of("AWSCURRENT"), null, SENTINEL.getBytes(StandardCharsets.UTF_8));

        assertThat(value.toString()).contains("db").doesNotContain(SENTINEL);
    }
}
