package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.InvalidNextTokenException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/** ListSecrets filters, negation, paging and tokens, as AWS defines them. */
class ListSecretsTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static SecretsManagerClient client;

    @BeforeAll
    static void seed() {
        client = Clients.noRetries(AWS.fake());
        AWS.fake().loadFixtureJson("""
                {"remote": [
                  {"name": "DatabaseSecret", "secretString": "a", "tags": {"team": "Payments", "env": "prod"}},
                  {"name": "databaseSecret", "secretString": "b", "tags": {"team": "search"}},
                  {"name": "MyData", "secretString": "c"},
                  {"name": "app/prod/api-key", "secretString": "d", "tags": {"env": "production"}}
                ]}""");
        client.updateSecret(r -> r.secretId("MyData").description("Credentials for the Orders service"));
        AWS.fake().saveBaseline();
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    static Stream<Arguments> filterTable() {
        return Stream.of(
                row("name is a case-sensitive prefix", List.of("name=Data"), "DatabaseSecret"),
                row("name prefix with a path", List.of("name=app/"), "app/prod/api-key"),
                row("name negation", List.of("name=!Data"), "databaseSecret", "MyData", "app/prod/api-key"),
                row("values of one filter are ORed", List.of("name=Data,My"), "DatabaseSecret", "MyData"),
                row(
                        "filters are ANDed",
                        List.of("name=Data,data", "tag-key=team", "tag-value=search"),
                        "databaseSecret"),
                row("tag-key prefix", List.of("tag-key=en"), "DatabaseSecret", "app/prod/api-key"),
                row("tag-value is case-sensitive", List.of("tag-value=pay")),
                row("tag-value prefix", List.of("tag-value=prod"), "DatabaseSecret", "app/prod/api-key"),
                row("tag-key negation", List.of("tag-key=!team"), "MyData", "app/prod/api-key"),
                row("description is case-insensitive word-wise", List.of("description=orders serv"), "MyData"),
                row("description words must all match", List.of("description=orders billing")),
                row("all searches every attribute ignoring case", List.of("all=payments"), "DatabaseSecret"),
                row("all matches words of names", List.of("all=api"), "app/prod/api-key"),
                row("all splits names on case changes", List.of("all=secret"), "DatabaseSecret", "databaseSecret"));
    }

    private static Arguments row(String rule, List<String> filters, String... expected) {
        return Arguments.of(rule, filters, Arrays.asList(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterTable")
    void filtersAsAwsDocumentsThem(String rule, List<String> filters, List<String> expected) {
        List<Filter> request = new ArrayList<>();
        for (String filter : filters) {
            String[] parts = filter.split("=", 2);
            request.add(
                    Filter.builder().key(parts[0]).values(parts[1].split(",")).build());
        }

        ListSecretsResponse response = client.listSecrets(r -> r.filters(request));

        assertThat(response.secretList()).extracting(SecretListEntry::name).containsExactlyElementsOf(expected);
    }

    @Test
    void listsVersionsUnderSecretVersionsToStagesAndTags() {
        SecretListEntry entry = client.listSecrets(r -> r.filters(
                        Filter.builder().key("name").values("DatabaseSecret").build()))
                .secretList()
                .get(0);

        assertThat(entry.secretVersionsToStages()).hasSize(1);
        assertThat(entry.secretVersionsToStages().values()).containsExactly(List.of("AWSCURRENT"));
        assertThat(entry.tags()).hasSize(2);
        assertThat(entry.lastChangedDate()).isNotNull();
        assertThat(entry.arn()).startsWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:DatabaseSecret-");
    }

    @Test
    void leavesOutSecretsPlannedForDeletionUnlessAsked() {
        AWS.secrets().delete("MyData");

        assertThat(client.listSecrets(r -> {}).secretList())
                .extracting(SecretListEntry::name)
                .doesNotContain("MyData");
        assertThat(client.listSecrets(r -> r.includePlannedDeletion(true)).secretList())
                .extracting(SecretListEntry::name)
                .contains("MyData");
    }

    @Test
    void pagesWithOpaqueTokens() {
        ListSecretsResponse first = client.listSecrets(r -> r.maxResults(3));
        ListSecretsResponse second = client.listSecrets(r -> r.maxResults(3).nextToken(first.nextToken()));

        assertThat(first.secretList()).hasSize(3);
        assertThat(first.nextToken()).isNotBlank();
        assertThat(second.secretList()).extracting(SecretListEntry::name).containsExactly("app/prod/api-key");
        assertThat(second.nextToken()).isNull();
        assertThat(client.listSecretsPaginator(r -> r.maxResults(1)).stream()
                        .flatMap(page -> page.secretList().stream()))
                .hasSize(4);
    }

    @Test
    void rejectsAnUnknownNextToken() {
        assertThatThrownBy(() -> client.listSecrets(r -> r.nextToken("made-up")))
                .isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    void rejectsBadMaxResultsAndFilterKeys() {
        assertThatThrownBy(() -> client.listSecrets(r -> r.maxResults(101)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.listSecrets(r ->
                        r.filters(Filter.builder().key("colour").values("red").build())))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void sortsByNameWhenAsked() {
        assertThat(client.listSecrets(r -> r.sortBy("name").sortOrder("asc")).secretList())
                .extracting(SecretListEntry::name)
                .containsExactly("DatabaseSecret", "MyData", "app/prod/api-key", "databaseSecret");
    }

    @Test
    void tagsAreReturnedAsKeyValuePairs() {
        assertThat(AWS.secrets().tags("DatabaseSecret")).isEqualTo(Map.of("team", "Payments", "env", "prod"));
    }
}
