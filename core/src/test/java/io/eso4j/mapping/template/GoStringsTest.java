package io.eso4j.mapping.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The Go string rules that the template engine, the mapping pipeline and ESO's markers share. */
class GoStringsTest {

    @ParameterizedTest(name = "{0} sorts before {1}")
    @CsvSource({
        "a, b",
        "Z, a",
        "a, aa",
        "'', a",
        // U+FF61 is one UTF-16 unit above the surrogates, but its code point is below U+1F600.
        "\uFF61, \uD83D\uDE00",
        "\u00e9, \uFF61",
    })
    void keysSortByCodePointAsGoSortsTheirBytes(String first, String second) {
        assertThat(GoStrings.KEY_ORDER.compare(first, second)).isNegative();
        assertThat(GoStrings.KEY_ORDER.compare(second, first)).isPositive();
        assertThat(GoStrings.KEY_ORDER.compare(first, first)).isZero();
        List<String> keys = new ArrayList<>(List.of(second, first));
        keys.sort(GoStrings.KEY_ORDER);
        assertThat(keys).containsExactly(first, second);
    }

    // Arguments in code, not CSV: CSV trims control characters and splits rows at newlines.
    static Stream<Arguments> jsonStrings() {
        return Stream.of(
                arguments("plain", true, "\"plain\""),
                arguments("a\"b\\c", true, "\"a\\\"b\\\\c\""),
                arguments("tab\there", true, "\"tab\\there\""),
                arguments("bell\u0007", true, "\"bell\\u0007\""),
                arguments("<a&b>", true, "\"\\u003ca\\u0026b\\u003e\""),
                arguments("<a&b>", false, "\"<a&b>\""),
                arguments("line\u2028sep", false, "\"line\\u2028sep\""),
                arguments("lone\uD800", true, "\"lone\\ufffd\""),
                arguments("\uD83D\uDE00", true, "\"\uD83D\uDE00\""));
    }

    @ParameterizedTest(name = "json string {index} (escapeHtml {1}) is {2}")
    @MethodSource("jsonStrings")
    void jsonStringsAreEscapedAsEncodingJsonDoes(String value, boolean escapeHtml, String expected) {
        StringBuilder out = new StringBuilder();
        GoStrings.appendJsonString(out, value, escapeHtml);
        assertThat(out).hasToString(expected);
    }

    static Stream<Arguments> quotes() {
        return Stream.of(
                arguments("key", "\"key\""),
                arguments("a\"b", "\"a\\\"b\""),
                arguments("new\nline", "\"new\\nline\""),
                arguments("bell\u0007", "\"bell\\a\""),
                arguments("esc\u001b", "\"esc\\x1b\""),
                arguments("del\u007f", "\"del\\x7f\""),
                arguments("zero\u200bwidth", "\"zero\\u200bwidth\""),
                arguments("caf\u00e9", "\"caf\u00e9\""));
    }

    @ParameterizedTest(name = "%q {index} is {1}")
    @MethodSource("quotes")
    void quoteIsGoStrconvQuote(String value, String expected) {
        assertThat(GoStrings.quote(value)).isEqualTo(expected);
    }
}
