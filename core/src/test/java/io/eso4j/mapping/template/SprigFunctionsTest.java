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

/**
 * Sprig functions against Sprig's own test tables (Masterminds/sprig v3 {@code regex_test.go}, {@code
 * strings_test.go}, {@code list_test.go}, {@code date_test.go}, which ESO vendors): each row is the Go test's template
 * and expected output, named by the Go test.
 */
class SprigFunctionsTest {

    private static String render(String template) {
        return GoTemplate.parse(template).execute(Map.of());
    }

    /** {Go test, template, expected}. */
    private static final List<List<String>> ROWS = List.of(
            // regex_test.go
            List.of(
                    "TestRegexMatch",
                    "{{ regexMatch \"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\\\.[A-Za-z]{2,}\" \"test@acme.com\" }}",
                    "true"),
            List.of(
                    "TestRegexMatch",
                    "{{ regexMatch \"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\\\.[A-Za-z]{2,}\" \"test@acme\" }}",
                    "false"),
            List.of(
                    "TestMustRegexMatch",
                    "{{ mustRegexMatch \"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\\\.[A-Za-z]{2,}\" \"Test@Acme.Com\" }}",
                    "true"),
            List.of("TestRegexFindAll", "{{ regexFindAll \"a{2}\" \"aa\" -1 | len }}", "1"),
            List.of("TestRegexFindAll", "{{ regexFindAll \"a{2}\" \"aaaaaaaa\" 1 | len }}", "1"),
            List.of("TestRegexFindAll", "{{ regexFindAll \"a{2}\" \"aaaa\" -1 | len }}", "2"),
            List.of("TestRegexFindAll", "{{ regexFindAll \"a{2}\" \"none\" -1 | len }}", "0"),
            List.of("TestRegexFindl", "{{ regexFind \"fo.?\" \"foorbar\" }}", "foo"),
            List.of("TestRegexFindl", "{{ regexFind \"fo.?\" \"foo foe fome\" }}", "foo"),
            List.of("TestRegexFindl", "{{ regexFind \"fo.?\" \"none\" }}", ""),
            List.of("TestRegexReplaceAll", "{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"T\" }}", "-T-T-"),
            List.of("TestRegexReplaceAll", "{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"$1\" }}", "--xx-"),
            List.of("TestRegexReplaceAll", "{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"$1W\" }}", "---"),
            List.of("TestRegexReplaceAll", "{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"${1}W\" }}", "-W-xxW-"),
            List.of(
                    "TestMustRegexReplaceAll",
                    "{{ mustRegexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"${1}W\" }}",
                    "-W-xxW-"),
            List.of(
                    "TestRegexReplaceAllLiteral",
                    "{{ regexReplaceAllLiteral \"a(x*)b\" \"-ab-axxb-\" \"$1\" }}",
                    "-$1-$1-"),
            List.of(
                    "TestRegexReplaceAllLiteral",
                    "{{ regexReplaceAllLiteral \"a(x*)b\" \"-ab-axxb-\" \"${1}\" }}",
                    "-${1}-${1}-"),
            List.of("TestRegexSplit", "{{ regexSplit \"a\" \"banana\" -1 | len }}", "4"),
            List.of("TestRegexSplit", "{{ regexSplit \"a\" \"banana\" 0 | len }}", "0"),
            List.of("TestRegexSplit", "{{ regexSplit \"a\" \"banana\" 1 | len }}", "1"),
            List.of("TestRegexSplit", "{{ regexSplit \"a\" \"banana\" 2 | len }}", "2"),
            List.of("TestRegexSplit", "{{ regexSplit \"z+\" \"pizza\" -1 | len }}", "2"),
            List.of("TestRegexSplit", "{{ regexSplit \"z+\" \"pizza\" 2 | len }}", "2"),
            List.of("TestRegexQuoteMeta", "{{ regexQuoteMeta \"1.2.3\" }}", "1\\.2\\.3"),
            List.of("TestRegexQuoteMeta", "{{ regexQuoteMeta \"pretzel\" }}", "pretzel"),
            // Go's regexp: an empty match right after a match is skipped (Go's ReplaceAllString doc example)
            List.of(
                    "regexp.ExampleRegexp_ReplaceAllString",
                    "{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"${1}W\" }}",
                    "-W-xxW-"),
            List.of("regexp.TestReplaceAll (a*, baaac)", "{{ regexReplaceAll \"a*\" \"baaac\" \"X\" }}", "XbXcX"),
            // strings_test.go
            List.of("TestSubstr", "{{\"fooo\" | substr 0 3 }}", "foo"),
            List.of("TestSubstr_shorterString", "{{\"foo\" | substr 0 10 }}", "foo"),
            List.of("TestTrunc", "{{ \"foooooo\" | trunc 3 }}", "foo"),
            List.of("TestTrunc", "{{ \"baaaaaar\" | trunc -3 }}", "aar"),
            List.of("TestTrunc", "{{ \"baaaaaar\" | trunc -999 }}", "baaaaaar"),
            List.of("TestTrunc", "{{ \"baaaaaz\" | trunc 0 }}", ""),
            List.of("TestQuote", "{{quote 1 2 3 }}", "\"1\" \"2\" \"3\""),
            List.of("TestSquote", "{{squote 1 2 3 }}", "'1' '2' '3'"),
            List.of("TestTrim", "{{trimAll \"$\" \"$5.00$\"}}", "5.00"),
            List.of("TestSplitn", "{{$v := \"foo$bar$baz\" | splitn \"$\" 2}}{{$v._0}}", "foo"),
            List.of("TestSplitn", "{{$v := \"foo$bar$baz\" | splitn \"$\" 2}}{{$v._1}}", "bar$baz"),
            List.of("TestToStrings", "{{ $s := list 1 2 3 | toStrings }}{{ index $s 1 | kindOf }}", "string"),
            List.of("TestJoin", "{{ tuple \"a\" \"b\" \"c\" | join \"-\" }}", "a-b-c"),
            List.of("TestJoin", "{{ tuple 1 2 3 | join \"-\" }}", "1-2-3"),
            List.of("TestSortAlpha", "{{ list \"c\" \"a\" \"b\" | sortAlpha | join \"\" }}", "abc"),
            List.of("TestSortAlpha", "{{ list 2 1 4 3 | sortAlpha | join \"\" }}", "1234"),
            List.of("TestBase32EncodeDecode", "{{b32enc \"coffee\"}}", "MNXWMZTFMU======"),
            List.of("TestBase32EncodeDecode", "{{b32dec \"MNXWMZTFMU======\"}}", "coffee"),
            List.of("TestGoutils", "{{abbrev 5 \"hello world\"}}", "he..."),
            List.of("TestGoutils", "{{abbrevboth 5 10 \"1234 5678 9123\"}}", "...5678..."),
            List.of("TestGoutils", "{{untitle \"First Try\"}}", "first try"),
            List.of("TestGoutils", "{{initials \"First Try\"}}", "FT"),
            List.of("TestGoutils", "{{wrap 5 \"Hello World\"}}", "Hello\nWorld"),
            List.of("TestGoutils", "{{wrapWith 5 \"\\t\" \"Hello World\"}}", "Hello\tWorld"),
            List.of("TestCat", "{{$b := \"b\"}}{{\"c\" | cat \"a\" $b}}", "a b c"),
            List.of("TestIndent", "{{indent 4 \"a\\nb\\nc\"}}", "    a\n    b\n    c"),
            List.of("TestNindent", "{{nindent 4 \"a\\nb\\nc\"}}", "\n    a\n    b\n    c"),
            List.of("TestReplace", "{{\"I Am Henry VIII\" | replace \" \" \"-\"}}", "I-Am-Henry-VIII"),
            List.of("TestPlural", "{{$num := len \"two\"}}{{$num}} {{$num | plural \"1 char\" \"chars\"}}", "3 chars"),
            List.of("TestPlural", "{{len \"t\" | plural \"cheese\" \"%d chars\"}}", "cheese"),
            // list_test.go
            List.of("TestTuple", "{{$t := tuple 1 \"a\" \"foo\"}}{{index $t 2}}{{index $t 0 }}{{index $t 1}}", "foo1a"),
            List.of("TestPush", "{{ $t := tuple 1 2 3  }}{{ append $t 4 | len }}", "4"),
            List.of("TestPush", "{{ $t := tuple 1 2 3 4  }}{{ append $t 5 | join \"-\" }}", "1-2-3-4-5"),
            List.of(
                    "TestPush",
                    "{{ $t := regexSplit \"/\" \"foo/bar/baz\" -1 }}{{ append $t \"qux\" | join \"-\" }}",
                    "foo-bar-baz-qux"),
            List.of(
                    "TestMustPush",
                    "{{ $t := regexSplit \"/\" \"foo/bar/baz\" -1 }}{{ mustPush $t \"qux\" | join \"-\" }}",
                    "foo-bar-baz-qux"),
            List.of("TestPrepend", "{{ $t := tuple 1 2 3 4  }}{{ prepend $t 0 | join \"-\" }}", "0-1-2-3-4"),
            List.of("TestFirst", "{{ list 1 2 3 | first }}", "1"),
            List.of("TestFirst", "{{ list | first }}", "<no value>"),
            List.of("TestFirst", "{{ regexSplit \"/src/\" \"foo/src/bar\" -1 | first }}", "foo"),
            List.of("TestLast", "{{ list 1 2 3 | last }}", "3"),
            List.of("TestInitial", "{{ list 1 2 3 | initial | last }}", "2"),
            List.of("TestInitial", "{{ list | initial }}", "[]"),
            List.of("TestInitial", "{{ regexSplit \"/\" \"foo/bar/baz\" -1 | initial }}", "[foo bar]"),
            List.of("TestRest", "{{ list 1 2 3 | rest | first }}", "2"),
            List.of("TestRest", "{{ list | rest }}", "[]"),
            List.of("TestReverse", "{{ list 1 2 3 4 | reverse }}", "[4 3 2 1]"),
            List.of("TestReverse", "{{ regexSplit \"/\" \"foo/bar/baz\" -1 | reverse }}", "[baz bar foo]"),
            List.of("TestCompact", "{{ list 1 0 \"\" \"hello\" | compact }}", "[1 hello]"),
            List.of("TestCompact", "{{ regexSplit \"/\" \"foo//bar\" -1 | compact }}", "[foo bar]"),
            List.of("TestUniq", "{{ list 1 1 1 1 2 2 2 2 | uniq }}", "[1 2]"),
            List.of("TestUniq", "{{ list \"foo\" 1 1 1 1 \"foo\" \"foo\" | uniq }}", "[foo 1]"),
            List.of("TestWithout", "{{ without (list 1 2 3 4) 1 }}", "[2 3 4]"),
            List.of("TestWithout", "{{ without (list 1 2 3) }}", "[1 2 3]"),
            List.of("TestWithout", "{{ without list }}", "[]"),
            List.of("TestHas", "{{ list 1 2 3 | has 1 }}", "true"),
            List.of("TestHas", "{{ list 1 2 3 | has 4 }}", "false"),
            List.of("TestHas", "{{ has \"bar\" nil }}", "false"),
            List.of("TestSlice", "{{ slice (list 1 2 3) }}", "[1 2 3]"),
            List.of("TestSlice", "{{ slice (list 1 2 3) 0 1 }}", "[1]"),
            List.of("TestSlice", "{{ slice (list 1 2 3) 1 }}", "[2 3]"),
            List.of("TestSlice", "{{ slice (regexSplit \"/\" \"foo/bar/baz\" -1) 1 2 }}", "[bar]"),
            List.of("TestConcat", "{{ concat (list 1 2 3) (list 4 5) (list) }}", "[1 2 3 4 5]"),
            List.of("TestConcat", "{{ concat (list 1 2 3) (list 4 5) (list nil) }}", "[1 2 3 4 5 <nil>]"),
            List.of("TestConcat", "{{ concat (list 1 2 3) (list 4 5) (list ( list \"foo\" ) ) }}", "[1 2 3 4 5 [foo]]"),
            // date_test.go
            List.of("TestToDate", "{{toDate \"2006-01-02\" \"2017-12-31\" | date \"02/01/2006\"}}", "31/12/2017"),
            List.of(
                    "TestDateInZone (int64)",
                    "{{ date_in_zone \"02 Jan 06 15:04 -0700\" 1560458379 \"UTC\" }}",
                    "13 Jun 19 20:39 +0000"),
            List.of(
                    "TestDateInZone (invalid zone)",
                    "{{ date_in_zone \"02 Jan 06 15:04 -0700\" 1560458379 \"foobar\" }}",
                    "13 Jun 19 20:39 +0000"),
            List.of(
                    "TestUnixEpoch",
                    "{{ toDate \"02 Jan 06 15:04:05 MST\" \"13 Jun 19 20:39:39 GMT\" | unixEpoch }}",
                    "1560458379"),
            List.of("TestDurationRound", "{{ durationRound \"2h5s\" }}", "2h"),
            List.of("TestDurationRound", "{{ durationRound \"24h5s\" }}", "1d"),
            List.of("TestDurationRound", "{{ durationRound \"2400h5s\" }}", "3mo"),
            List.of("TestHtmlDate", "{{ htmlDate 0 }}", "1970-01-01"),
            List.of(
                    "Go time.Format RFC3339",
                    "{{ date \"2006-01-02T15:04:05Z07:00\" 1560458379 }}",
                    "2019-06-13T20:39:39Z"),
            List.of("Go time.Format kitchen", "{{ date \"3:04PM Mon Jan _2\" 1560458379 }}", "8:39PM Thu Jun 13"),
            List.of(
                    "Go time.Format fraction",
                    "{{ toDate \"2006-01-02 15:04:05.000\" \"2019-06-13 20:39:39.120\" | date \".000 .999 .9\" }}",
                    ".120 .12 .1"),
            List.of(
                    "Sprig dateModify",
                    "{{ toDate \"2006-01-02\" \"2017-12-31\" | dateModify \"-1.5h\" | date \"2006-01-02 15:04\" }}",
                    "2017-12-30 22:30"),
            List.of("Go time.Duration.String", "{{ duration 95 }}", "1m35s"),
            List.of("Go time.Duration.String", "{{ duration \"3600\" }}", "1h0m0s"));

