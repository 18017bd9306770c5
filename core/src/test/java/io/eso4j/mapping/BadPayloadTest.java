package io.eso4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Find;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStoreRef;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed, hostile and extreme secret payloads through the whole mapper. Every row either maps or fails with
 * a {@link SecretsException} carrying the documented text — never another exception type, never a stack
 * overflow — and no message ever contains the payload's sentinel.
 */
class BadPayloadTest {

    private static final String SENTINEL = "S3NT1NEL";
    private static final String OK = "";

    private static final SecretMapper MAPPER = new SecretMapper();

    static Stream<Arguments> payloads() {
        String deepArray = "[".repeat(100_000) + "\"" + SENTINEL + "\"" + "]".repeat(100_000);
        String deepObject = "{\"a\":".repeat(50_000) + "\"" + SENTINEL + "\"" + "}".repeat(50_000);
        StringBuilder huge = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            huge.append(i == 0 ? "" : ",")
                    .append("\"k")
                    .append(i)
                    .append("\":\"")
                    .append(SENTINEL)
                    .append('"');
        }
        huge.append('}');
        return Stream.of(
                row(
                        "extract of plain text",
                        "{extract: {key: db}}",
                        text(SENTINEL + " plain"),
                        "unable to unmarshal secret db"),
                row(
                        "extract of a JSON array",
                        "{extract: {key: db}}",
                        text("[\"" + SENTINEL + "\"]"),
                        "unable to unmarshal secret db"),
                row(
                        "extract of a JSON string",
                        "{extract: {key: db}}",
                        text("\"" + SENTINEL + "\""),
                        "unable to unmarshal secret db"),
                row(
                        "extract of truncated JSON",
                        "{extract: {key: db}}",
                        text("{\"a\":\"" + SENTINEL + "\""),
                        "unable to unmarshal secret db"),
                row("extract of an empty payload", "{extract: {key: db}}", text(""), "unable to unmarshal secret db"),
                row(
                        "extract of JSON with a byte order mark",
                        "{extract: {key: db}}",
                        text("\uFEFF{\"a\":\"" + SENTINEL + "\"}"),
                        "unable to unmarshal secret db"),
                row("extract of JSON null is empty", "{extract: {key: db}}", text("null"), OK),
                row(
                        "extract of invalid UTF-8 binary",
                        "{extract: {key: db}}",
                        binary(new byte[] {'{', (byte) 0xff, '}'}),
                        "unable to unmarshal secret db"),
                row(
                        "extract of 100,000 nested arrays",
                        "{extract: {key: db}}",
                        text(deepArray),
                        "unable to unmarshal secret db"),
                row(
                        "extract of 50,000 nested objects, beyond Go's depth limit",
                        "{extract: {key: db}}",
                        text(deepObject),
                        "exceeded max depth"),
                row("extract of 100,000 keys", "{extract: {key: db}}", text(huge.toString()), OK),
                row(
                        "extract with a 300-character key",
                        "{extract: {key: db}}",
                        text("{\"" + "k".repeat(300) + "\":\"" + SENTINEL + "\"}"),
                        "max is 253"),
                row(
                        "extract with a key that rewrites to '..'",
                        "{extract: {key: db}, rewrite: [{regexp: {source: '^k$', target: '..'}}]}",
                        text("{\"k\":\"" + SENTINEL + "\"}"),
                        "invalid secret keys"),
                row(
                        "extract with a space in a key kept by a rewrite",
                        "{extract: {key: db}, rewrite: [{regexp: {source: '^x', target: y}}]}",
                        text("{\"a b\":\"" + SENTINEL + "\"}"),
                        "key has invalid character"),
                row(
                        "extract whose Unicode conversion collides",
                        "{extract: {key: db, conversionStrategy: Default}}",
                        text("{\"a/b\":\"1\",\"a_b\":\"" + SENTINEL + "\"}"),
                        "secret name collision during conversion"),
                row(
                        "extract with duplicate members keeps the last",
                        "{extract: {key: db}}",
                        text("{\"a\":\"1\",\"a\":\"2\"}"),
                        OK),
                row(
                        "extract with an emoji key converts it",
                        "{extract: {key: db}}",
                        text("{\"pass\uD83D\uDE00\":\"" + SENTINEL + "\"}"),
                        OK),
                row(
                        "property of plain text",
                        "{extract: {key: db, property: password}}",
                        text(SENTINEL),
                        "key password does not exist in secret db"),
                row(
                        "missing property",
                        "{extract: {key: db, property: missing}}",
                        text("{\"password\":\"" + SENTINEL + "\"}"),
                        "key missing does not exist in secret db"),
                row(
                        "property into 50,000 nested objects",
                        "{extract: {key: db, property: a.a.a}}",
                        text(deepObject),
                        "key a.a.a does not exist in secret db"),
                row(
                        "gjson query syntax",
                        "{extract: {key: db, property: 'friends.#(age>40)'}}",
                        text("{\"friends\":[]}"),
                        "does not support"),
                row(
                        "float out of range renders as Go does",
                        "{extract: {key: db, property: n}}",
                        text("{\"n\":1e400, \"m\":{}}"),
                        "unable to unmarshal secret db"),
                row(
                        "merge of non-JSON values",
                        "{extract: {key: db}, rewrite: [{merge: {}}]}",
                        text("{\"a\":\"" + SENTINEL + "\"}"),
                        "merge failed with failed to unmarshal JSON"),
                row(
                        "rewrite with a valid RE2 pattern over a key of 20,000 characters",
                        "{extract: {key: db}, rewrite: [{regexp: {source: '(a|b)+$', target: c}}]}",
                        text("{\"" + "ab".repeat(10_000) + "\":\"" + SENTINEL + "\"}"),
                        OK),
                row(
                        "Base64 decoding of non-base64",
                        "{extract: {key: db, decodingStrategy: Base64}}",
                        text("{\"a\":\"" + SENTINEL + "!!\"}"),
                        "error applying decoding strategy Base64"),
                row(
                        "Base64 decoding of unpadded base64",
                        "{extract: {key: db, decodingStrategy: Base64}}",
                        text("{\"a\":\"YWJjZA\"}"),
                        "error applying decoding strategy Base64"),
                row(
                        "Auto decoding leaves non-base64 alone",
                        "{extract: {key: db, decodingStrategy: Auto}}",
                        text("{\"a\":\"" + SENTINEL + "!!\"}"),
                        OK),
                row(
                        "NUL bytes under nullBytePolicy Fail",
                        "{extract: {key: db, nullBytePolicy: Fail}}",
                        text("{\"a\":\"x\\u0000" + SENTINEL + "\"}"),
                        "contains null bytes"),
                row(
                        "NUL bytes are kept by default",
                        "{extract: {key: db}}",
                        text("{\"a\":\"x\\u0000" + SENTINEL + "\"}"),
                        OK),
                row(
                        "a payload with neither string nor binary",
                        "{extract: {key: db}}",
                        new RemoteValue(null, null),
                        "no secret string nor binary for key: db"),
                row(
                        "a 4 MB value is passed through",
                        "{extract: {key: db, decodingStrategy: Auto}}",
                        text("{\"a\":\"" + "x".repeat(4 << 20) + "\"}"),
                        OK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void mapsOrFailsCleanlyWithoutPrintingThePayload(String name, String dataFrom, RemoteValue payload, String error) {
        ExternalSecret externalSecret = Manifests.parseExternalSecretSpec(
                "bad-payload", "", "{dataFrom: [" + dataFrom + "], secretStoreRef: {name: aws}}", name);

        Throwable thrown = catchThrowable(() -> MAPPER.map(externalSecret, source(payload)));

        if (error.isEmpty()) {
            assertThat(thrown).as(name).isNull();
            return;
        }
        assertThat(thrown).as(name).isInstanceOf(SecretsException.class).hasMessageContaining(error);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as(name).doesNotContain(SENTINEL);
        }
    }

    private static Arguments row(String name, String dataFrom, RemoteValue payload, String error) {
        return arguments(name, dataFrom, payload, error);
    }

    private static RemoteValue text(String value) {
        return RemoteValue.ofString(value);
    }

    private static RemoteValue binary(byte[] value) {
        return RemoteValue.ofBinary(value);
    }

    /** Serves {@code payload} as the secret {@code db}; nothing else exists. */
    private static RemoteSecrets source(RemoteValue payload) {
        return new RemoteSecrets() {
            @Override
            public RemoteValue value(SecretStoreRef store, String key, String version) {
                if (!key.equals("db")) {
                    throw new SecretNotFoundException(key, "Secret does not exist", null);
                }
                return payload;
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
    }
}
