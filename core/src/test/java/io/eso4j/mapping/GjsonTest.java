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
}
