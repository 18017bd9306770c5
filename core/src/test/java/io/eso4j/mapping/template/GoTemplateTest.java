package io.eso4j.mapping.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretMappingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class GoTemplateTest {

    private static final String SENTINEL = "S3NTINEL-do-not-print";

    private static final Map<String, String> DATA = data();

    private static Map<String, String> data() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("user", "admin");
        data.put("pass", "p<a>&ss");
        data.put("a.b", "dotted");
        data.put("app-key", "app-key");
        data.put("empty", "");
        data.put("num", "42");
        data.put("b64", "aGVsbG8=");
        data.put("multi", "l1\nl2");
        data.put("spaced", "  x y \n");
        data.put(
                "json",
                "{\"port\":8080,\"host\":\"db\",\"tags\":[\"x\",\"y\"],\"big\":1000000,\"f\":1.5,"
                        + "\"nested\":{\"k\":\"v\"},\"nil\":null,\"t\":true}");
        data.put("yaml", "a: 1\nb:\n  c: two\nlist:\n- x\n");
        data.put("secret", SENTINEL);
        return data;
    }

    /** template → expected output, rendered with {@link #DATA}. */
    private static final List<List<String>> RENDERS = List.of(
            // text, actions, trim markers, comments
            List.of("plain text", "plain text"),
            List.of("{{ .user }}", "admin"),
            List.of("{{.user}}:{{.pass}}", "admin:p<a>&ss"),
            List.of("a  {{- .user -}}  b", "aadminb"),
            List.of("a \n {{- .user }} \n b", "aadmin \n b"),
            List.of("x {{/* comment */}} y", "x  y"),
            List.of("x {{- /* comment */ -}} y", "xy"),
            List.of("{{ index . \"a.b\" }}", "dotted"),
            List.of("{{ index . \"missing\" }}", ""),
            List.of("{{ $.user }}", "admin"),
            List.of("{{ $u := .user }}{{ $u }}", "admin"),
            List.of("{{ $u := .user }}{{ $u = \"root\" }}{{ $u }}", "root"),
            // pipelines and parentheses
            List.of("{{ .user | upper }}", "ADMIN"),
            List.of("{{ .value | upper | replace \"-\" \"_\" }}".replace(".value", "index . \"app-key\""), "APP_KEY"),
            List.of("{{ printf \"%s-%s\" .user (.num | quote) }}", "admin-\"42\""),
            List.of("{{ (fromJson .json).host }}", "db"),
            List.of("{{ (fromJson .json).nested.k }}", "v"),
            // literals
            List.of("{{ \"a\\tb\\u00e9\" }}", "a\tbé"),
            List.of("{{ `raw\\n` }}", "raw\\n"),
            List.of("{{ 42 }} {{ -7 }} {{ 0x1F }} {{ 1.5 }} {{ 1e3 }} {{ 'a' }}", "42 -7 31 1.5 1000 97"),
            List.of("{{ true }} {{ false }}", "true false"),
            // control structures
            List.of("{{ if .user }}yes{{ else }}no{{ end }}", "yes"),
            List.of("{{ if .empty }}yes{{ else }}no{{ end }}", "no"),
            List.of("{{ if eq .num \"1\" }}one{{ else if eq .num \"42\" }}answer{{ else }}other{{ end }}", "answer"),
            List.of("{{ with .user }}[{{ . }}]{{ end }}", "[admin]"),
            List.of("{{ with .empty }}[{{ . }}]{{ else }}none{{ end }}", "none"),
            List.of("{{ with $x := .user }}{{ $x }}{{ end }}", "admin"),
            List.of("{{ range $i, $v := splitList \",\" \"a,b,c\" }}{{ $i }}={{ $v }};{{ end }}", "0=a;1=b;2=c;"),
            List.of("{{ range $k, $v := dict \"b\" 2 \"a\" 1 \"c\" 3 }}{{ $k }}{{ $v }}{{ end }}", "a1b2c3"),
            List.of("{{ range $k, $v := . }}{{ if hasPrefix \"a\" $k }}{{ $k }} {{ end }}{{ end }}", "a.b app-key "),
            List.of("{{ range list }}x{{ else }}empty{{ end }}", "empty"),
            List.of("{{ range (fromJson .json).tags }}<{{ . }}>{{ end }}", "<x><y>"),
            List.of("{{ range 3 }}{{ . }}{{ end }}", "012"),
            List.of("{{ $x := 1 }}{{ range list 5 }}{{ $x = . }}{{ end }}{{ $x }}", "5"),
            // Go truthiness
            List.of(
                    "{{ if 0 }}t{{ else }}f{{ end }}{{ if list }}t{{ else }}f{{ end }}{{ if dict \"a\" 1 }}t{{ end }}",
                    "fft"),
            // built-ins
            List.of("{{ len .user }} {{ len \"é\" }} {{ len (list 1 2) }}", "5 2 2"),
            List.of("{{ index (list \"a\" \"b\") 1 }} {{ index \"abc\" 0 }}", "b 97"),
            List.of("{{ index (fromJson .json) \"nested\" \"k\" }}", "v"),
            List.of("{{ and 1 0 2 }} {{ or 0 \"\" \"x\" }} {{ not .empty }}", "0 x true"),
            List.of("{{ and .empty .missing.field }}", ""),
            List.of(
                    "{{ eq 1 2 1 }} {{ ne \"a\" \"b\" }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1.5 2.5 }}",
                    "true true true true true false"),
            List.of("{{ print \"a\" 1 2 \"b\" }}", "a1 2b"),
            List.of("{{ println \"a\" 1 }}", "a 1\n"),
            List.of(
                    "{{ printf \"%d|%5d|%-4d|%05d|%x|%X|%o|%b\" 42 42 42 42 255 255 8 5 }}",
                    "42|   42|42  |00042|ff|FF|10|101"),
            List.of(
                    "{{ printf \"%s|%q|%v|%x|%10s|%-6s|%.2s\" \"ab\" \"a\\\"b\" \"v\" \"hi\" \"r\" \"l\" \"xyz\" }}",
                    "ab|\"a\\\"b\"|v|6869|         r|l     |xy"),
            List.of("{{ printf \"%v %v %v %v\" 1.5 1e6 100000.0 0.00001 }}", "1.5 1e+06 100000 1e-05"),
            List.of("{{ printf \"%.2f %e %g %5.1f\" 3.14159 1234.5678 0.5 2.25 }}", "3.14 1.234568e+03 0.5   2.2"),
            List.of("{{ printf \"%d %s\" \"x\" 5 }}", "%!d(string=x) %!s(int=5)"),
            List.of("{{ printf \"%s %s\" \"x\" }}", "x %!s(MISSING)"),
            List.of("{{ printf \"%s\" \"x\" 5 }}", "x%!(EXTRA int=5)"),
            List.of("{{ printf \"%v %t %T %%\" (list 1 \"a\") true 1.5 }}", "[1 a] true float64 %"),
            List.of(
                    "{{ (fromJson .json).big }} {{ (fromJson .json).port }} {{ (fromJson .json).f }}",
                    "1e+06 8080 1.5"),
            List.of(
                    "{{ fromJson .json }}",
                    "map[big:1e+06 f:1.5 host:db nested:map[k:v] nil:<nil> port:8080 t:true tags:[x y]]"),
            List.of("{{ (fromJson .json).nil }}", "<no value>"),
            // Sprig strings
            List.of("{{ quote .user 1 nil }} {{ squote .user }}", "\"admin\" \"1\" 'admin'"),
            List.of("{{ quote \"a\\nb\\\"c\\u0001\" }}", "\"a\\nb\\\"c\\x01\""),
            List.of(
                    "{{ .empty | default \"dflt\" }} {{ .user | default \"dflt\" }} {{ 0 | default 7 }} {{ default \"d\" }}",
                    "dflt admin 7 d"),
            List.of(
                    "{{ empty .empty }} {{ empty 0 }} {{ empty false }} {{ empty list }} {{ empty \"x\" }}",
                    "true true true true false"),
            List.of("{{ coalesce .empty 0 \"first\" \"second\" }} {{ coalesce .empty }}", "first <no value>"),
            List.of("{{ upper \"straße\" }} {{ lower \"ÀB\" }}", "STRASSE àb".replace("STRASSE", "STRAßE")),
            List.of("{{ title \"hello wORLD o'neil foo_bar\" }}", "Hello WORLD O'Neil Foo_bar"),
            List.of(
                    "[{{ trim .spaced }}] [{{ trimAll \"$\" \"$$5.00$\" }}] [{{ trimPrefix \"ab\" \"abc\" }}] [{{ trimSuffix \"bc\" \"abc\" }}]",
                    "[x y] [5.00] [c] [a]"),
            List.of("{{ replace \"\" \"-\" \"ab\" }} {{ replace \"a\" \"b\" \"banana\" }}", "-a-b- bbnbnb"),
            List.of(
                    "{{ contains \"dm\" .user }} {{ hasPrefix \"ad\" .user }} {{ hasSuffix \"x\" .user }}",
                    "true true false"),
            List.of("{{ $p := split \":\" \"h:8080\" }}{{ $p._0 }} {{ $p._1 }}", "h 8080"),
            List.of(
                    "{{ splitList \",\" \"a,,b,\" }} {{ len (splitList \",\" \"\") }} {{ len (splitList \"\" \"\") }}",
                    "[a  b ] 1 0"),
            List.of(
                    "{{ join \",\" (list \"a\" 1 nil true) }} {{ join \"-\" \"solo\" }} {{ splitList \",\" \"x,y\" | join \"+\" }}",
                    "a,1,true solo x+y"),
            List.of(
                    "{{ b64enc .user }} {{ b64dec .b64 }} {{ \"aGk\" | b64dec }} {{ b64dec \"aGVs\\nbG8=\" }} {{ b64dec \"a$\" }}",
                    "YWRtaW4= hello illegal base64 data at input byte 0 hello illegal base64 data at input byte 1"),
            List.of(
                    "{{ b64dec \"aGVsbG8=x\" }} {{ b64dec \"aGVsbG8\" }}",
                    "illegal base64 data at input byte 8 illegal base64 data at input byte 4"),
            List.of("{{ toString 1.5 }} {{ toString .user }} {{ nospace \" a b\\tc\\n\" }}", "1.5 admin abc"),
            List.of("{{ indent 2 .multi }}|{{ nindent 4 \"x\" }}", "  l1\n  l2|\n    x"),
            List.of("{{ sha256sum \"abc\" }}", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            // Sprig JSON/YAML and collections
            List.of("{{ toJson .pass }}", "\"p\\u003ca\\u003e\\u0026ss\""),
            List.of(
                    "{{ dict \"b\" (list 1 2.5 nil true) \"a\" \"x\\ny\" | toJson }}",
                    "{\"a\":\"x\\ny\",\"b\":[1,2.5,null,true]}"),
            List.of(
                    "{{ fromJson .json | toJson }}",
                    "{\"big\":1000000,\"f\":1.5,\"host\":\"db\",\"nested\":{\"k\":\"v\"},\"nil\":null,\"port\":8080,\"t\":true,\"tags\":[\"x\",\"y\"]}"),
            List.of("{{ fromJson \"not json\" }}", "<no value>"),
            List.of("{{ toJson 1e21 }} {{ toJson 0.0000001 }} {{ toJson 1e20 }}", "1e+21 1e-7 100000000000000000000"),
            List.of(
                    "{{ (fromYaml .yaml).b.c }} {{ (fromYaml .yaml).a }} {{ index (fromYaml .yaml).list 0 }}",
                    "two 1 x"),
            List.of("{{ (fromYaml \"- a\").Error | hasPrefix \"error unmarshaling JSON\" }}", "true"),
            List.of("{{ fromYaml .yaml | toYaml }}", "a: 1\nb:\n  c: two\nlist:\n- x"),
            List.of(
                    "{{ dict \"s\" \"true\" \"y\" \"123\" \"c\" \"a: b\" \"e\" \"\" \"m\" \"l1\\nl2\" \"q\" \"it's\" | toYaml }}",
                    "c: 'a: b'\ne: \"\"\nm: |-\n  l1\n  l2\nq: it's\ns: \"true\"\n\"y\": \"123\""),
            List.of("{{ list (dict \"a\" 1 \"b\" 2) \"x\" | toYaml }}", "- a: 1\n  b: 2\n- x"),
            List.of(
                    "{{ $d := dict \"a\" 1 }}{{ get $d \"a\" }}[{{ get $d \"z\" }}] {{ hasKey $d \"a\" }} {{ hasKey $d \"z\" }}",
                    "1[] true false"),
            List.of("{{ keys (dict \"b\" 1 \"a\" 2) (dict \"c\" 3) }}", "[a b c]"),
            List.of("{{ list 1 \"a\" (list) }} {{ dict }}", "[1 a []] map[]"),
            List.of("{{ required \"need user\" .user }}", "admin"),
            // ESO vector from the reference: rewrite.transform
            List.of("{{ index . \"app-key\" | upper | replace \"-\" \"_\" }}", "APP_KEY"));

    @TestFactory
    Stream<DynamicTest> rendersLikeGoTextTemplateWithSprig() {
        return RENDERS.stream()
                .map(row -> DynamicTest.dynamicTest(
                        row.get(0),
                        () -> assertThat(GoTemplate.parse(row.get(0)).execute(DATA))
                                .isEqualTo(row.get(1))));
    }

    /** template → substring of the execution error. */
    private static final List<List<String>> EXEC_ERRORS = List.of(
            List.of("{{ .missing }}", "template: 1:4: executing at <.missing>: map has no entry for key \"missing\""),
            List.of(
                    "line1\n  {{ .user.name }}",
                    "template: 2:6: executing at <.user.name>: can't evaluate field name in type string"),
            List.of("{{ (fromJson .json).nil.x }}", "nil pointer evaluating interface {}.x"),
            List.of("{{ (fromJson .json).absent }}", "map has no entry for key \"absent\""),
            List.of("{{ upper 3 }}", "expected string; found 3"),
            List.of("{{ upper (len .user) }}", "wrong type for value; expected string; got int"),
            List.of("{{ (fromJson .json).port | upper }}", "wrong type for value; expected string; got float64"),
            List.of("{{ indent \"2\" .user }}", "expected integer; found \"2\""),
            List.of(
                    "{{ hasKey . \"user\" }}",
                    "wrong type for value; expected map[string]interface {}; got map[string]string"),
            List.of("{{ upper }}", "wrong number of args for upper: want 1 got 0"),
            List.of("{{ \"a\" | contains \"b\" \"c\" }}", "wrong number of args for contains: want 2 got 3"),
            List.of("{{ eq 1 \"1\" }}", "error calling eq: incompatible types for comparison"),
            List.of("{{ lt true false }}", "error calling lt: invalid type for comparison"),
            List.of("{{ index (list 1) 5 }}", "error calling index: index out of range: 5"),
            List.of("{{ index . 1 }}", "error calling index: value has type int; should be string"),
            List.of("{{ len 3 }}", "error calling len: len of type int"),
            List.of("{{ range .user }}{{ end }}", "range can't iterate over value of type string"),
            List.of("{{ fail \"stop here\" }}", "error calling fail: stop here"),
            List.of("{{ required \"user is required\" .empty }}", "error calling required: user is required"),
            List.of("{{ not nil }}", "cannot assign nil to reflect.Value"),
            List.of("{{ indent -1 .user }}", "error calling indent: strings: negative Repeat count"));

    @TestFactory
    Stream<DynamicTest> failsExecutionWithGoMessagesAndPositions() {
        return EXEC_ERRORS.stream()
                .map(row -> DynamicTest.dynamicTest(row.get(0), () -> {
                    GoTemplate template = GoTemplate.parse(row.get(0));
                    assertThatThrownBy(() -> template.execute(DATA))
                            .isInstanceOf(SecretMappingException.class)
                            .hasMessageContaining(row.get(1));
                }));
    }

    /** template → substring of the parse error. */
    private static final List<List<String>> PARSE_ERRORS = List.of(
            List.of(
                    "{{ pkcs12cert .user }}",
                    "template: 1:4: function \"pkcs12cert\" needs the artifact io.eso4j:eso4j-template-crypto"),
            List.of("{{ getHostByName \"x\" }}", "function \"getHostByName\" not defined"),
            List.of("{{ env \"HOME\" }}", "function \"env\" not defined"),
            List.of("{{ nosuchfn }}", "function \"nosuchfn\" not defined"),
            List.of("{{ if true }}{{ define \"x\" }}{{ end }}{{ end }}", "unexpected <define> in command"),
            List.of("{{ template x }}", "unexpected \"x\" in template clause"),
            List.of("{{ block \"x\" }}{{ end }}", "missing value for block clause"),
            List.of("{{ break }}", "{{break}} outside {{range}}"),
            List.of("{{ .user \"arg\" }}", "can't give argument to non-function .user (method calls are not supported"),
            List.of("{{ \"x\" | .user }}", "can't give argument to non-function .user"),
            List.of("{{ .user | \"x\" }}", "non executable command in pipeline"),
            List.of("{{ 1i }}", "complex number 1i is not supported by eso4j"),
            List.of("{{ $undefined }}", "undefined variable \"$undefined\""),
            List.of("{{ if .a }}{{ $x := 1 }}{{ end }}{{ $x }}", "undefined variable \"$x\""),
            List.of("{{ .user ", "unclosed action"),
            List.of("{{ \"abc }}", "unterminated quoted string"),
            List.of("{{ if .user }}x", "unexpected EOF"),
            List.of("x{{ end }}", "template: 1:5: unexpected {{end}}"),
            List.of("{{ else }}", "unexpected {{else}}"),
            List.of("{{ if }}{{ end }}", "missing value for if"),
            List.of("{{ }}", "missing value for command"),
            List.of("{{/* unclosed }}", "unclosed comment"),
            List.of("{{ (.user }}", "unclosed left paren"),
            List.of("{{ .user) }}", "unexpected right paren"),
            List.of("{{ nil }}", "nil is not a command"),
            List.of("{{ 3x }}", "bad number syntax"),
            List.of("{{ .a # }}", "unrecognized character in action"));

    @TestFactory
    Stream<DynamicTest> rejectsBadSyntaxAndUnsupportedConstructsAtParseTime() {
        return PARSE_ERRORS.stream()
                .map(row -> DynamicTest.dynamicTest(
                        row.get(0),
                        () -> assertThatThrownBy(() -> GoTemplate.parse(row.get(0)))
                                .isInstanceOf(SecretMappingException.class)
                                .hasMessageContaining(row.get(1))));
    }

    @Test
    void reportsLineAndColumnOfParseErrors() {
        assertThatThrownBy(() -> GoTemplate.parse("a\nbc {{ x }}"))
                .hasMessage("template: 2:7: function \"x\" not defined");
    }

    @TestFactory
    Stream<DynamicTest> neverPutsDataValuesIntoErrorMessages() {
        Stream<String> templates = Stream.of(
                "{{ .secret.x }}",
                "{{ .secret | indent 2 | upper | len | upper }}",
                "{{ fail .secret }}",
                "{{ fail (printf \"bad %s\" .secret) }}",
                "{{ required .secret .empty }}",
                "{{ range .secret }}{{ end }}",
                "{{ index .secret 99 }}",
                "{{ eq .secret 1 }}",
                "{{ lt .secret true }}",
                "{{ (fromJson .secret).x }}",
                "{{ index . .secret | indent .secret }}",
                "{{ printf \"%s\" .secret | hasKey . }}");
        return templates.map(template -> DynamicTest.dynamicTest(
                template,
                () -> assertThatThrownBy(() -> GoTemplate.parse(template).execute(DATA))
                        .isInstanceOf(SecretMappingException.class)
                        .message()
                        .doesNotContain(SENTINEL)));
    }

    @Test
    void doesNotPrintTheTemplateInToString() {
        assertThat(GoTemplate.parse("literal " + SENTINEL).toString()).doesNotContain(SENTINEL);
    }

    @Test
    void rejectsDeepNestingWithACleanError() {
        String deepIf = "{{ if true }}".repeat(5000) + "x" + "{{ end }}".repeat(5000);
        assertThatThrownBy(() -> GoTemplate.parse(deepIf))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("nesting deeper than 100 levels");
        String deepParens = "{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}";
        assertThatThrownBy(() -> GoTemplate.parse(deepParens))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("nesting deeper than 100 levels");
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String nested = "{{ if true }}".repeat(100) + "x" + "{{ end }}".repeat(100);
        assertThat(GoTemplate.parse(nested).execute(DATA)).isEqualTo("x");
    }

    @Test
    void rendersHugeTemplatesWithoutRecursion() {
        String big = "{{ .user }}-".repeat(50_000);
        assertThat(GoTemplate.parse(big).execute(DATA)).hasSize("admin-".length() * 50_000);
    }

    @Test
    void stopsRunawayLoopsWithAStepLimit() {
        GoTemplate template = GoTemplate.parse("{{ range 100000 }}{{ range 100000 }}x{{ end }}{{ end }}");
        assertThatThrownBy(() -> template.execute(DATA))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void treatsNonStringDataAsAGenericMap() {
        Map<String, Object> data = Map.of("obj", Map.of("k", List.of(1, 2.5, true)));
        assertThat(GoTemplate.parse("{{ .obj.k }} {{ hasKey $ \"obj\" }}").execute(data))
                .isEqualTo("[1 2.5 true] true");
    }

    @Test
    void executesConcurrentlyWithDifferentData() throws Exception {
        GoTemplate template = GoTemplate.parse("{{ .v | upper }}");
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentHashMap<String, String> results = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < 8; i++) {
            String v = "v" + i;
            Thread t = new Thread(() -> results.put(v, template.execute(Map.of("v", v))));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).hasSize(8).containsEntry("v3", "V3");
    }
}