    @TestFactory
    Stream<DynamicTest> rendersLikeSprigsTests() {
        return ROWS.stream()
                .map(r -> DynamicTest.dynamicTest(
                        r.get(0) + ": " + r.get(1),
                        () -> assertThat(render(r.get(1))).isEqualTo(r.get(2))));
    }

    @Test
    void mustVariantsFailWhereThePlainOnesReturnAZeroValue() {
        assertThat(render("{{ regexMatch \"(\" \"x\" }}")).isEqualTo("false");
        assertThatThrownBy(() -> render("{{ mustRegexMatch \"(\" \"x\" }}"))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("error calling mustRegexMatch: error parsing regexp: missing closing ): `(`");
        assertThatThrownBy(() -> render("{{ regexFind \"(\" \"x\" }}"))
                .hasMessageContaining(
                        "error calling regexFind: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`");
        assertThat(render("{{ fromJson \"{ # no json # }\" }}")).isEqualTo("<no value>");
        assertThatThrownBy(() -> render("{{ mustFromJson \"{ # no json # }\" }}"))
                .hasMessageContaining("error calling mustFromJson: invalid JSON");
        assertThat(render("{{ toDate \"2006-01-02\" \"x\" | date \"2006\" }}")).isEqualTo("0001");
        assertThatThrownBy(() -> render("{{ mustToDate \"2006-01-02\" \"x\" }}"))
                .hasMessageContaining("parsing time \"x\" as \"2006-01-02\": cannot parse \"x\" as");
        assertThatThrownBy(() -> render("{{ mustAppend \"x\" 1 }}")).hasMessageContaining("Cannot push on type string");
    }

