package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** Loading the fixture format, including the conformance vectors themselves. */
class FixtureTest {

    private static final Path VECTORS = Path.of("../conformance/eso-vectors.json");

    @Test
    void loadsAConformanceVectorWithItsBinaryValueAndTags() {
        try (FakeAws fake = FakeAws.builder()
                        .fixture(VECTORS, "sm-find-06-tags-batch")
                        .start();
                SecretsManagerClient client = Clients.noRetries(fake)) {
            GetSecretValueResponse value = client.getSecretValue(r -> r.secretId("my-secret"));

            assertThat(value.secretBinary().asUtf8String()).isEqualTo("secret value");
            assertThat(value.versionStages()).containsExactly("AWSCURRENT");
            assertThat(fake.secrets().tags("my-secret")).containsEntry("foo", "bar");
        }
    }

    @Test
    void aVectorsInjectFailsItsOperationWithItsMessageAndMockedResponsesSkipFiltering() {
        try (FakeAws fake = FakeAws.builder()
                        .fixture(VECTORS, "sm-find-02-batch-error")
                        .start();
                SecretsManagerClient client = Clients.noRetries(fake)) {
            assertThatThrownBy(() -> client.batchGetSecretValue(r -> r.filters(Filter.builder()
                            .key("name")
                            .values("/path/to/secret")
                            .build())))
                    .isInstanceOf(SecretsManagerException.class)
                    .hasMessageContaining("boom")
                    .satisfies(e -> assertThat(((SecretsManagerException) e)
                                    .awsErrorDetails()
                                    .errorCode())
                            .isEqualTo("InternalServiceError"));
        }
        try (FakeAws fake = FakeAws.builder()
                        .fixture(VECTORS, "sm-find-01-name-with-path-batch")
                        .start();
                SecretsManagerClient client = Clients.noRetries(fake)) {
            List<SecretValueEntry> values = client.batchGetSecretValue(r -> r.filters(Filter.builder()
                            .key("name")
                            .values("/path/to/secret")
                            .build()))
                    .secretValues();

            assertThat(values).extracting(SecretValueEntry::name).containsExactly("my-secret");
        }
    }

    @Test
    void loadsSeveralEntriesOfOneNameAsVersionsWithTheirStages() {
        String json = """
                {"id": "x", "remote": [
                  {"name": "s", "secretString": "old", "versionId": "v1", "versionStages": ["AWSPREVIOUS"]},
                  {"name": "s", "secretString": "new", "versionId": "v2", "versionStages": ["AWSCURRENT"]},
                  {"name": "s", "secretString": "staged", "versionId": "v3", "versionStages": ["AWSPENDING", "custom"]}
                ], "expect": {"ignored": "fields"}}""";
        try (FakeAws fake = FakeAws.builder().fixtureJson(json).start();
                SecretsManagerClient client = Clients.noRetries(fake)) {
            assertThat(client.getSecretValue(r -> r.secretId("s")).secretString())
                    .isEqualTo("new");
            assertThat(client.getSecretValue(r -> r.secretId("s").versionStage("AWSPREVIOUS"))
                            .secretString())
                    .isEqualTo("old");
            assertThat(client.getSecretValue(r -> r.secretId("s").versionStage("custom"))
                            .versionId())
                    .isEqualTo("v3");
        }
    }

    @Test
    void everyConformanceVectorLoads() throws Exception {
        com.fasterxml.jackson.databind.JsonNode vectors =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readAllBytes(VECTORS));
        try (FakeAws fake = FakeAws.start()) {
            for (com.fasterxml.jackson.databind.JsonNode vector : vectors) {
                fake.reset();
                fake.loadFixture(VECTORS, vector.get("id").asText());
                java.util.Set<String> names = new java.util.TreeSet<>();
                vector.get("remote")
                        .forEach(entry -> names.add(entry.get("name").asText()));
                assertThat(fake.secrets().names())
                        .as(vector.get("id").asText())
                        .containsExactlyInAnyOrderElementsOf(names);
            }
        }
    }

    /** The Parameter Store vectors (issue 13; pending the provider) are fixtures too: every parameter loads. */
    @Test
    void everyParameterStoreVectorLoadsWithItsLatestVersions() throws Exception {
        Path file = Path.of("../conformance/parameterstore-vectors.json");
        com.fasterxml.jackson.databind.JsonNode vectors =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readAllBytes(file));
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(30);
        try (FakeAws fake = FakeAws.start();
                software.amazon.awssdk.services.ssm.SsmClient ssm = Clients.ssmNoRetries(fake)) {
            for (com.fasterxml.jackson.databind.JsonNode vector : vectors) {
                String id = vector.get("id").asText();
                fake.reset();
                fake.loadFixture(file, id);
                fake.clearFaults();
                java.util.Map<String, String> latest = new java.util.LinkedHashMap<>();
                vector.get("parameters")
                        .forEach(entry -> latest.put(
                                entry.get("name").asText(), entry.get("value").asText()));
                assertThat(fake.parameters().names()).as(id).containsExactlyInAnyOrderElementsOf(latest.keySet());
                latest.forEach((name, value) -> assertThat(
                                ssm.getParameter(r -> r.name(name).withDecryption(true))
                                        .parameter()
                                        .value())
                        .as(id + " " + name)
                        .isEqualTo(value));
            }
        }
    }

    @Test
    void asksForAVectorIdWhenGivenTheWholeVectorFile() {
        assertThatThrownBy(() -> FakeAws.builder().fixture(VECTORS).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vector id");
        assertThatThrownBy(() ->
                        FakeAws.builder().fixture(VECTORS, "no-such-vector").start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-vector");
    }
}
