package io.eso4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Go's {@code regexp} semantics on RE2/J. Expected results are Go's: its syntax ({@code regexp/syntax} doc), its
 * parse errors and limits ({@code regexp/syntax/parse.go}: {@code repeatIsValid}, {@code maxHeight}) and
 * {@code Regexp.Expand}'s rules. The hostile cases are the ones of issue 20: each completes with the right result
 * (time is proven by the JMH benchmark {@code RegexpBenchmark}, not here).
 */
class GoRegexpTest {

    private static GoRegexp re(String source) throws GoRegexp.SyntaxException {
        return GoRegexp.compile(source);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "\\p{Greek}+",
                "\\PL",
                "\\pN",
                "\\0",
                "\\012",
                "\\x{1F600}",
                "(?U)a+",
                "(?s).",
                "[[:^alpha:]]",
                "[[:word:]]",
                "\\Qa.b\\E",
                "x{1000}",
                "(a{10}){100}",
                "(?P<x>a)|(?P<x>b)",
                "\\v",
                "\\z",
                "a{,5}", // Go: a literal "{,5}"
                "{",
                "a{1001", // Go: a literal "{1001"
            })
    void acceptsWhatGoAccepts(String source) throws GoRegexp.SyntaxException {
        assertThat(re(source).source()).isEqualTo(source);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "\\p{javaLowerCase}|invalid character class range: `\\p{javaLowerCase}`",
                "\\e|invalid escape sequence: `\\e`",
                "\\Z|invalid escape sequence: `\\Z`",
                "\\1|invalid escape sequence: `\\1`",
                "a*+|invalid nested repetition operator: `*+`",
                "a{2}{3}|invalid nested repetition operator: `{2}{3}`",
                "(?=x)|invalid or unsupported Perl syntax: `(?=`",
                "(?<!x)|invalid named capture: `(?<!x)`", // Go 1.22+ reads (?< as a named group
                "x{1001}|invalid repeat count: `{1001}`",
                "(a{100}){100}|invalid repeat count: `{100}`",
                "((a{10}){10}){11}|invalid repeat count: `{11}`",
                "(?:(?:a{10}){2,}){51}|invalid repeat count: `{51}`",
                "[a|missing closing ]: `[a`",
                "(a|missing closing ): `(a`",
                "a)|unexpected ): `a)`",
            })
    void rejectsWithGosMessage(String source, String reason) {
        assertThatThrownBy(() -> re(source))
                .isInstanceOf(GoRegexp.SyntaxException.class)
                .hasMessage("error parsing regexp: " + reason);
    }

    @Test
    void rejectsCaptureGroupsNestedAThousandDeepLikeGo() throws GoRegexp.SyntaxException {
        String deep = "(".repeat(1000) + "a" + ")".repeat(1000);
        assertThatThrownBy(() -> re(deep))
                .isInstanceOf(GoRegexp.SyntaxException.class)
                .hasMessage("error parsing regexp: expression nests too deeply: `" + deep + "`");
        assertThat(re("(".repeat(998) + "a" + ")".repeat(998)).matches("a")).isTrue();
        assertThat(re("(?:".repeat(5000) + "a" + ")".repeat(5000)).matches("a")).isTrue();
    }

    @Test
    void reportsAPatternTooDeepToRunAsASyntaxErrorNotAStackOverflow() {
        String chain = "a?".repeat(200_000);
        assertThatThrownBy(() -> re(chain))
                .isInstanceOf(GoRegexp.SyntaxException.class)
                .hasMessageStartingWith("error parsing regexp: expression too large");
    }

    @ParameterizedTest(name = "{0} on {1} with {2} -> {3}")
    @CsvSource(
            delimiterString = " ~ ",
            quoteCharacter = '\'',
            value = {
                "\\p{Greek}+ ~ αβγ-abc ~ G ~ G-abc",
                "\\0 ~ a\u0000b ~ - ~ a-b",
                "(?U)a+ ~ aaa ~ X ~ XXX",
                "(?P<x>a)|(?P<x>b) ~ b ~ [$x] ~ [b]",
                "(?P<x>a)|(?P<x>b) ~ a ~ [$x] ~ [a]",
                "(a) ~ a ~ $01 ~ ''",
                "(a) ~ a ~ ${1}$1 ~ aa",
                "(?P<01>a) ~ a ~ [$01] ~ [a]",
                "(a) ~ a ~ $1x ~ ''",
                "(a) ~ a ~ ${1}x ~ ax",
                "(a) ~ a ~ $123456789 ~ ''",
                "a(x*) ~ baaa ~ <$1> ~ b<><><>",
                "\\bx ~ ax x ~ Y ~ ax Y",
                "^x ~ xx ~ Y ~ Yx",
            })
    void replacesLikeGo(String source, String key, String template, String expected) throws GoRegexp.SyntaxException {
        assertThat(re(source).replaceAll(key, template)).isEqualTo(expected);
    }

    // ------------------------------------------------------------------ issue 20's hostile patterns

    @Test
    void exponentialBacktrackingPatternCompletesWithTheRightResult() throws GoRegexp.SyntaxException {
        GoRegexp re = re("(.*a){10}b");
        assertThat(re.matches("a".repeat(60))).isFalse();
        assertThat(re.matches("a".repeat(20_000))).isFalse();
        assertThat(re.matches("a".repeat(20_000) + "b")).isTrue();
        assertThat(re.replaceAll("a".repeat(60), "x")).isEqualTo("a".repeat(60));
    }

    @Test
    void alternationOverALongKeyDoesNotOverflowTheStack() throws GoRegexp.SyntaxException {
        GoRegexp re = re("(a|b)+$");
        String key = "ab".repeat(10_000);
        assertThat(re.matches(key)).isTrue();
        assertThat(re.replaceAll(key, "<$1>")).isEqualTo("<b>");
        assertThat(re.replaceAll("ab".repeat(1_000) + "c", "x")).isEqualTo("ab".repeat(1_000) + "c");
    }

    @Test
    void nestedAlternationOverALongSecretNameDoesNotOverflowTheStack() throws GoRegexp.SyntaxException {
        GoRegexp re = re("^((a|b|(c|d|(e|f)))+/)+(x|y)+$");
        assertThat(re.matches("abcdef/".repeat(73) + "x")).isTrue(); // 512 characters
        assertThat(re.matches("abcdef/".repeat(2_857) + "xy")).isTrue(); // 20,001 characters
        assertThat(re.matches("abcdef/".repeat(2_857) + "z")).isFalse();
    }

    @Test
    void theFormerTranslationsStillHold() throws GoRegexp.SyntaxException {
        // $ is the end of the text, not before a final newline; . excludes only \n; [ and && are literal in a class
        assertThat(re("b$").matches("ab\n")).isFalse();
        assertThat(re(".").matches("\r")).isTrue();
        assertThat(re("^.$").matches("\n")).isFalse();
        assertThat(re("[a&&b]").replaceAll("&", "x")).isEqualTo("x");
        assertThat(re("[a[]").replaceAll("[", "x")).isEqualTo("x");
        assertThat(List.of(re("[[:alpha:]]+").replaceAll("ab12", "X"))).containsExactly("X12");
    }
}