    @Test
    void randomAndTimeFunctionsHaveTheRightShape() {
        assertThat(render("{{ randAlphaNum 12 }}")).matches("[A-Za-z0-9]{12}");
        assertThat(render("{{ randAlpha 7 }}")).matches("[A-Za-z]{7}");
        assertThat(render("{{ randNumeric 9 }}")).matches("[0-9]{9}");
        assertThat(render("{{ randAscii 20 }}")).matches("[ -~]{20}");
        assertThat(render("{{ uuidv4 }}"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(java.util.Base64.getDecoder().decode(render("{{ randBytes 24 }}")))
                .hasSize(24);
        assertThat(render("{{ now | date \"2006\" }}")).matches("20[0-9]{2}");
        assertThat(render("{{ now | typeOf }}")).isEqualTo("time.Time");
        assertThat(Long.parseLong(render("{{ randInt 5 10 }}"))).isBetween(5L, 9L);
    }

    @Test
    void dictsMergeDigPluck() {
        assertThat(render("{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"b\" 2 }}{{ $d | toJson }}"))
                .isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(render("{{ $d := dict \"a\" 1 \"b\" 2 }}{{ unset $d \"a\" | toJson }}"))
                .isEqualTo("{\"b\":2}");
        assertThat(
                        render(
                                "{{ merge (dict \"a\" 1 \"n\" (dict \"x\" 1)) (dict \"a\" 2 \"b\" 3 \"n\" (dict \"y\" 2)) | toJson }}"))
                .isEqualTo("{\"a\":1,\"b\":3,\"n\":{\"x\":1,\"y\":2}}");
        assertThat(render("{{ mergeOverwrite (dict \"a\" 1) (dict \"a\" 2 \"b\" 3) | toJson }}"))
                .isEqualTo("{\"a\":2,\"b\":3}");
        assertThat(render("{{ dig \"a\" \"b\" \"none\" (dict \"a\" (dict \"b\" \"found\")) }}"))
                .isEqualTo("found");
        assertThat(render("{{ dig \"a\" \"c\" \"none\" (dict \"a\" (dict \"b\" \"found\")) }}"))
                .isEqualTo("none");
        assertThat(render("{{ pluck \"a\" (dict \"a\" 1) (dict \"b\" 2) (dict \"a\" 3) }}"))
                .isEqualTo("[1 3]");
        assertThat(render("{{ pick (dict \"a\" 1 \"b\" 2) \"a\" | toJson }}")).isEqualTo("{\"a\":1}");
        assertThat(render("{{ omit (dict \"a\" 1 \"b\" 2) \"a\" | toJson }}")).isEqualTo("{\"b\":2}");
        assertThat(render("{{ values (dict \"a\" 1 \"b\" 2) | len }}")).isEqualTo("2");
        assertThat(render("{{ dict \"a\" (list 1 2) | toPrettyJson }}"))
                .isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ]\n}");
        assertThat(render("{{ dict \"a\" \"<&>\" | toRawJson }}")).isEqualTo("{\"a\":\"<&>\"}");
        assertThat(render("{{ ternary \"yes\" \"no\" true }}")).isEqualTo("yes");
        assertThat(render("{{ deepEqual (list 1 2) (list 1 2) }}")).isEqualTo("true");
        assertThat(render("{{ kindOf (dict) }} {{ kindIs \"slice\" (list) }} {{ typeOf 1.5 }}"))
                .isEqualTo("map true float64");
    }

