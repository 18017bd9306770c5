package io.eso4j.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAwsExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPropertiesTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    /** A resolved secret whose keys are {@code data}'s, through the real SDK against the fake. */
    private static ResolvedSecret secret(Map<String, String> data) {
        String secretId = "props/" + data.hashCode();
        AWS.fake().secrets().createSecret(secretId, JSON.valueToTree(data).toString());
        ShortForm shortForm = new ShortForm("us-east-1", "", false, false, Duration.ZERO);
        try (ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(Manifests.of(List.of(shortForm.store()), List.of(shortForm.externalSecret(secretId))))
                .endpointOverride(AWS.fake().endpoint())
                .credentialsProvider(AWS.fake().credentialsProvider())
                .build()) {
            return secrets.get(ShortForm.name(secretId));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachKeyIsAPropertyBehindThePrefixAndJsonObjectsGiveTheirLeaves() {
        ResolvedSecret secret = secret(Map.of(
                "db", "{\"host\":\"h\",\"hosts\":[\"a\",\"b\"],\"nested\":{\"port\":5432},\"none\":null}",
                "plain", "text",
                "notJson", "{broken"));

        assertThat(SecretProperties.of(secret, "app.", true))
                .containsOnly(
                        entry(
                                "app.db",
                                "{\"host\":\"h\",\"hosts\":[\"a\",\"b\"],\"nested\":{\"port\":5432},\"none\":null}"),
                        entry("app.db.host", "h"),
                        entry("app.db.hosts[0]", "a"),
                        entry("app.db.hosts[1]", "b"),
                        entry("app.db.nested.port", "5432"),
                        entry("app.plain", "text"),
                        entry("app.notJson", "{broken"));
        assertThat(SecretProperties.of(secret, "", false)).containsOnlyKeys("db", "plain", "notJson");
        assertThat(SecretProperties.of(null, "", true)).isEmpty();
    }

    @Test
    void aChangedKeyNamesItsPropertyAndItsLeavesButNotALongerKey() {
        List<String> names = List.of("app.db", "app.db.host", "app.db.hosts[0]", "app.dbx", "app.other");

        assertThat(SecretProperties.namesOf("db", "app.", names))
                .containsExactly("app.db", "app.db.host", "app.db.hosts[0]");
        assertThat(SecretProperties.namesOf("gone", "app.", names)).containsExactly("app.gone");
    }

    /**
     * The streaming reader that replaced {@code ObjectMapper.readTree} (kept out of start-up: about 300 classes)
     * gives the same tree, checked against {@code readTree} itself: number types and their text, duplicate members
     * (last wins, first position), nesting, nulls, text after the value, and broken input.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\":1,\"b\":\"x\",\"c\":true,\"d\":false,\"e\":null}",
                "{\"i\":2147483647,\"l\":2147483648,\"big\":123456789012345678901234567890,\"neg\":-0}",
                "{\"f\":1.50,\"g\":1e10,\"h\":-0.0,\"inf\":1E400,\"tiny\":4.9e-324,\"x\":0.1}",
                "{\"dup\":1,\"other\":2,\"dup\":{\"n\":3}}",
                "{\"a\":{\"b\":[1,[2,{\"c\":\"d\"}],[],{}]},\"e\":[null,true]}",
                "{\"a\":1} trailing",
                "{\"a\":\"\\u00e9\\n\\\"q\\\"\"}",
                "{}",
                "{\"a\":",
                "{broken",
                "{\"a\":1,}"
            })
    void theStreamingReaderBuildsTheTreeReadTreeBuilds(String json) {
        Object expected;
        try {
            expected = JSON.readTree(json);
        } catch (Exception e) {
            expected = "fails";
        }
        Object actual;
        try {
            actual = SecretProperties.readTree(json);
        } catch (Exception e) {
            actual = "fails";
        }
        assertThat(actual).isEqualTo(expected);
        if (expected instanceof JsonNode node && node.isObject()) {
            Map<String, Object> viaReadTree = new LinkedHashMap<>();
            Map<String, Object> viaStreaming = new LinkedHashMap<>();
            collect("p", node, viaReadTree);
            collect("p", (JsonNode) actual, viaStreaming);
            assertThat(viaStreaming).containsExactlyEntriesOf(viaReadTree);
        }
    }

    /** Every node's path, class and text, in document order. */
    private static void collect(String path, JsonNode node, Map<String, Object> into) {
        into.put(path, node.getClass().getSimpleName() + ":" + node.asText());
        if (node.isObject()) {
            node.properties().forEach(field -> collect(path + "." + field.getKey(), field.getValue(), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(path + "[" + i + "]", node.get(i), into);
            }
        }
    }
}
