package io.eso4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretMappingException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.spec.DataFrom;
import io.eso4j.spec.DeletionPolicy;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretData;
import io.eso4j.spec.Find;
import io.eso4j.spec.MetadataPolicy;
import io.eso4j.spec.NullBytePolicy;
import io.eso4j.spec.RemoteRef;
import io.eso4j.spec.Target;
import io.eso4j.spec.Template;
import io.eso4j.spec.TemplateFrom;
import io.eso4j.spec.TemplateMergePolicy;
import io.eso4j.spec.TemplateScope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SecretMapperTest {

    private static final SecretMapper MAPPER = new SecretMapper();

    private static ExternalSecret es(Target target, List<ExternalSecretData> data, List<DataFrom> dataFrom) {
        return new ExternalSecret(
                "es", "ns", Map.of("l", "1"), Map.of("a", "2"), null, null, null, target, data, dataFrom);
    }

    private static Map<String, String> text(MappedSecret secret) {
        return RewritesTest.text(secret.data());
    }

    @Test
    void appliesDataFromInOrderThenDataOverriding() {
        RemoteSecrets remote = InMemoryRemoteSecrets.of(
                Map.of("one", "{\"k\":\"1\",\"a\":\"x\"}", "two", "{\"k\":\"2\"}", "plain", "p"));
        ExternalSecret es = es(
                null,
                List.of(ExternalSecretData.of("a", RemoteRef.of("plain"))),
                List.of(DataFrom.extract(RemoteRef.of("one")), DataFrom.extract(RemoteRef.of("two"))));
        MappedSecret secret = MAPPER.map(es, remote);
        assertThat(text(secret)).containsExactly(Map.entry("a", "p"), Map.entry("k", "2"));
        assertThat(secret.type()).isEqualTo("Opaque");
        assertThat(secret.labels()).containsExactly(Map.entry("l", "1"));
    }

    @Test
    void failsOnAMissingSecretUnderRetainWithEsosContext() {
        ExternalSecret es = es(null, List.of(ExternalSecretData.of("a", RemoteRef.of("gone"))), List.of());
        assertThatThrownBy(() -> MAPPER.map(es, InMemoryRemoteSecrets.of(Map.of())))
                .isInstanceOf(SecretNotFoundException.class)
                .hasMessage("error processing spec.data[0] (key: gone), err: Secret does not exist");
    }

    @ParameterizedTest
    @EnumSource(
            value = DeletionPolicy.class,
            names = {"DELETE", "MERGE"})
    void skipsMissingSecretsUnderDeleteAndMerge(DeletionPolicy policy) {
        Target target = new Target("", null, policy, false, null);
        ExternalSecret es = es(
                target,
                List.of(
                        ExternalSecretData.of("a", RemoteRef.of("gone")),
                        ExternalSecretData.of("b", RemoteRef.of("x"))),
                List.of(DataFrom.extract(RemoteRef.of("gone-too"))));
        assertThat(text(MAPPER.map(es, InMemoryRemoteSecrets.of(Map.of("x", "v")))))
                .containsExactly(Map.entry("b", "v"));
    }

    @Test
    void wrapsExtractAndFindErrorsLikeEso() {
        RemoteSecrets remote = InMemoryRemoteSecrets.of(Map.of("s", "[1]"));
        assertThatThrownBy(() -> MAPPER.map(es(null, List.of(), List.of(DataFrom.extract(RemoteRef.of("s")))), remote))
                .hasMessage("error processing spec.dataFrom[0].extract, err: unable to unmarshal secret s: json: cannot"
                        + " unmarshal array into Go value of type map[string]json.RawMessage");
        Find bad = new Find("", "[", Map.of(), null, null, null);
        assertThatThrownBy(() -> MAPPER.map(es(null, List.of(), List.of(DataFrom.find(bad))), remote))
                .hasMessageStartingWith("error processing spec.dataFrom[0].find, err: error getting all secrets:"
                        + " could not compile find.name.regexp [[]: ");
        Find none = new Find("path", "", Map.of(), null, null, null);
        assertThatThrownBy(() -> MAPPER.map(es(null, List.of(), List.of(DataFrom.find(none))), remote))
                .hasMessage("error processing spec.dataFrom[0].find, err: error getting all secrets: unexpected find"
                        + " operator");
    }

    @Test
    void findsByUnanchoredRegexpAndConvertsNames() {
        RemoteSecrets remote = InMemoryRemoteSecrets.of(Map.of("app/db", "1", "other/app", "2", "x", "3"));
        Find find = new Find("", "app", Map.of(), null, null, null);
        assertThat(text(MAPPER.map(es(null, List.of(), List.of(DataFrom.find(find))), remote)))
                .containsExactly(Map.entry("app_db", "1"), Map.entry("other_app", "2"));
    }

    @Test
    void keepsBinaryValuesAsBytesEndToEnd() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};
        RemoteSecrets remote = InMemoryRemoteSecrets.of(Map.of()).with("bin", RemoteValue.ofBinary(binary), Map.of());
        MappedSecret secret =
                MAPPER.map(es(null, List.of(ExternalSecretData.of("b", RemoteRef.of("bin"))), List.of()), remote);
        assertThat(secret.value("b")).isEqualTo(binary);
        Find find = new Find("", "bin", Map.of(), null, null, null);
        assertThat(MAPPER.map(es(null, List.of(), List.of(DataFrom.find(find))), remote)
                        .value("bin"))
                .isEqualTo(binary);
    }

    @Test
    void failsOnNullBytesOnlyWhenAsked() {
        RemoteSecrets remote =
                InMemoryRemoteSecrets.of(Map.of()).with("n", RemoteValue.ofBinary(new byte[] {'a', 0}), Map.of());
        RemoteRef fail = new RemoteRef("n", null, null, null, null, null, NullBytePolicy.FAIL);
        assertThatThrownBy(() -> MAPPER.map(es(null, List.of(ExternalSecretData.of("k", fail)), List.of()), remote))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("fetched secret value for key \"k\" contains null bytes");
        assertThat(MAPPER.map(es(null, List.of(ExternalSecretData.of("k", RemoteRef.of("n"))), List.of()), remote)
                        .value("k"))
                .hasSize(2);
    }

    @Test
    void fetchesTagsAsSortedHtmlEscapedJson() {
        RemoteSecrets remote = InMemoryRemoteSecrets.of(Map.of())
                .with("t", RemoteValue.ofString("not-returned"), Map.of("z", "<b>", "a", "x&y\u2028"));
        RemoteRef tags = new RemoteRef("t", null, null, MetadataPolicy.FETCH, null, null, null);
        MappedSecret secret = MAPPER.map(
                es(
                        null,
                        List.of(
                                ExternalSecretData.of("tags", tags),
                                ExternalSecretData.of("z", tags.withProperty("z"))),
                        List.of()),
                remote);
        assertThat(text(secret))
                .containsEntry("tags", "{\"a\":\"x\\u0026y\\u2028\",\"z\":\"\\u003cb\\u003e\"}")
                .containsEntry("z", "<b>");
        assertThat(Metadata.tagsJson(Map.of())).isEqualTo("{}");
    }

    @Test
    void templatesWithEsosPrecedence() {
        RemoteSecrets remote = InMemoryRemoteSecrets.of(Map.of("s", "{\"user\":\"bob\",\"pw\":\"pw1\"}"));
        Template template = new Template(
                "kubernetes.io/basic-auth",
                null,
                null,
                Map.of("who", "{{ .user }}"),
                Map.of(),
                Map.of("username", "{{ .user | upper }}", "from", "data wins"),
                List.of(new TemplateFrom("from: literal\nextra: '{{ .pw }}'", TemplateScope.DATA)));
        ExternalSecret es = es(
                new Target("", null, null, false, template), List.of(), List.of(DataFrom.extract(RemoteRef.of("s"))));
        MappedSecret secret = MAPPER.map(es, remote);
        assertThat(text(secret))
                .containsExactly(
                        Map.entry("extra", "pw1"), Map.entry("from", "data wins"), Map.entry("username", "BOB"));
        assertThat(secret.type()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(secret.labels()).containsExactly(Map.entry("who", "bob"));
        assertThat(secret.annotations()).isEmpty();
    }

    @Test
    void keepsFetchedKeysWithMergePolicyMergeOrATemplateWithoutData() {
        RemoteSecrets remote = InMemoryRemoteSecrets.of(Map.of("s", "{\"user\":\"bob\"}"));
        Template merge =
                new Template("", null, TemplateMergePolicy.MERGE, null, null, Map.of("u", "{{ .user }}"), null);
        Template typeOnly = new Template("t", null, null, null, null, null, null);
        for (Template template : List.of(merge, typeOnly)) {
            ExternalSecret es = es(
                    new Target("", null, null, false, template),
                    List.of(),
                    List.of(DataFrom.extract(RemoteRef.of("s"))));
            assertThat(text(MAPPER.map(es, remote))).containsEntry("user", "bob");
        }
    }

    @Test
    void neverPrintsValues() {
        String sentinel = "S3NT1NEL";
        MappedSecret secret = new MappedSecret(
                Map.of("k", sentinel.getBytes(StandardCharsets.UTF_8)),
                null,
                Map.of("l", sentinel),
                Map.of("a", sentinel));
        assertThat(secret.toString()).doesNotContain(sentinel).contains("k");
        assertThat(RemoteValue.ofString(sentinel).toString()).doesNotContain(sentinel);
        assertThat(RemoteValue.ofBinary(sentinel.getBytes(StandardCharsets.UTF_8))
                        .toString())
                .doesNotContain(sentinel);
        RemoteSecrets remote = InMemoryRemoteSecrets.of(Map.of("s", sentinel));
        assertThatThrownBy(() -> MAPPER.map(es(null, List.of(), List.of(DataFrom.extract(RemoteRef.of("s")))), remote))
                .hasMessageNotContaining(sentinel);
    }

    @Test
    void comparesMappedSecretsByContent() {
        MappedSecret a = new MappedSecret(Map.of("k", new byte[] {1}), "", Map.of(), Map.of());
        MappedSecret b = new MappedSecret(Map.of("k", new byte[] {1}), "Opaque", Map.of(), Map.of());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new MappedSecret(Map.of("k", new byte[] {2}), "", Map.of(), Map.of()));
        assertThat(RemoteValue.ofBinary(new byte[] {1})).isEqualTo(RemoteValue.ofBinary(new byte[] {1}));
    }
}
