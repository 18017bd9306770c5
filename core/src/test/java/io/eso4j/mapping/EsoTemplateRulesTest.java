package io.eso4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretMappingException;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.TemplateSources;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * ESO's template rules that its own tests pin down, each expectation taken from the named ESO test: value decoding
 * of rendered templates, the "no data" decision on the provider's data, empty literals, the null-byte check's key
 * order, the error wrappers, the metadata ESO copies, and ConfigMap / Secret template sources.
 */
class EsoTemplateRulesTest {

    private static final SecretMapper MAPPER = new SecretMapper();

    private static ExternalSecret es(String spec) {
        return es(Map.of(), spec);
    }

    private static ExternalSecret es(Map<String, String> labels, String spec) {
        ExternalSecret parsed = Manifests.parseExternalSecretSpec("es", "ns", spec, "test");
        return new ExternalSecret(
                parsed.name(),
                parsed.namespace(),
                labels,
                Map.of("note", "from the ExternalSecret"),
                parsed.refreshInterval(),
                parsed.refreshPolicy(),
                parsed.secretStoreRef(),
                parsed.target(),
                parsed.data(),
                parsed.dataFrom());
    }

    private static Map<String, String> text(MappedSecret secret) {
        Map<String, String> out = new LinkedHashMap<>();
        secret.data().forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    private static final String DATA = "data:\n  - {secretKey: encoded, remoteRef: {key: s}}\n";

    private static final RemoteSecrets REMOTE = InMemoryRemoteSecrets.of(Map.of("s", "SGVsbG8="));

    // ------------------------------------------------------------ valuesDecodingStrategy

    /** runtime/template/v2/template_test.go TestExecuteDecodesRenderedTemplateValues. */
    @Test
    void keysAndValuesScopeDecodesEachRenderedValue() {
        ExternalSecret es = es(DATA + "target:\n  template:\n    templateFrom:\n"
                + "      - literal: \"service-a: SGVsbG8=\\nservice-b: V29ybGQ=\\n\"\n"
                + "        valuesDecodingStrategy: Base64\n");
        assertThat(text(MAPPER.map(es, REMOTE)))
                .containsOnly(Map.entry("service-a", "Hello"), Map.entry("service-b", "World"));
    }

    /** TestExecuteDecodesRenderedTemplateValues "keys are not decoded". */
    @Test
    void keysAreNotDecoded() {
        ExternalSecret es = es(DATA + "target:\n  template:\n    templateFrom:\n"
                + "      - {literal: \"SGVsbG8=: V29ybGQ=\", valuesDecodingStrategy: Base64}\n");
        assertThat(text(MAPPER.map(es, REMOTE))).containsOnly(Map.entry("SGVsbG8=", "World"));
    }

    /** TestExecuteDecodesRenderedTemplateValues "none keeps rendered value unchanged". */
    @Test
    void noneKeepsTheRenderedValue() {
        ExternalSecret es = es(DATA + "target:\n  template:\n    templateFrom:\n"
                + "      - {literal: \"service-a: {{ .encoded }}\", valuesDecodingStrategy: None}\n");
        assertThat(text(MAPPER.map(es, REMOTE))).containsOnly(Map.entry("service-a", "SGVsbG8="));
    }

    /** TestExecuteDecodesRenderedTemplateValues "base64 fails for non base64 rendered value". */
    @Test
    void invalidBase64FailsWithEsosMessage() {
        ExternalSecret es = es(DATA + "target:\n  template:\n    templateFrom:\n"
                + "      - {literal: \"service-a: not-base64!\", valuesDecodingStrategy: Base64}\n");
        assertThatThrownBy(() -> MAPPER.map(es, REMOTE))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("failed to decode rendered template value for key service-a")
                .hasMessageNotContaining("not-base64");
    }

    /** TestExecuteDecodesRenderedTemplateValues "values scope decodes rendered value" (a ConfigMap item). */
    @Test
    void valuesScopeDecodesTheRenderedValue() {
        ExternalSecret es = es(DATA + "target:\n  template:\n    templateFrom:\n"
                + "      - configMap: {name: tpl, items: [{key: service-a}]}\n"
                + "        valuesDecodingStrategy: Base64\n");
        TemplateSources sources = sources(Map.of("tpl", Map.of("service-a", "{{ .encoded }}")), Map.of());
        assertThat(text(MAPPER.map(es, REMOTE, sources))).containsOnly(Map.entry("service-a", "Hello"));
    }

    // ------------------------------------------------------------ the "no data" decision

    /**
     * pkg/controllers/externalsecret/externalsecret_controller.go: {@code if len(dataMap) == 0} looks at the
     * provider's data; a template that renders only labels leaves the data empty but the provider returned data.
     */
    @Test
    void aTemplateOfLabelsOnlyStillCountsTheProvidersData() {
        ExternalSecret es = es(DATA + "target:\n  deletionPolicy: Delete\n  template:\n    templateFrom:\n"
                + "      - {literal: \"team: {{ .encoded | b64dec }}\", target: Labels}\n");
        MappedSecret secret = MAPPER.map(es, REMOTE);
        assertThat(secret.data()).isEmpty();
        assertThat(secret.labels()).containsOnly(Map.entry("team", "Hello"));
        assertThat(secret.providerReturnedData()).isTrue();
    }

    @Test
    void aTemplateWithFixedDataOverNoProviderDataCountsAsNoData() {
        ExternalSecret es = es("data:\n  - {secretKey: x, remoteRef: {key: gone}}\n"
                + "target:\n  deletionPolicy: Delete\n  template:\n    data: {fixed: value}\n");
        MappedSecret secret = MAPPER.map(es, InMemoryRemoteSecrets.of(Map.of()));
        assertThat(text(secret)).containsOnly(Map.entry("fixed", "value"));
        assertThat(secret.providerReturnedData()).isFalse();
    }

    // ------------------------------------------------------------ empty literal

    /** pkg/controllers/templating/parser.go MergeLiteral: an empty literal unmarshals to an empty map. */
    @Test
    void anEmptyLiteralRendersToNothing() {
        ExternalSecret es = es(DATA + "target:\n  template:\n    templateFrom:\n      - literal: \"\"\n"
                + "    data: {kept: \"{{ .encoded }}\"}\n");
        assertThat(text(MAPPER.map(es, REMOTE))).containsOnly(Map.entry("kept", "SGVsbG8="));
    }

    // ------------------------------------------------------------ nullBytePolicy over a map

    /** externalsecret_controller_validation_test.go TestValidateFetchedSecretMap "first offending key in sorted order". */
    @Test
    void nullBytesOverAMapReportTheFirstKeyInSortedOrder() {
        ExternalSecret es = es("dataFrom:\n  - extract: {key: m, nullBytePolicy: Fail}\n");
        RemoteSecrets remote =
                InMemoryRemoteSecrets.of(Map.of("m", "{\"zeta\":\"A\\u0000B\",\"alpha\":\"C\\u0000D\"}"));
        assertThatThrownBy(() -> MAPPER.map(es, remote))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("fetched secret value for key \"alpha\" contains null bytes");
    }

    // ------------------------------------------------------------ error wrappers

    /** runtime/template/v2/template_test.go TestExecute "multiline template" error row: "unable to parse template". */
    @Test
    void aParseErrorCarriesEsosWrappers() {
        ExternalSecret es = es(DATA + "target:\n  template:\n    data: {key: \"{{ .encoded | nosuchfn }}\"}\n");
        assertThatThrownBy(() -> MAPPER.map(es, REMOTE))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageStartingWith("could not execute template: could not execute template: unable to execute"
                        + " template at key key: unable to parse template at key key: template: key:1:");
    }

    /** TestExecute error row: "unable to execute template at key key". */
    @Test
    void anExecutionErrorCarriesEsosWrappers() {
        ExternalSecret es = es(DATA + "target:\n  template:\n    data: {key: \"{{ .missing }}\"}\n");
        assertThatThrownBy(() -> MAPPER.map(es, REMOTE))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("unable to execute template at key key: unable to execute template at key key:"
                        + " template: key:1:")
                .hasMessageContaining(": executing \"key\" at <.missing>: map has no entry for key \"missing\"");
    }

    @Test
    void aTemplateFromErrorCarriesEsosFetchPrefix() {
        ExternalSecret es = es(DATA + "target:\n  template:\n    templateFrom:\n      - literal: \"{{ .missing }}\"\n");
        assertThatThrownBy(() -> MAPPER.map(es, REMOTE))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageStartingWith("error fetching templateFrom data: unable to execute template at key"
                        + " spec.target.template.templateFrom[0].literal: ");
    }

    // ------------------------------------------------------------ metadata ESO copies

    /** externalsecret_controller_test.go "should set labels and annotations from the ExternalSecret". */
    @Test
    void withoutATemplateTheExternalSecretsLabelsAndAnnotationsAreCopied() {
        MappedSecret secret = MAPPER.map(es(Map.of("label-key", "label-value"), DATA), REMOTE);
        assertThat(secret.labels()).containsEntry("label-key", "label-value");
        assertThat(secret.annotations()).containsEntry("note", "from the ExternalSecret");
    }

    /**
     * externalsecret_controller_test.go "should be able to use only metadata from template": labels and annotations
     * come from the template (ESO's setMetadata copies the ExternalSecret's own only without one), data stays.
     */
    @Test
    void withATemplateOnlyTheTemplatesMetadataIsCopied() {
        ExternalSecret es = es(
                Map.of("label-key", "label-value"),
                DATA
                        + "target:\n  template:\n    metadata:\n      labels: {foo: bar}\n      annotations: {foo: bar}\n");
        MappedSecret secret = MAPPER.map(es, REMOTE);
        assertThat(text(secret)).containsOnly(Map.entry("encoded", "SGVsbG8="));
        assertThat(secret.labels()).containsOnly(Map.entry("foo", "bar"));
        assertThat(secret.annotations()).containsOnly(Map.entry("foo", "bar"));
    }

    /** externalsecret_controller_template.go ApplyTemplate: metadata.labels are merged after templateFrom, so win. */
    @Test
    void templateLabelsWinOverTemplateFromLabels() {
        ExternalSecret es = es(DATA + "target:\n  template:\n    metadata:\n      labels: {team: a}\n"
                + "    templateFrom:\n      - {literal: \"team: b\", target: Labels}\n");
        assertThat(MAPPER.map(es, REMOTE).labels()).containsOnly(Map.entry("team", "a"));
    }

    // ------------------------------------------------------------ ConfigMap and Secret sources

    /** pkg/controllers/templating/parser.go MergeConfigMap / MergeSecret, Values and KeysAndValues. */
    @Test
    void configMapAndSecretItemsRenderAsValuesOrKeysAndValues() {
        ExternalSecret es = es(DATA + "target:\n  template:\n    templateFrom:\n"
                + "      - configMap:\n          name: tpl\n          items:\n"
                + "            - {key: config.yaml}\n            - {key: more, templateAs: KeysAndValues}\n"
                + "      - secret: {name: tpl-secret, items: [{key: label}]}\n        target: Labels\n");
        TemplateSources sources = sources(
                Map.of("tpl", Map.of("config.yaml", "token: {{ .encoded | b64dec }}", "more", "a: '1'\nb: '2'")),
                Map.of("tpl-secret", Map.of("label", "{{ .encoded | b64dec | lower }}")));
        MappedSecret secret = MAPPER.map(es, REMOTE, sources);
        assertThat(text(secret))
                .containsOnly(Map.entry("config.yaml", "token: Hello"), Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(secret.labels()).containsOnly(Map.entry("label", "hello"));
    }

    /** parser.go errTplCMMissingKey, and the client's not-found error wrapped in errFetchTplFrom. */
    @Test
    void aMissingSourceOrKeyFailsWithEsosMessages() {
        ExternalSecret es = es(DATA + "target:\n  template:\n    templateFrom:\n"
                + "      - configMap: {name: tpl, items: [{key: nope}]}\n");
        assertThatThrownBy(() -> MAPPER.map(es, REMOTE))
                .isInstanceOf(SecretMappingException.class)
                .hasMessage("error fetching templateFrom data: configmaps \"tpl\" not found");
        assertThatThrownBy(() -> MAPPER.map(es, REMOTE, sources(Map.of("tpl", Map.of("k", "v")), Map.of())))
                .isInstanceOf(SecretMappingException.class)
                .hasMessage("error fetching templateFrom data: error in configmap tpl: missing key nope");
        ExternalSecret secretSource = es(DATA + "target:\n  template:\n    templateFrom:\n"
                + "      - secret: {name: tpl, items: [{key: nope}]}\n");
        assertThatThrownBy(() -> MAPPER.map(secretSource, REMOTE, sources(Map.of(), Map.of("tpl", Map.of()))))
                .isInstanceOf(SecretMappingException.class)
                .hasMessage("error fetching templateFrom data: error in secret tpl: missing key nope");
    }

    static TemplateSources sources(
            Map<String, Map<String, String>> configMaps, Map<String, Map<String, String>> secrets) {
        return new TemplateSources() {
            @Override
            public Optional<Map<String, String>> configMap(String namespace, String name) {
                assertThat(namespace).isEqualTo("ns");
                return Optional.ofNullable(configMaps.get(name));
            }

            @Override
            public Optional<Map<String, byte[]>> secret(String namespace, String name) {
                assertThat(namespace).isEqualTo("ns");
                Map<String, String> values = secrets.get(name);
                if (values == null) {
                    return Optional.empty();
                }
                Map<String, byte[]> bytes = new LinkedHashMap<>();
                values.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
                return Optional.of(bytes);
            }
        };
    }
}
