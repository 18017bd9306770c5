package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden test: ESO's conformance vectors through {@code render --fixture <vector file>}, with a SecretStore and an
 * ExternalSecret built from the vector's {@code store} and {@code spec}; the decoded Secret data must equal
 * {@code expect}, or the command must fail with the expected error on standard error. Vectors that need several
 * phases, an existing target or a status condition are outside what one {@code render} shows.
 */
class ConformanceVectorsTest {

    private static final Path VECTORS = Path.of("..", "conformance", "eso-vectors.json");
    private static final Path PARAMETER_STORE_VECTORS = Path.of("..", "conformance", "parameterstore-vectors.json");
    private static final List<String> OUT_OF_SCOPE = List.of("phases", "existingTarget", "expectCondition");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> rendersEachVectorAsEsoExpects() throws IOException {
        return vectors(VECTORS, 10);
    }

    /** ESO's Parameter Store cases, rendered with a store of {@code service: ParameterStore}. */
    @TestFactory
    Stream<DynamicTest> rendersEachParameterStoreVectorAsEsoExpects() throws IOException {
        return vectors(PARAMETER_STORE_VECTORS, 32);
    }

    private static Stream<DynamicTest> vectors(Path file, int atLeast) throws IOException {
        List<JsonNode> vectors = new ArrayList<>();
        JSON.readTree(file.toFile()).forEach(vectors::add);
        List<JsonNode> sample = vectors.stream()
                .filter(v -> OUT_OF_SCOPE.stream().noneMatch(v::has))
                .toList();
        assertThat(sample).hasSizeGreaterThanOrEqualTo(atLeast);
        return sample.stream().map(v -> DynamicTest.dynamicTest(v.path("id").asText(), () -> check(v)));
    }

    private static void check(JsonNode vector) throws IOException {
        String id = vector.path("id").asText();
        Path fixture = dir.resolve(id + ".json");
        Files.writeString(fixture, JSON.writeValueAsString(vector));
        Path manifests = dir.resolve(id + ".yaml");
        Files.writeString(manifests, manifests(vector));

        Cli.Result result =
                Cli.run("render", "-f", manifests.toString(), "--fixture", fixture.toString(), "-o", "json");

        JsonNode expect = vector.path("expect");
        for (String value : remoteValues(vector)) {
            assertThat(result.err()).as("stderr").doesNotContain(value);
        }
        if (expect.has("error")) {
            assertThat(result.exitCode()).as(result.err()).isIn(Eso4j.RESOLUTION_ERROR, Eso4j.INVALID);
            assertThat(result.err()).contains(expect.path("error").asText());
            assertThat(result.out()).isEmpty();
            return;
        }
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode secret = JSON.readTree(result.out());
        Map<String, String> data = new TreeMap<>();
        secret.path("data")
                .properties()
                .forEach(e -> data.put(
                        e.getKey(),
                        new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        Map<String, String> expected = new TreeMap<>();
        expect.properties().forEach(e -> expected.put(e.getKey(), e.getValue().asText()));
        assertThat(data).isEqualTo(expected);
        if (vector.has("expectSecretType")) {
            assertThat(secret.path("type").asText())
                    .isEqualTo(vector.path("expectSecretType").asText());
        }
    }

    /** A SecretStore (default credential chain, the vector's prefix) and the vector's ExternalSecret, as JSON YAML. */
    private static String manifests(JsonNode vector) throws IOException {
        ObjectNode store = JSON.createObjectNode();
        store.put("apiVersion", "external-secrets.io/v1").put("kind", "SecretStore");
        store.putObject("metadata").put("name", "aws").put("namespace", "e2e-ns");
        ObjectNode aws = store.putObject("spec").putObject("provider").putObject("aws");
        aws.put("service", vector.path("store").path("service").asText("SecretsManager"))
                .put("region", "us-east-1");
        if (vector.path("store").has("prefix")) {
            aws.put("prefix", vector.path("store").path("prefix").asText());
        }
        ObjectNode externalSecret = JSON.createObjectNode();
        externalSecret.put("apiVersion", "external-secrets.io/v1").put("kind", "ExternalSecret");
        externalSecret.putObject("metadata").put("name", "vector").put("namespace", "e2e-ns");
        ObjectNode spec = vector.path("spec").deepCopy();
        spec.putObject("secretStoreRef").put("name", "aws").put("kind", "SecretStore");
        externalSecret.set("spec", spec);
        return JSON.writeValueAsString(store) + "\n---\n" + JSON.writeValueAsString(externalSecret) + "\n";
    }

    /** Remote values long enough to be recognisable (short ones such as "1" occur in ordinary text). */
    private static List<String> remoteValues(JsonNode vector) {
        List<String> values = new ArrayList<>();
        vector.path("remote").forEach(remote -> {
            String value = remote.path("secretString").asText("");
            if (value.length() >= 8) {
                values.add(value);
            }
        });
        vector.path("parameters").forEach(parameter -> {
            String value = parameter.path("value").asText("");
            if (value.length() >= 8) {
                values.add(value);
            }
        });
        return values;
    }
}