    @Test
    void semverLikeSprigsSemverTest() {
        // semver_test.go: TestSemverCompare / TestSemver, and Masterminds' constraint rules.
        assertThat(render("{{ semverCompare \"1.2.3\" \"1.2.3\" }}")).isEqualTo("true");
        assertThat(render("{{ semverCompare \"^1.2.0\" \"1.2.3\" }}")).isEqualTo("true");
        assertThat(render("{{ semverCompare \"^1.2.0\" \"2.2.3\" }}")).isEqualTo("false");
        assertThat(render("{{ $s := semver \"1.2.3-beta.1+c0ff33\" }}{{ $s.Prerelease }}"))
                .isEqualTo("beta.1");
        assertThat(render("{{ $s := semver \"1.2.3-beta.1+c0ff33\" }}{{ $s.Major }}.{{ $s.Minor }}.{{ $s.Patch }}"))
                .isEqualTo("1.2.3");
        assertThat(render("{{ semver \"v1.2\" }}")).isEqualTo("1.2.0");
        assertThat(render("{{ semverCompare \"~1.2.3\" \"1.2.9\" }} {{ semverCompare \"~1.2.3\" \"1.3.0\" }}"))
                .isEqualTo("true false");
        assertThat(render("{{ semverCompare \">=1.0, <2.0 || 3.x\" \"3.4.0\" }}"))
                .isEqualTo("true");
        assertThat(render("{{ semverCompare \"1.2 - 1.4.5\" \"1.4.6\" }}")).isEqualTo("false");
        assertThat(render("{{ semverCompare \">=1.0.0\" \"1.2.0-beta\" }}")).isEqualTo("false");
        assertThatThrownBy(() -> render("{{ semver \"bogus\" }}")).hasMessageContaining("Invalid Semantic Version");
    }

