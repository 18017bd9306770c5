package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The template vectors of the golden test ({@code conformance/template-vectors.json}: ESO's
 * {@code runtime/template/v2/template_test.go} and Sprig's own test tables, see {@code conformance/README.md}), run
 * end to end like the other vectors: remote secrets in the testkit's fake AWS, the vector's spec as an ExternalSecret
 * manifest read by the real loader, resolved over HTTP through the real SDK. One fake serves every vector (their
 * remote names are distinct). A vector whose template needs {@code eso4j-template-crypto}, which core's tests do not
 * have, is skipped here; that module runs it ({@code TemplateVectorsCryptoTest}).
 */
final class TemplateVectors {

    static final Path FILE = Path.of("..", "conformance", "template-vectors.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The engine's message when a function of the crypto artifact is called without it. */
    private static final String NEEDS_CRYPTO = "needs the artifact io.eso4j:eso4j-template-crypto";

    private TemplateVectors() {}

    static List<JsonNode> all() {
        try {
            List<JsonNode> vectors = new ArrayList<>();
            JSON.readTree(FILE.toFile()).forEach(vectors::add);
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One dynamic test per vector; the fake AWS is closed after the last. */
    static Stream<DynamicTest> tests() {
        List<JsonNode> vectors = all();
        FakeAws aws = FakeAws.start();
        vectors.forEach(vector -> aws.loadFixtureJson(vector.toString()));
        return vectors.stream()
                .map(vector -> dynamicTest(vector.get("id").asText(), () -> run(vector, aws)))
                .onClose(aws::close);
    }

    private static void run(JsonNode vector, FakeAws aws) {
        String id = vector.get("id").asText();
        Assumptions.assumeFalse(
                vector.has("pending"),
                () -> "pending: " + vector.path("pending").asText());
        JsonNode expect = vector.get("expect");
        Manifests manifests = Manifests.parse(
                id + ".yaml",
                EsoConformanceTest.manifests(
                        vector, aws, vector.get("id").asText().toLowerCase(Locale.ROOT)));
        if (expect.has("error")) {
            assertThatThrownBy(() -> resolve(manifests, aws))
                    .isInstanceOf(SecretsException.class)
                    .satisfies(e -> Assumptions.assumeFalse(
                            String.valueOf(e.getMessage()).contains(NEEDS_CRYPTO), "needs eso4j-template-crypto"))
                    .hasMessageContaining(expect.get("error").asText());
            return;
        }
        ResolvedSecret secret;
        try {
            secret = resolve(manifests, aws);
        } catch (SecretsException e) {
            Assumptions.assumeFalse(
                    String.valueOf(e.getMessage()).contains(NEEDS_CRYPTO), "needs eso4j-template-crypto");
            throw e;
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expect.properties().forEach(f -> expected.put(f.getKey(), f.getValue().asText()));
        Map<String, String> actual = new LinkedHashMap<>();
        secret.data().forEach((k, v) -> actual.put(k, new String(v, StandardCharsets.UTF_8)));
        assertThat(actual).as(vector.get("source").asText()).containsExactlyInAnyOrderEntriesOf(expected);
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
}
