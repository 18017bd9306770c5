package io.eso4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.SecretsException;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs ESO's conformance vectors ({@code conformance/eso-vectors.json}) of layers {@code pipeline},
 * {@code provider} and {@code e2e} through {@link SecretMapper} with an in-memory {@link RemoteSecrets}, comparing
 * data or the expected error substring. Phases with a new {@code remote} are run too. Skipped vectors are listed
 * in {@link #SKIPPED} with the reason; the golden test through the real SDK lives elsewhere.
 */
class EsoVectorsTest {

    private static final Path VECTORS = Path.of("..", "conformance", "eso-vectors.json");

    /** Vectors this test cannot run here, with why. */
    static final Map<String, String> SKIPPED = Map.of(
            "decode-10-unsupported",
            "an unknown decodingStrategy cannot reach the mapper: the loader rejects it with ESO's error text"
                    + " (covered by EsoVectorSpecsTest)");

    private static final SecretMapper MAPPER = new SecretMapper();

    static List<JsonNode> vectors() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(VECTORS.toFile()).forEach(out::add);
        return out;
    }

    @TestFactory
    Stream<DynamicTest> mapsEveryRunnableVectorLikeEso() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors()) {
            String id = vector.get("id").asText();
            if (vector.get("layer").asText().equals("controller") || SKIPPED.containsKey(id)) {
                continue;
            }
            tests.add(dynamicTest(id, () -> run(vector)));
        }
        return tests.stream();
    }

    @Test
    void skipsOnlyControllerVectorsAndTheListedOnes() throws IOException {
        List<String> skipped = new ArrayList<>();
        int run = 0;
        for (JsonNode vector : vectors()) {
            if (vector.get("layer").asText().equals("controller")) {
                skipped.add(vector.get("id").asText() + " (controller layer: needs the existing target Secret,"
                        + " creation policies and conditions of the k8s writer)");
            } else if (SKIPPED.containsKey(vector.get("id").asText())) {
                skipped.add(vector.get("id").asText());
            } else {
                run++;
            }
        }
        assertThat(skipped).hasSize(5);
        assertThat(run).isEqualTo(53);
    }

    private static void run(JsonNode vector) {
        String id = vector.get("id").asText();
        ExternalSecret es =
                Manifests.parseExternalSecretSpec(id, "", vector.get("spec").toString(), id);
        String prefix = vector.path("store").path("prefix").asText("");
        boolean mocked = vector.path("mockedApiResponse").asBoolean(false);
        check(
                es,
                new InMemoryRemoteSecrets(vector.get("remote"), prefix, mocked, vector.get("inject")),
                vector.get("expect"));
        for (JsonNode phase : vector.path("phases")) {
            RemoteSecrets remote = new InMemoryRemoteSecrets(phase.get("remote"), prefix, mocked, null);
            if (phase.has("expect")) {
                check(es, remote, phase.get("expect"));
            } else if ("deleted".equals(phase.path("expectTargetSecret").asText())) {
                assertThat(MAPPER.map(es, remote).data())
                        .as("an empty result deletes the Secret")
                        .isEmpty();
            }
        }
    }

    private static void check(ExternalSecret es, RemoteSecrets remote, JsonNode expect) {
        if (expect.has("error")) {
            assertThatThrownBy(() -> MAPPER.map(es, remote))
                    .isInstanceOf(SecretsException.class)
                    .hasMessageContaining(expect.get("error").asText());
            return;
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expect.properties().forEach(f -> expected.put(f.getKey(), f.getValue().asText()));
        Map<String, String> actual = new LinkedHashMap<>();
        MAPPER.map(es, remote).data().forEach((k, v) -> actual.put(k, new String(v, StandardCharsets.UTF_8)));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