    @Test
    void numbersPathsAndUrls() {
        assertThat(render("{{ add 1 2 3 }} {{ sub 5 2 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ mod 7 2 }} {{ add1 4 }}"))
                .isEqualTo("6 3 24 3 1 5");
        assertThat(render("{{ max 1 5 3 }} {{ min 4 2 9 }} {{ maxf 1.5 2.5 }} {{ floor 1.7 }} {{ ceil 1.2 }}"))
                .isEqualTo("5 2 2.5 1 2");
        assertThat(render("{{ round 3.14159 2 }} {{ addf 1.1 2.2 }} {{ divf 1 3 | printf \"%.3f\" }}"))
                .isEqualTo("3.14 3.3 0.333");
        assertThat(render("{{ atoi \"42\" }} {{ int \"7\" }} {{ float64 \"1.5\" }} {{ toDecimal \"0777\" }}"))
                .isEqualTo("42 7 1.5 511");
        assertThat(render("{{ until 3 }} {{ untilStep 0 10 4 }} {{ seq 3 }} {{ seq 2 -2 }}"))
                .isEqualTo("[0 1 2] [0 4 8] 1 2 3 2 1 0 -1 -2");
        assertThat(
                        render(
                                "{{ base \"/a/b.txt\" }} {{ dir \"/a/b.txt\" }} {{ ext \"b.tar.gz\" }} {{ clean \"a//b/../c\" }}"))
                .isEqualTo("b.txt /a .gz a/c");
        assertThat(
                        render(
                                "{{ $u := urlParse \"https://user@host:8443/p/a?q=1#f\" }}{{ $u.host }} {{ $u.hostname }} {{ $u.path }} {{ $u.query }} {{ $u.userinfo }} {{ $u.fragment }}"))
                .isEqualTo("host:8443 host /p/a q=1 user f");
        assertThat(render("{{ urlJoin (dict \"scheme\" \"https\" \"host\" \"h\" \"path\" \"/x\" \"query\" \"a=b\") }}"))
                .isEqualTo("https://h/x?a=b");
        assertThat(render(
                        "{{ snakecase \"FirstName\" }} {{ kebabcase \"HTTPServer\" }} {{ camelcase \"http_server\" }}"))
                .isEqualTo("first_name http-server HttpServer");
        assertThat(render("{{ sha1sum \"abc\" }}")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(render("{{ adler32sum \"abc\" }}")).isEqualTo("38600999");
    }
}
