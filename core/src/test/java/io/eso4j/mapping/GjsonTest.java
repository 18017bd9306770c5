package io.eso4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretMappingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GjsonTest {

    private static final String DOC = "{\"name\":{\"first\":\"Tom\",\"last\":\"Anderson\"},\"age\":37,"
            + "\"children\":[\"Sara\",\"Alex\",\"Jack\"],\"fav.movie\":\"Deer Hunter\","
            + "\"friends\":[{\"first\":\"Dale\",\"age\":44},{\"first\":\"Roger\",\"age\":68},{\"first\":\"Jane\"}],"
            + "\"n\":{\"f\":1.50,\"e\":1e3,\"s\":2.5E-3,\"big\":12345678901234567890,\"neg\":-0,\"huge\":1e21,"
            + "\"tenth\":0.1,\"inf\":1e400},\"nul\":null,\"t\":true,"
            + "\"obj\":{ \"a\" : [1, 2] },\"a.b\":\"literal\",\"a\":{\"b\":\"nested\"},\"x*y\":\"starkey\","
            + "\"esc\":\"line\\nquote\\\"\\u00e9\",\"dup\":1,\"dup\":2}";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "name.first|Tom",
                "age|37",
                "children.1|Alex",
                "children.#|3",
                "friends.#.first|[\"Dale\",\"Roger\",\"Jane\"]",
                "friends.#.age|[44,68]",
                "friends.1.first|Roger",
                "fav\\.movie|Deer Hunter",
                "fav.movie|Deer Hunter",
                "a.b|literal",
                "a\\.b|literal",
                "n.f|1.5",
                "n.e|1000",
                "n.s|0.0025",
                "n.big|12345678901234567890",
                "n.neg|-0",
                "n.huge|1000000000000000000000",
                "n.tenth|0.1",
                "n.inf|+Inf",
                "nul|''",
                "t|true",
                "obj|{ \"a\" : [1, 2] }",
                "obj.a|[1, 2]",
                "na?e.la*|Anderson",
                "x\\*y|starkey",
                "dup|1",
            })
    void rendersValuesLikeGjson(String path, String expected) {
        assertThat(Gjson.property(DOC, path)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "name.middle", "children.3", "children.x", "age.x", "friends.#.first.x|9"})
    void reportsMissingPathsAsAbsent(String path) {
        assertThat(Gjson.property(DOC, path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"------", "", "\"just a string\"", "{\"a\":", "[1,2"})
    void treatsNonJsonPayloadsAsMissing(String payload) {
        assertThat(Gjson.property(payload, "a")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void findsAKeyBeforeATruncationLikeGjson() {
        assertThat(Gjson.property("{\"a\":\"x\",\"b\":", "a")).contains("x");
    }

    @org.junit.jupiter.api.Test
    void appliesAPipeToAProjectionAsAWhole() {
        assertThat(Gjson.property(DOC, "friends.#.first|1")).contains("Roger");
    }

    @org.junit.jupiter.api.Test
    void unescapesStringValues() {
        assertThat(Gjson.property(DOC, "esc")).contains("line\nquote\"é");
    }

    @ParameterizedTest
    @CsvSource({
        "friends.#(first==Dale).age,queries",
        "@reverse,modifiers",
        "children|@reverse,modifiers",
        "'[name,age]',multipaths",
        "!true,literals"
    })
    void rejectsUnsupportedGjsonSyntaxClearly(String path, String feature) {
        assertThatThrownBy(() -> Gjson.property(DOC, path))
                .isInstanceOf(SecretMappingException.class)
                .hasMessage("property " + path + " uses gjson " + feature + ", which eso4j does not support");
    }
    /**
     * Issue 20 item 5: {@code *a*a…*b} patterns took exponential time (4 s at 28, 14 s at 32, over 45 s at 40
     * characters). gjson bounds them with tidwall/match's {@code MatchLimit(key, pattern, 10000)} (CVE-2021-42248):
     * a key whose match is stopped counts as not matching, and the search goes on with the next key.
     */
    @ParameterizedTest(name = "{0}-character key")
    @ValueSource(ints = {28, 32, 40, 400})
    void boundsPathologicalWildcardsLikeGjson(int length) {
        String a = "a".repeat(length);
        String doc = "{\"" + a + "\":\"first\",\"" + a + "b\":\"second\"}";

        // no b in the first key: the literal suffix check answers at once
        assertThat(Gjson.property("{\"" + a + "\":1}", "*a".repeat(15) + "*b")).isEmpty();
        // a trailing star defeats the suffix check: the limit stops the search over the first key
        assertThat(Gjson.property("{\"" + a + "\":1}", "*a".repeat(15) + "*b*")).isEmpty();
        assertThat(Gjson.property(doc, "*a".repeat(15) + "*b*")).contains("second");
        assertThat(Gjson.property(doc, "*a".repeat(15) + "*")).contains("first");
    }

    @org.junit.jupiter.api.Test
    void treatsAPatternWithTensOfThousandsOfStarsAsNotMatching() {
        assertThat(Gjson.property("{\"" + "a".repeat(100_000) + "\":1}", "*a".repeat(100_000) + "*b*"))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                // tidwall/match's own cases (match_test.go), through a one-key document
                "hello|hello|true",
                "*|anything|true",
                "h*o|hello|true",
                "h*o|helloo|true",
                "h?llo|hello|true",
                "h?llo|hllo|false",
                "*llo|hello|true",
                "he*|hello|true",
                "*x*|hello|false",
                "*l*l*|hello|true",
                "h\\*o|h*o|true",
                "h\\*o|hello|false",
                "???|héé|true",
                "??|héé|false",
            })
    void matchesWildcardsLikeTidwallMatch(String pattern, String key, boolean matches) {
        assertThat(Gjson.property("{\"" + key + "\":\"v\"}", pattern).isPresent())
                .isEqualTo(matches);
    }
}
