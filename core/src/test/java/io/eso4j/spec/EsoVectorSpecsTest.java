package io.eso4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.InvalidSpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every {@code spec} of ESO's conformance vectors parses, except where the vector expects a validation failure. */
class EsoVectorSpecsTest {

    private static final Path VECTORS = Path.of("..", "conformance", "eso-vectors.json");

    /** Vectors whose expected error is one ESO's admission (CRD schema or webhook) would already raise. */
    private static final List<String> VALIDATION_FAILURES = List.of("decode-10-unsupported");

    static List<JsonNode> vectors() throws Exception {
        List<JsonNode> vectors = new ArrayList<>();
        new ObjectMapper().readTree(Files.readString(VECTORS)).forEach(vectors::add);
        return vectors;
    }

    @TestFactory
    Stream<DynamicTest> parsesEveryVectorSpec() throws Exception {
        return vectors().stream()
                .map(vector -> DynamicTest.dynamicTest(vector.path("id").asText(), () -> {
                    String id = vector.path("id").asText();
                    String spec = vector.path("spec").toString();
                    Throwable thrown =
                            catchThrowable(() -> Manifests.parseExternalSecretSpec("es", "e2e-ns", spec, id));
                    if (VALIDATION_FAILURES.contains(id)) {
                        assertThat(thrown).isInstanceOf(InvalidSpecException.class);
                        assertThat(thrown.getMessage())
                                .contains(vector.path("expect").path("error").asText());
                    } else {
                        assertThat(thrown).isNull();
                    }
                }));
    }

    /**
     * The Parameter Store vectors cannot run end to end until the provider exists (issue 13), but their specs are
     * provider-independent and must parse today.
     */
    @TestFactory
    Stream<DynamicTest> parsesEveryParameterStoreVectorSpec() throws Exception {
        List<JsonNode> vectors = new ArrayList<>();
        new ObjectMapper()
                .readTree(Files.readString(Path.of("..", "conformance", "parameterstore-vectors.json")))
                .forEach(vectors::add);
        return vectors.stream()
                .map(vector -> DynamicTest.dynamicTest(vector.path("id").asText(), () -> {
                    String id = vector.path("id").asText();
                    Manifests.parseExternalSecretSpec(
                            "es", "e2e-ns", vector.path("spec").toString(), id);
                }));
    }

    @Test
    void readsAllFiftyEightVectors() throws Exception {
        assertThat(vectors()).hasSize(58);
    }

    @Test
    void keepsWhatTheVectorsSay() throws Exception {
        JsonNode vector = vectors().stream()
                .filter(v -> v.path("id").asText().equals("e2e-08-property-json-string-into-template"))
                .findFirst()
                .orElseThrow();

        ExternalSecret es = Manifests.parseExternalSecretSpec(
                "es", "e2e-ns", vector.path("spec").toString(), "e2e-08");

        assertThat(es.target().template().type()).isEqualTo("kubernetes.io/dockerconfigjson");
        assertThat(es.target().template().data()).containsEntry(".dockerconfigjson", "{{ .mysecret }}");
        assertThat(es.data().get(0).remoteRef().property()).isEqualTo("dockerconfig");
        assertThat(es.namespace()).isEqualTo("e2e-ns");
    }

    @Test
    void parsesAYamlSpecToo() {
        ExternalSecret es = Manifests.parseExternalSecretSpec(
                "es", "", "refreshInterval: 0s\ndataFrom:\n  - extract: {key: k}\n", "inline");
        assertThat(es.refreshInterval()).isZero();
        assertThat(es.dataFrom()).containsExactly(DataFrom.extract(RemoteRef.of("k")));
    }

    @Test
    void reportsASpecThatIsNotAnObject() {
        Throwable thrown = catchThrowable(() -> Manifests.parseExternalSecretSpec("es", "", "[1, 2]", "inline"));
        assertThat(thrown)
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("inline spec: must be a map, not a list");
    }
}
