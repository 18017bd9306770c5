package io.eso4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretMappingException;
import io.eso4j.spec.GoRegexp;
import io.eso4j.spec.Rewrite;
import io.eso4j.spec.Rewrite.Merge.ConflictPolicy;
import io.eso4j.spec.Rewrite.Merge.PriorityPolicy;
import io.eso4j.spec.Rewrite.Merge.Strategy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RewritesTest {

    private static String replace(String source, String key, String target) throws GoRegexp.SyntaxException {
        return GoRegexp.compile(source).replaceAll(key, target);
    }

    @ParameterizedTest(name = "{0} on {1} with {2} -> {3}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "(.*)|username|my_$1|my_username",
                "f(.*)o|foodaloo|a_new_path_$1|a_new_path_oodalo",
                "(\\w+)-(\\w+)|ab-cd|$1_x|''",
                "(\\w+)-(\\w+)|ab-cd|${1}_x|ab_x",
                "(?P<first>\\w+)-(?P<second>\\w+)|ab-cd|$second.$first|cd.ab",
                "(?<first>\\w+)-\\w+|ab-cd|${first}!|ab!",
                "(?P<my_name>a)|a|[$my_name]|[a]",
                "(?P<1x>a)|a|[${1x}]|[a]",
                "a|a|$$1|$1",
                "a|a|$|$",
                "a|a|${}|${}",
                "(a)|a|$9|''",
                "(a)|a|$nope|''",
                "x*|abc|-|-a-b-c-",
                "a*|baaac|-|-b-c-",
                "-|foo-bar-baz|_|foo_bar_baz",
                "^db/|db/a|''|a",
                "b$|ab|X|aX",
                "[[:alpha:]]+|ab12|X|X12",
                "[a[]|a[b|X|XXb",
                "(?i)ABC|xabcx|Y|xYx",
                "é|café|e|cafe",
            })
    void replacesLikeGoReplaceAllString(String source, String key, String target, String expected)
            throws GoRegexp.SyntaxException {
        assertThat(replace(source, key, target)).isEqualTo(expected);
    }

    @Test
    void anchorsDollarAtTheVeryEndLikeGo() throws GoRegexp.SyntaxException {
        assertThat(replace("b$", "ab\n", "X")).isEqualTo("ab\n");
        assertThat(replace("(?m)b$", "ab\nc", "X")).isEqualTo("aX\nc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?=a)", "(?!a)", "(?<=a)b", "(?<!a)b", "(a)\\1", "a++", "(?>a)", "[", "(?P<>a)"})
    void rejectsWhatRe2CannotExpress(String source) {
        assertThatThrownBy(() -> GoRegexp.compile(source)).isInstanceOf(GoRegexp.SyntaxException.class);
    }

    @Test
    void wrapsRegexpCompileErrorsWithTheOperationIndex() {
        List<Rewrite> ops = List.of(new Rewrite.Regexp("-", "_"), new Rewrite.Regexp("(?=x)", ""));
        assertThatThrownBy(() -> Rewrites.apply(ops, map("a-b", "v"), null))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageStartingWith(
                        "error applying rewrite to keys: failed rewrite operation[1]: regexp failed with failed to compile: ");
    }

    @Test
    void transformsKeysThroughTheRenderer() {
        Map<String, byte[]> out = Rewrites.apply(
                List.of(new Rewrite.Transform("{{ .value | upper }}")),
                map("app-key", "v"),
                TemplateRenderer.goTemplates());
        assertThat(out).containsOnlyKeys("APP-KEY");
    }

    @Test
    void mergesJsonObjectsAlphabeticallyThenByPriority() {
        Map<String, byte[]> in = map("b", "{\"host\":\"b\",\"n\":1.50}", "a", "{\"host\":\"a\",\"x\":true}");
        Map<String, byte[]> out = Rewrites.merge(merge("", List.of(), ConflictPolicy.IGNORE, Strategy.EXTRACT), in);
        assertThat(text(out)).containsExactlyInAnyOrderEntriesOf(Map.of("host", "b", "n", "1.5", "x", "true"));
        out = Rewrites.merge(merge("", List.of("a"), ConflictPolicy.IGNORE, Strategy.EXTRACT), in);
        assertThat(text(out)).containsEntry("host", "a");
    }

    @Test
    void rendersNestedMergedValuesAsGoJson() {
        Map<String, byte[]> in = map("a", "{\"o\":{\"z\":1e21,\"a\":\"<&>\"},\"l\":[1,null],\"nil\":null}");
        Map<String, byte[]> out = Rewrites.merge(merge("", List.of(), ConflictPolicy.ERROR, Strategy.EXTRACT), in);
        assertThat(text(out))
                .containsEntry("o", "{\"a\":\"\\u003c\\u0026\\u003e\",\"z\":1e+21}")
                .containsEntry("l", "[1,null]")
                .containsEntry("nil", "");
    }

    @Test
    void mergesIntoOneCompactSortedJsonKeyWithoutHtmlEscaping() {
        Map<String, byte[]> in = map("m", "{\"u\":\"<x>\", \"p\": 6379}", "r", "{\"h\":\"r\"}");
        Map<String, byte[]> out = Rewrites.merge(merge("all", List.of(), ConflictPolicy.ERROR, Strategy.JSON), in);
        assertThat(text(out))
                .containsEntry("all", "{\"h\":\"r\",\"p\":6379,\"u\":\"<x>\"}")
                .containsKeys("m", "r");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ERROR|Strict|EXTRACT||merge failed with conflicts: host",
                "IGNORE|Strict|JSON||merge failed with missing 'into' field",
                "IGNORE|Strict|EXTRACT|missing|merge failed with key \"missing\" not found in input map",
            })
    void reportsMergeErrorsInEsosWords(
            ConflictPolicy conflicts, String priorityPolicy, Strategy strategy, String priority, String message) {
        List<String> prio = priority == null ? List.of() : List.of(priority);
        Rewrite.Merge op = new Rewrite.Merge(
                "", prio, io.eso4j.spec.SpecEnum.parse(PriorityPolicy.class, priorityPolicy), conflicts, strategy);
        assertThatThrownBy(() -> Rewrites.merge(op, map("a", "{\"host\":1}", "b", "{\"host\":2}")))
                .isInstanceOf(SecretMappingException.class)
                .hasMessage(message);
    }

    @Test
    void ignoresAbsentPriorityKeysWhenAsked() {
        Rewrite.Merge op = new Rewrite.Merge(
                "", List.of("missing"), PriorityPolicy.IGNORE_NOT_FOUND, ConflictPolicy.ERROR, Strategy.EXTRACT);
        assertThat(text(Rewrites.merge(op, map("a", "{\"k\":\"v\"}")))).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void rejectsNonObjectValuesWithoutQuotingThem() {
        assertThatThrownBy(() -> Rewrites.merge(
                        merge("", List.of(), ConflictPolicy.ERROR, Strategy.EXTRACT), map("a", "secret-text")))
                .hasMessageStartingWith("merge failed with failed to unmarshal JSON: ")
                .hasMessageNotContaining("secret-text");
        assertThatThrownBy(() ->
                        Rewrites.merge(merge("", List.of(), ConflictPolicy.ERROR, Strategy.EXTRACT), map("a", "[1]")))
                .hasMessageContaining("cannot unmarshal array");
    }

    private static Rewrite.Merge merge(String into, List<String> priority, ConflictPolicy c, Strategy s) {
        return new Rewrite.Merge(into, priority, PriorityPolicy.STRICT, c, s);
    }

    static Map<String, byte[]> map(String... keysAndValues) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static Map<String, String> text(Map<String, byte[]> in) {
        Map<String, String> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }
}
