package io.eso4j.template.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.mapping.MappedSecret;
import io.eso4j.mapping.RemoteSecrets;
import io.eso4j.mapping.RemoteValue;
import io.eso4j.mapping.SecretMapper;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Find;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStoreRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The template conformance vectors ({@code conformance/template-vectors.json}) with this artifact on the class path:
 * core's golden test skips those that call its functions (PKCS#12, JWK, RSA-OAEP, ...), so they run here, through
 * core's {@link SecretMapper} over the vectors' remote secrets held in memory.
 */
class TemplateVectorsCryptoTest {

    private static final Path FILE = Path.of("..", "conformance", "template-vectors.json");

    @TestFactory
    Stream<DynamicTest> rendersEveryTemplateVectorLikeEsoWithTheCryptoFunctions() throws IOException {
        JsonNode all = new ObjectMapper().readTree(FILE.toFile());
        Map<String, String> remote = new HashMap<>();
        all.forEach(v -> v.get("remote")
                .forEach(r ->
                        remote.put(r.get("name").asText(), r.get("secretString").asText())));
        RemoteSecrets secrets = new RemoteSecrets() {
            @Override
            public RemoteValue value(SecretStoreRef store, String key, String version) {
                String value = remote.get(key);
                if (value == null) {
                    throw new SecretNotFoundException(key, "Secret does not exist", null);
                }
                return RemoteValue.ofString(value);
            }

            @Override
            public Map<String, String> tags(SecretStoreRef store, String key) {
                return Map.of();
            }

            @Override
            public Map<String, RemoteValue> find(SecretStoreRef store, Find find) {
                return Map.of();
            }
        };
        List<DynamicTest> tests = new ArrayList<>();
        all.forEach(v -> tests.add(DynamicTest.dynamicTest(v.get("id").asText(), () -> run(v, secrets))));
        return tests.stream();
    }

    private static void run(JsonNode vector, RemoteSecrets remote) {
        Assumptions.assumeFalse(
                vector.has("pending"),
                () -> "pending: " + vector.path("pending").asText());
        ExternalSecret es = Manifests.parseExternalSecretSpec(
                vector.get("id").asText(),
                "",
                vector.get("spec").toString(),
                vector.get("id").asText());
        SecretMapper mapper = new SecretMapper();
        JsonNode expect = vector.get("expect");
        if (expect.has("error")) {
            assertThatThrownBy(() -> mapper.map(es, remote))
                    .isInstanceOf(SecretsException.class)
                    .hasMessageContaining(expect.get("error").asText());
            return;
        }
        MappedSecret secret = mapper.map(es, remote);
        Map<String, String> expected = new LinkedHashMap<>();
        expect.properties().forEach(f -> expected.put(f.getKey(), f.getValue().asText()));
        Map<String, String> actual = new LinkedHashMap<>();
        secret.data().forEach((k, v) -> actual.put(k, new String(v, StandardCharsets.UTF_8)));
        assertThat(actual).as(vector.get("source").asText()).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
