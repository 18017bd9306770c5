package io.eso4j.mapping.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretMappingException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Go's text/template actions beyond if/with/range, after Go's {@code text/template/exec_test.go} and its docs. */
class GoActionsTest {

    private static String render(String template) {
        return GoTemplate.parse(template).execute(Map.of("user", "admin", "q", "It'd be nice."));
    }

    private static final List<List<String>> ROWS = List.of(
            List.of(
                    "html",
                    "{{html \"<script>alert(\\\"XSS\\\");</script>\"}}",
                    "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;"),
            List.of(
                    "html pipeline",
                    "{{printf \"<script>alert(\\\"XSS\\\");</script>\" | html}}",
                    "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;"),
            List.of("html of several args", "{{html 1 \"<\" 2}}", "1&lt;2"),
            List.of("js", "{{js .q}}", "It\\'d be nice."),
            List.of(
                    "js escapes",
                    "{{js \"<a href='x'>&=\\n\"}}",
                    "\\u003Ca href\\u003D\\'x\\'\\u003E\\u0026\\u003D\\u000A"),
            List.of("urlquery", "{{\"http://www.example.org/\"|urlquery}}", "http%3A%2F%2Fwww.example.org%2F"),
            List.of("urlquery space", "{{urlquery \"a b&c\"}}", "a+b%26c"),
            List.of("range break", "{{range $i, $v := list 1 2 3 4}}{{if eq $v 3}}{{break}}{{end}}{{$v}}{{end}}", "12"),
            List.of("range continue", "{{range list 1 2 3 4}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}", "134"),
            List.of(
                    "break in nested range",
                    "{{range list 1 2}}[{{range list 3 4}}{{break}}{{.}}{{end}}{{.}}]{{end}}",
                    "[1][2]"),
            List.of("template", "{{define \"x\"}}<{{.}}>{{end}}{{template \"x\" .user}}", "<admin>"),
            List.of("template without data", "{{define \"x\"}}{{.}}{{end}}{{template \"x\"}}", "<no value>"),
            List.of("template $ is its data", "{{define \"x\"}}{{$}}{{end}}{{template \"x\" \"d\"}}", "d"),
            List.of("block default", "a{{block \"b\" .user}}[{{.}}]{{end}}z", "a[admin]z"),
            List.of(
                    "empty define does not clash",
                    "{{define \"b\"}} {{end}}a{{block \"b\" .user}}[{{.}}]{{end}}z",
                    "a[admin]z"),
            List.of(
                    "define used twice",
                    "{{define \"t\"}}{{. | upper}}{{end}}{{template \"t\" \"a\"}}{{template \"t\" \"b\"}}",
                    "AB"),
            List.of(
                    "recursion with a base case",
                    "{{define \"r\"}}{{if .}}{{len .}}{{template \"r\" (rest .)}}{{end}}{{end}}{{template \"r\" (list 1 2 3)}}",
                    "321"),
            List.of("Sprig's slice replaces Go's", "{{ slice (list 1 2 3) 1 }}", "[2 3]"));

    @TestFactory
    Stream<DynamicTest> rendersLikeGo() {
        return ROWS.stream()
                .map(r -> DynamicTest.dynamicTest(
                        r.get(0), () -> assertThat(render(r.get(1))).isEqualTo(r.get(2))));
    }

    @Test
    void goErrors() {
        assertThatThrownBy(() -> render("{{break}}"))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("{{break}} outside {{range}}");
        assertThatThrownBy(() -> render("{{if true}}{{continue}}{{end}}"))
                .hasMessageContaining("{{continue}} outside {{range}}");
        assertThatThrownBy(() -> render("{{template \"nope\"}}")).hasMessageContaining("template \"nope\" not defined");
        assertThatThrownBy(() -> render("{{define \"r\"}}{{template \"r\"}}{{end}}{{template \"r\"}}"))
                .hasMessageContaining("exceeded maximum template depth (100)");
        assertThatThrownBy(() -> render("{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}"))
                .hasMessageContaining("template: multiple definition of template \"a\"");
        assertThatThrownBy(() -> render("{{define \"a\"}}{{$x}}{{end}}{{$x := 1}}"))
                .hasMessageContaining("undefined variable \"$x\"");
        assertThatThrownBy(() -> render("{{call .user}}"))
                .hasMessageContaining("error calling call: non-function .user of type string");
        assertThatThrownBy(() -> render("{{call nil}}")).hasMessageContaining("cannot assign nil to reflect.Value");
        // Go's parser: a block and a define of one name in one template, both non-empty.
        assertThatThrownBy(() -> render("{{define \"b\"}}({{.}}){{end}}a{{block \"b\" .user}}[{{.}}]{{end}}z"))
                .hasMessageContaining("template: multiple definition of template \"b\"");
    }
}
