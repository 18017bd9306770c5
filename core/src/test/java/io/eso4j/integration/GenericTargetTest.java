package io.eso4j.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eso4j.SecretMappingException;
import io.eso4j.mapping.TemplateRenderer;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@link GenericTarget} against {@code conformance/generic-target-vectors.json} (ESO's manifest controller tests). */
class GenericTargetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORE = """
            apiVersion: external-secrets.io/v1
            kind: ClusterSecretStore
            metadata: {name: aws}
            spec: {provider: {aws: {service: SecretsManager, region: us-east-1}}}
            """;

    @TestFactory
    Stream<DynamicTest> rendersEveryVector() throws Exception {
        List<JsonNode> vectors = new ArrayList<>();
        JSON.readTree(Files.readString(Path.of("..", "conformance", "generic-target-vectors.json")))
                .forEach(vectors::add);
        assertThat(vectors).hasSize(8);
        return vectors.stream().map(v -> DynamicTest.dynamicTest(v.path("id").asText(), () -> check(v)));
    }

    private static void check(JsonNode vector) throws Exception {
        ObjectNode document = JSON.createObjectNode();
        document.put("apiVersion", "external-secrets.io/v1");
        document.put("kind", "ExternalSecret");
        document.set("metadata", vector.path("externalSecret"));
        ObjectNode spec = vector.path("spec").deepCopy();
        spec.putObject("secretStoreRef").put("name", "aws").put("kind", "ClusterSecretStore");
        document.set("spec", spec);
        JsonNode expect = vector.path("expect");
        String text = STORE + "---\n" + JSON.writeValueAsString(document);
        if (expect.has("error")) {
            assertThatThrownBy(() -> Manifests.parse("v.yaml", text))
                    .hasMessageContaining(expect.path("error").asText());
            return;
        }
        ExternalSecret es = Manifests.parse("v.yaml", text).externalSecrets().get(0);
        Map<String, byte[]> data = new LinkedHashMap<>();
        vector.path("data")
                .properties()
                .forEach(e -> data.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        String targetName =
                es.target().name().isEmpty() ? es.name() : es.target().name();
        GenericTarget.Rendered rendered =
                GenericTarget.render(es, data, targetName, "", TemplateRenderer.goTemplates());
        Map<String, Object> object = rendered.object();
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        if (expect.has("kind")) {
            assertThat(rendered.kind()).isEqualTo(expect.path("kind").asText());
        }
        if (expect.has("name")) {
            assertThat(rendered.name()).isEqualTo(expect.path("name").asText());
        }
        if (expect.has("namespace")) {
            assertThat(metadata.get("namespace"))
                    .isEqualTo(expect.path("namespace").asText());
        }
        if (expect.has("data")) {
            assertThat(object.get("data")).isEqualTo(strings(expect.path("data")));
        }
        if (expect.has("specData")) {
            assertThat(((Map<?, ?>) object.get("spec")).get("data")).isEqualTo(strings(expect.path("specData")));
            assertThat(object).doesNotContainKey("data");
        }
        if (expect.has("labels")) {
            assertThat(rendered.labels()).isEqualTo(strings(expect.path("labels")));
        }
        Map<String, String> labels = new LinkedHashMap<>(strings(expect.path("labelsInclude")));
        labels.replaceAll((k, v) -> v.startsWith("sha3-224(") ? sha3(v.substring(9, v.length() - 1)) : v);
        assertThat(rendered.labels()).containsAllEntriesOf(labels);
        assertThat(rendered.annotations()).containsAllEntriesOf(strings(expect.path("annotationsInclude")));
        expect.path("labelsExclude")
                .forEach(key -> assertThat(rendered.labels()).doesNotContainKey(key.asText()));
        assertThat(rendered.annotations()).containsKey(EsoMarkers.DATA_HASH_ANNOTATION);
    }

    @Test
    void theDataHashCoversSpecWhenPresentElseDataAsGoPrintsThem() {
        // Go: fmt.Sprintf("%+v", map[string]any{"b": "2", "a": map[string]any{"x": []any{"1", nil}}})
        assertThat(EsoMarkers.objectHash(Map.of("b", "2", "a", Map.of("x", java.util.Arrays.asList("1", null)))))
                .isEqualTo(sha3("map[a:map[x:[1 <nil>]] b:2]"));
    }

    @Test
    void nestedPathErrorsNameTheFieldNotTheValue() {
        String text = STORE + """
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: es, namespace: default}
                spec:
                  secretStoreRef: {name: aws, kind: ClusterSecretStore}
                  target:
                    manifest: {apiVersion: example.com/v1, kind: Thing}
                    template:
                      templateFrom:
                        - literal: "a: {{ .pw }}"
                          target: spec..x
                  data: [{secretKey: pw, remoteRef: {key: k}}]
                """;
        ExternalSecret es = Manifests.parse("v.yaml", text).externalSecrets().get(0);
        assertThatThrownBy(() -> GenericTarget.render(
                        es,
                        Map.of("pw", "sentinel-value".getBytes(StandardCharsets.UTF_8)),
                        "es",
                        "",
                        TemplateRenderer.goTemplates()))
                .isInstanceOf(SecretMappingException.class)
                .hasMessage("could not execute template: spec.target.template.templateFrom[0].literal: invalid path"
                        + " \"spec..x\": empty segment");
        ExternalSecret valid = Manifests.parse("v.yaml", text.replace("spec..x", "spec.x"))
                .externalSecrets()
                .get(0);
        GenericTarget.Rendered ok = GenericTarget.render(
                valid,
                Map.of("pw", "sentinel-value".getBytes(StandardCharsets.UTF_8)),
                "es",
                "",
                (template, data) -> "a: sentinel-value");
        assertThat(((Map<?, ?>) ok.object().get("spec")).get("x")).isEqualTo(Map.of("a", "sentinel-value"));
        assertThat(ok.toString()).doesNotContain("sentinel-value");
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String sha3(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA3-224").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
