package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden test: every ESO conformance vector, end to end. Each vector's {@code remote} (and {@code inject})
 * seeds the testkit's fake AWS; its {@code spec} becomes an ExternalSecret manifest read by the real loader, next
 * to a SecretStore with static keys from a Secret; {@link ExternalSecrets} resolves it through the real AWS SDK
 * over HTTP, with signature checking on. Data, error texts and types must match ESO's, and where a vector records
 * ESO's AWS requests, eso4j must not make more.
 */
class EsoConformanceTest {

    private static final Path VECTORS = Path.of("..", "conformance", "eso-vectors.json");
    private static final Path PARAMETER_STORE_VECTORS = Path.of("..", "conformance", "parameterstore-vectors.json");
    private static final Path SHARED_VECTORS = Path.of("..", "..", "shared", "conformance", "eso-vectors.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The controller layer (existing target Secrets, creation policies, conditions) belongs to the k8s writer. */
    private static final String CONTROLLER_LAYER = "controller";

    @TestFactory
    Stream<DynamicTest> resolvesEveryVectorLikeEso() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors()) {
            if (!vector.get("layer").asText().equals(CONTROLLER_LAYER)) {
                tests.add(dynamicTest(vector.get("id").asText(), () -> run(vector)));
            }
        }
        return tests.stream();
    }

    /** ESO's Parameter Store cases (issue 13), each with a store of {@code service: ParameterStore}. */
    @TestFactory
    Stream<DynamicTest> resolvesEveryParameterStoreVectorLikeEso() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors(PARAMETER_STORE_VECTORS)) {
            tests.add(dynamicTest(vector.get("id").asText(), () -> run(vector)));
        }
        return tests.stream();
    }

    @Test
    void runsEveryParameterStoreVector() throws IOException {
        assertThat(vectors(PARAMETER_STORE_VECTORS))
                .hasSize(33)
                .allSatisfy(
                        v -> assertThat(v.get("store").get("service").asText()).isEqualTo("ParameterStore"))
                .noneSatisfy(v -> assertThat(v.get("layer").asText()).isEqualTo(CONTROLLER_LAYER));
    }

    /** ESO's and Sprig's template test tables, {@code conformance/template-vectors.json} ({@link TemplateVectors}). */
    @TestFactory
    Stream<DynamicTest> rendersEveryTemplateVectorLikeEso() {
        return TemplateVectors.tests();
    }

    @Test
    void templateVectorsCoverEsosAndSprigsTablesWithFewPending() {
        List<JsonNode> vectors = TemplateVectors.all();
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(300);
        assertThat(vectors).allSatisfy(v -> assertThat(v.get("layer").asText()).isEqualTo("template"));
        assertThat(vectors.stream().filter(v -> v.get("source").asText().startsWith("runtime/template/v2/")))
                .hasSizeGreaterThanOrEqualTo(25);
        assertThat(vectors.stream().filter(v -> v.has("pending"))).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void skipsOnlyTheControllerLayer() throws IOException {
        long skipped = vectors().stream()
                .filter(v -> v.get("layer").asText().equals(CONTROLLER_LAYER))
                .count();
        assertThat(vectors()).hasSize(58);
        assertThat(skipped).isEqualTo(4);
    }

    @Test
    void theCheckedInVectorsAreTheSharedOnes() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(SHARED_VECTORS), "no shared/ folder beside this checkout");
        assertThat(Files.readAllBytes(VECTORS))
                .as("conformance/eso-vectors.json must be a copy of %s", SHARED_VECTORS)
                .isEqualTo(Files.readAllBytes(SHARED_VECTORS));
    }

    private static void run(JsonNode vector) throws IOException {
        String id = vector.get("id").asText();
        try (FakeAws aws = FakeAws.start()) {
            aws.loadFixtureJson(vector.toString());
            String manifestText = manifests(vector, aws);
            // Loading is part of the check: ESO's runtime errors that eso4j reports earlier, at load, count too.
            check(
                    vector.get("expect"),
                    vector.path("expectSecretType").asText(""),
                    () -> resolve(Manifests.parse(id + ".yaml", manifestText), aws));
            checkApiCalls(vector, aws);
            Manifests manifests = vector.has("phases") ? Manifests.parse(id + ".yaml", manifestText) : null;
            for (JsonNode phase : vector.path("phases")) {
                aws.secrets().clear();
                aws.parameters().clear();
                ObjectNode fixture = JSON.createObjectNode();
                for (String section : List.of("remote", "parameters")) {
                    if (phase.has(section)) {
                        fixture.set(section, phase.get(section));
                    }
                }
                aws.loadFixtureJson(fixture.toString());
                if (phase.has("expect")) {
                    check(phase.get("expect"), "", () -> resolve(manifests, aws));
                } else if ("deleted".equals(phase.path("expectTargetSecret").asText())) {
                    assertThat(resolve(manifests, aws).keys())
                            .as("%s: everything is gone upstream, so the Secret would be deleted", phase.get("action"))
                            .isEmpty();
                }
            }
        }
    }

    private static ResolvedSecret resolve(Manifests manifests, FakeAws aws) {
        SecretKeyResolver keys = SecretKeyResolver.fromMap(Map.of(
                "aws-credentials/access-key", aws.accessKeyId(),
                "aws-credentials/secret-access-key", aws.secretAccessKey()));
        try (ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(manifests)
                .secretKeyResolver(keys)
                .endpointOverride(aws.endpoint())
                .build()) {
            return secrets.all().get(0);
        }
    }

    private static void check(JsonNode expect, String expectedType, Resolver resolver) {
        if (expect.has("error")) {
            assertThatThrownBy(resolver::resolve)
                    .isInstanceOf(SecretsException.class)
                    .hasMessageContaining(expect.get("error").asText());
            return;
        }
        ResolvedSecret secret = resolver.resolve();
        Map<String, String> expected = new LinkedHashMap<>();
        expect.properties().forEach(f -> expected.put(f.getKey(), f.getValue().asText()));
        Map<String, String> actual = new LinkedHashMap<>();
        secret.data().forEach((k, v) -> actual.put(k, new String(v, StandardCharsets.UTF_8)));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
        if (!expectedType.isEmpty()) {
            assertThat(secret.type()).isEqualTo(expectedType);
        }
    }

    /** ESO's recorded requests are an upper bound: eso4j may make fewer calls, never more. */
    private static void checkApiCalls(JsonNode vector, FakeAws aws) {
        for (Map.Entry<String, JsonNode> limit : vector.path("expectApiCalls").properties()) {
            assertThat(aws.calls(limit.getKey()))
                    .as("%s calls", limit.getKey())
                    .isLessThanOrEqualTo(limit.getValue().asInt());
        }
        if (vector.has("expectApiRequests")) {
            assertThat(aws.totalCalls())
                    .as("AWS requests (ESO made %s)", vector.get("expectApiRequests"))
                    .isLessThanOrEqualTo(vector.get("expectApiRequests").size());
        }
    }

    /** A SecretStore with static keys, the Secret holding them, and the vector's ExternalSecret, as one file. */
    private static String manifests(JsonNode vector, FakeAws aws) {
        return manifests(vector, aws, vector.get("id").asText());
    }

    /** {@link #manifests(JsonNode, FakeAws)} with the ExternalSecret named {@code name}; shared by {@link TemplateVectors}. */
    static String manifests(JsonNode vector, FakeAws aws, String name) {
        ObjectNode aws4 = JSON.createObjectNode()
                .put("service", "SecretsManager")
                .put("region", aws.region().id());
        vector.path("store").properties().forEach(f -> aws4.set(f.getKey(), f.getValue()));
        ObjectNode secretRef = aws4.putObject("auth").putObject("secretRef");
        secretRef
                .putObject("accessKeyIDSecretRef")
                .put("name", "aws-credentials")
                .put("key", "access-key");
        secretRef
                .putObject("secretAccessKeySecretRef")
                .put("name", "aws-credentials")
                .put("key", "secret-access-key");
        ObjectNode store = document("SecretStore", "aws-store");
        store.putObject("spec").putObject("provider").set("aws", aws4);

        ObjectNode externalSecret = document("ExternalSecret", name);
        ObjectNode spec = vector.get("spec").deepCopy();
        spec.putObject("secretStoreRef").put("name", "aws-store").put("kind", "SecretStore");
        externalSecret.set("spec", spec);
        return store + "\n---\n" + externalSecret;
    }

    private static ObjectNode document(String kind, String name) {
        ObjectNode document = JSON.createObjectNode()
                .put("apiVersion", "external-secrets.io/v1")
                .put("kind", kind);
        document.putObject("metadata").put("name", name);
        return document;
    }

    private static List<JsonNode> vectors() throws IOException {
        return vectors(VECTORS);
    }

    private static List<JsonNode> vectors(Path file) throws IOException {
        List<JsonNode> vectors = new ArrayList<>();
        JSON.readTree(file.toFile()).forEach(vectors::add);
        return vectors;
    }

    @FunctionalInterface
    private interface Resolver {
        ResolvedSecret resolve();
    }
}
