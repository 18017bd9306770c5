package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** Every Secrets Manager operation of the fake, through the real SDK client. */
class SecretsManagerOperationsTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static SecretsManagerClient client;

    @BeforeAll
    static void client() {
        client = Clients.noRetries(AWS.fake());
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void getsTheCurrentVersionByNameFullArnAndPartialArn() {
        String arn = AWS.secrets().createSecret("app/db", "{\"password\":\"one\"}");
        String partialArn = arn.substring(0, arn.length() - 7);

        for (String id : List.of("app/db", arn, partialArn)) {
            GetSecretValueResponse value = client.getSecretValue(r -> r.secretId(id));
            assertThat(value.name()).isEqualTo("app/db");
            assertThat(value.arn()).isEqualTo(arn);
            assertThat(value.secretString()).isEqualTo("{\"password\":\"one\"}");
            assertThat(value.versionStages()).containsExactly("AWSCURRENT");
            assertThat(value.createdDate()).isNotNull();
        }
        assertThat(arn).matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-[A-Za-z0-9]{6}");
    }

    @Test
    void selectsVersionsByIdAndByStageAndRequiresBothToAgree() {
        AWS.secrets().createSecret("rotating", "v1");
        String first =
                AWS.secrets().versionStages("rotating").keySet().iterator().next();
        String second = AWS.secrets().rotate("rotating", "v2");
        String pending = AWS.secrets().putSecretValue("rotating", "v3", "AWSPENDING");

        assertThat(client.getSecretValue(r -> r.secretId("rotating")).secretString())
                .isEqualTo("v2");
        assertThat(client.getSecretValue(r -> r.secretId("rotating").versionStage("AWSPREVIOUS"))
                        .secretString())
                .isEqualTo("v1");
        assertThat(client.getSecretValue(r -> r.secretId("rotating").versionStage("AWSPENDING"))
                        .secretString())
                .isEqualTo("v3");
        assertThat(client.getSecretValue(r -> r.secretId("rotating").versionId(first))
                        .secretString())
                .isEqualTo("v1");
        assertThat(client.getSecretValue(
                                r -> r.secretId("rotating").versionId(second).versionStage("AWSCURRENT"))
                        .versionId())
                .isEqualTo(second);
        assertThatThrownBy(() -> client.getSecretValue(
                        r -> r.secretId("rotating").versionId(pending).versionStage("AWSCURRENT")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(
                        () -> client.getSecretValue(r -> r.secretId("rotating").versionStage("NOPE")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("staging label: NOPE");
    }

    @Test
    void answersAnUnknownSecretWithResourceNotFound() {
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("missing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Secrets Manager can't find the specified secret.")
                .satisfies(e ->
                        assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(400))
                .satisfies(e ->
                        assertThat(((ResourceNotFoundException) e).requestId()).isNotBlank());
    }

    @Test
    void servesBinarySecretsAsBytes() {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        AWS.secrets().createBinarySecret("cert", bytes);

        GetSecretValueResponse value = client.getSecretValue(r -> r.secretId("cert"));

        assertThat(value.secretBinary().asByteArray()).containsExactly(bytes);
        assertThat(value.secretString()).isNull();
    }

    @Test
    void createsPutsMovesStagesAndDescribes() {
        CreateSecretResponse created = client.createSecret(r -> r.name("svc")
                .description("Service credentials")
                .secretString("a")
                .tags(Tag.builder().key("team").value("core").build()));
        String v2 =
                client.putSecretValue(r -> r.secretId("svc").secretString("b")).versionId();
        String v3 = client.putSecretValue(r -> r.secretId("svc")
                        .secretBinary(SdkBytes.fromString("c", StandardCharsets.UTF_8))
                        .versionStages("AWSPENDING"))
                .versionId();

        DescribeSecretResponse described = client.describeSecret(r -> r.secretId("svc"));
        assertThat(described.arn()).isEqualTo(created.arn());
        assertThat(described.description()).isEqualTo("Service credentials");
        assertThat(described.tags())
                .containsExactly(Tag.builder().key("team").value("core").build());
        assertThat(described.versionIdsToStages())
                .isEqualTo(Map.of(
                        created.versionId(),
                        List.of("AWSPREVIOUS"),
                        v2,
                        List.of("AWSCURRENT"),
                        v3,
                        List.of("AWSPENDING")));
        assertThat(described.createdDate()).isNotNull();
        assertThat(described.lastChangedDate()).isNotNull();

        client.updateSecretVersionStage(r ->
                r.secretId("svc").versionStage("AWSCURRENT").moveToVersionId(v3).removeFromVersionId(v2));

        assertThat(client.describeSecret(r -> r.secretId("svc")).versionIdsToStages())
                .isEqualTo(Map.of(v2, List.of("AWSPREVIOUS"), v3, List.of("AWSPENDING", "AWSCURRENT")));
        assertThat(client.getSecretValue(r -> r.secretId("svc")).secretBinary().asUtf8String())
                .isEqualTo("c");
    }

    @Test
    void refusesToMoveAStageWithoutNamingItsCurrentHolder() {
        AWS.secrets().createSecret("staged", "a");
        String v2 = AWS.secrets().putSecretValue("staged", "b", "AWSPENDING");

        assertThatThrownBy(() -> client.updateSecretVersionStage(
                        r -> r.secretId("staged").versionStage("AWSCURRENT").moveToVersionId(v2)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("RemoveFromVersionId");
    }

    @Test
    void rejectsCreatingAnExistingSecretAndSupplyingBothValueKinds() {
        AWS.secrets().createSecret("taken", "x");

        assertThatThrownBy(() -> client.createSecret(r -> r.name("taken").secretString("y")))
                .isInstanceOf(ResourceExistsException.class);
        assertThatThrownBy(() -> client.createSecret(
                        r -> r.name("both").secretString("y").secretBinary(SdkBytes.fromUtf8String("z"))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void tagsAndUntags() {
        AWS.secrets().createSecret("tagged", "x");

        client.tagResource(r -> r.secretId("tagged")
                .tags(
                        Tag.builder().key("a").value("1").build(),
                        Tag.builder().key("b").value("2").build()));
        client.untagResource(r -> r.secretId("tagged").tagKeys("a"));

        assertThat(client.describeSecret(r -> r.secretId("tagged")).tags())
                .containsExactly(Tag.builder().key("b").value("2").build());
        assertThat(AWS.secrets().tags("tagged")).isEqualTo(Map.of("b", "2"));
    }

    @Test
    void refusesReadsOfASecretMarkedForDeletionUntilRestored() {
        AWS.secrets().createSecret("doomed", "x");

        assertThat(client.deleteSecret(r -> r.secretId("doomed").recoveryWindowInDays(7L))
                        .deletionDate())
                .isNotNull();

        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("doomed")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(
                        "You can't perform this operation on the secret because it was marked for deletion.");
        assertThat(client.describeSecret(r -> r.secretId("doomed")).deletedDate())
                .isNotNull();

        client.restoreSecret(r -> r.secretId("doomed"));
        assertThat(client.getSecretValue(r -> r.secretId("doomed")).secretString())
                .isEqualTo("x");
    }

    @Test
    void forceDeleteRemovesTheSecret() {
        AWS.secrets().createSecret("gone", "x");

        client.deleteSecret(r -> r.secretId("gone").forceDeleteWithoutRecovery(true));

        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("gone")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(AWS.secrets().exists("gone")).isFalse();
    }

    @Test
    void batchGetsByIdsWithPerSecretErrors() {
        AWS.secrets().createSecret("one", "1");
        AWS.secrets().createSecret("two", "2");
        AWS.secrets().createSecret("deleted", "3");
        AWS.secrets().delete("deleted");
        AWS.fake().deny(DenyRule.operation("GetSecretValue").forSecretIds("two"));

        BatchGetSecretValueResponse batch =
                client.batchGetSecretValue(r -> r.secretIdList("one", "two", "missing", "deleted"));

        assertThat(batch.secretValues())
                .extracting(v -> v.name() + "=" + v.secretString())
                .containsExactly("one=1");
        assertThat(batch.errors())
                .extracting(e -> e.secretId() + ":" + e.errorCode())
                .containsExactly(
                        "two:AccessDeniedException",
                        "missing:ResourceNotFoundException",
                        "deleted:InvalidRequestException");
    }

    @Test
    void batchGetsByFiltersPageByPage() {
        for (int i = 1; i <= 5; i++) {
            AWS.secrets().createSecret("app/s" + i, "v" + i);
        }
        AWS.secrets().createSecret("other", "x");

        List<String> names =
                client
                        .batchGetSecretValuePaginator(
                                r -> r.filters(filter("name", "app/")).maxResults(2))
                        .stream()
                        .flatMap(page -> page.secretValues().stream())
                        .map(v -> v.name())
                        .toList();

        assertThat(names).containsExactly("app/s1", "app/s2", "app/s3", "app/s4", "app/s5");
        assertThat(AWS.fake().calls("BatchGetSecretValue")).isEqualTo(3);
    }

    @Test
    void rejectsInvalidBatchShapes() {
        assertThatThrownBy(() ->
                        client.batchGetSecretValue(r -> r.secretIdList("a").filters(filter("name", "a"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() ->
                        client.batchGetSecretValue(r -> r.secretIdList("a").maxResults(5)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.batchGetSecretValue(r -> r.secretIdList(java.util.stream.IntStream.range(0, 21)
                        .mapToObj(i -> "s" + i)
                        .toList())))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.batchGetSecretValue(
                        r -> r.filters(filter("name", "a")).maxResults(21)))
                .isInstanceOf(InvalidParameterException.class);
    }

    static software.amazon.awssdk.services.secretsmanager.model.Filter filter(String key, String... values) {
        return software.amazon.awssdk.services.secretsmanager.model.Filter.builder()
                .key(key)
                .values(values)
                .build();
    }

    @Test
    void timestampsAreEpochSecondsWithAFraction() {
        AWS.secrets().createSecret("dated", "x");

        assertThat(AWS.fake().clock().instant().getEpochSecond()
                        - client.describeSecret(r -> r.secretId("dated"))
                                .createdDate()
                                .getEpochSecond())
                .isBetween(0L, 60L);
    }
}
