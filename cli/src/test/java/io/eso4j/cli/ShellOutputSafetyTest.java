package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -o env} (and the other formats) under hostile names, keys and values, checked by a real shell: the file is
 * loaded with each documented idiom by {@code /bin/bash} (and {@code /bin/sh}), no injected command may run, and
 * every value must come back byte for byte. Names and keys here are hostile on purpose, independent of the
 * validation core does at load: the output must be safe on its own.
 */
class ShellOutputSafetyTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each value tries to break out of its quoting in another way; each {@code PWNED} file proves it did. */
    private static final Map<String, String> HOSTILE_VALUES = hostileValues();

    @TempDir
    Path dir;

    private static Map<String, String> hostileValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("SPLIT", "x INJECTED=yes y");
        values.put("DOLLAR_PAREN", "$(touch PWNED-dollar-paren)");
        values.put("BACKTICK", "`touch PWNED-backtick`");
        values.put("SINGLE_QUOTE", "'; touch PWNED-single-quote; '");
        values.put("DOUBLE_QUOTE", "\"; touch PWNED-double-quote; \"");
        values.put("NEWLINE", "line1\ntouch PWNED-newline\nline3\n");
        values.put("CRLF", "a\r\ntouch PWNED-crlf\r\n");
        values.put("BACKSLASH_END", "ends with a backslash\\");
        values.put("EXPANSIONS", "$HOME ${PATH} $'\\x41' $((1+1)) !! ~ *");
        values.put("GLOB", "*");
        values.put("SEMICOLON", "a; touch PWNED-semicolon");
        values.put("AMPERSAND", "a && touch PWNED-and || touch PWNED-or & touch PWNED-bg");
        values.put("REDIRECT", "> PWNED-redirect < /dev/null");
        values.put("HEREDOC", "<<EOF\ntouch PWNED-heredoc\nEOF");
        values.put("UNICODE", "pässwörd 日本 \u202e reversed");
        values.put("EMPTY", "");
        values.put("TRAILING_NEWLINES", "abc\n\n");
        StringBuilder allAscii = new StringBuilder();
        for (char c = 1; c < 128; c++) {
            allAscii.append(c);
        }
        values.put("ALL_ASCII_BUT_NUL", allAscii.toString());
        values.put("LONG", "'$(x)`y`\n".repeat(20_000));
        return values;
    }

    private static KubernetesSecret secret(String name, String namespace, Map<String, byte[]> data) {
        return new KubernetesSecret(
                namespace + "/es", name, namespace, Map.of(), Map.of(), "Opaque", false, data, null);
    }

    private static Map<String, byte[]> bytes(Map<String, String> values) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        values.forEach((key, value) -> data.put(key, value.getBytes(StandardCharsets.UTF_8)));
        return data;
    }

    private String env(List<KubernetesSecret> secrets, StringWriter err) {
        return OutputFormat.ENV.format(secrets, new PrintWriter(err, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"source", "eval"})
    void hostileValuesRoundTripExactlyAndRunNothingInBash(String idiom) throws Exception {
        StringWriter err = new StringWriter();
        Path file = dir.resolve("secrets.env");
        Files.writeString(file, env(List.of(secret("app", "team", bytes(HOSTILE_VALUES))), err));

        Map<String, String> read = load("/bin/bash", idiom, file, HOSTILE_VALUES.keySet());

        assertThat(err.toString()).isEmpty();
        assertThat(read).containsExactlyInAnyOrderEntriesOf(HOSTILE_VALUES);
        assertNothingInjected();
    }

    @Test
    void hostileValuesRoundTripUnderPosixSh() throws Exception {
        Path file = dir.resolve("secrets.env");
        Files.writeString(file, env(List.of(secret("app", "team", bytes(HOSTILE_VALUES))), new StringWriter()));

        Map<String, String> read = load("/bin/sh", "source", file, HOSTILE_VALUES.keySet());

        assertThat(read).containsExactlyInAnyOrderEntriesOf(HOSTILE_VALUES);
        assertNothingInjected();
    }

    @ParameterizedTest
    @ValueSource(strings = {"source", "eval"})
    void hostileSecretNamesCannotEndTheirCommentLine(String idiom) throws Exception {
        StringWriter err = new StringWriter();
        List<KubernetesSecret> secrets = List.of(
                secret("db\ntouch PWNED-name", "ns\r\n$(touch PWNED-namespace)", bytes(Map.of("A", "1"))),
                secret("x\u2028touch PWNED-ls", "ns", bytes(Map.of("B", "2"))),
                secret("cache`touch PWNED-bt`\u001b[2J", "ns", bytes(Map.of("C", "3"))));
        Path file = dir.resolve("secrets.env");
        String text = env(secrets, err);
        Files.writeString(file, text);

        Map<String, String> read = load("/bin/bash", idiom, file, List.of("A", "B", "C"));

        assertThat(read).containsOnly(Map.entry("A", "1"), Map.entry("B", "2"), Map.entry("C", "3"));
        assertNothingInjected();
        assertThat(text.lines().filter(line -> line.startsWith("#"))).hasSize(3);
        assertThat(text).doesNotContain("\u001b", "\r", "\u2028");
        assertThat(text.lines()).allMatch(line -> line.startsWith("#") || line.matches("[A-Z]='\\d'"));
    }

    @Test
    void hostileKeysAreRenamedOrLeftOutWithAWarningNamingTheKeyNotTheValue() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("a;touch PWNED-key", "v1");
        values.put("$(touch PWNED-key2)", "v2");
        values.put("1abc", "v3");
        values.put("a\nb", "v4");
        values.put("LD_PRELOAD", "S3NTINEL-ld-preload");
        values.put("PATH", "S3NTINEL-path");
        values.put("BASH_ENV", "S3NTINEL-bash-env");
        values.put("IFS", "S3NTINEL-ifs");
        values.put("PS4", "S3NTINEL-ps4");
        values.put("JAVA_TOOL_OPTIONS", "S3NTINEL-jto");
        values.put("LD-PRELOAD", "S3NTINEL-renamed-ld-preload");
        values.put("", "S3NTINEL-empty-key");
        values.put("UID", "S3NTINEL-readonly");
        values.put("a-b", "v5");
        values.put("a.b", "S3NTINEL-collides");
        StringWriter err = new StringWriter();
        Path file = dir.resolve("secrets.env");
        String text = env(List.of(secret("app", "team", bytes(values))), err);
        Files.writeString(file, text);

        Map<String, String> read =
                load("/bin/bash", "source", file, List.of("a_touch_PWNED_key", "__touch_PWNED_key2_", "_1abc", "a_b"));

        assertThat(read)
                .containsOnly(
                        Map.entry("a_touch_PWNED_key", "v1"),
                        Map.entry("__touch_PWNED_key2_", "v2"),
                        Map.entry("_1abc", "v3"),
                        Map.entry("a_b", "v4"));
        assertNothingInjected();
        assertThat(text).doesNotContain("S3NTINEL", "LD_PRELOAD", "PATH=", "BASH_ENV", "IFS=", "UID=");
        assertThat(err.toString())
                .contains(
                        "warning: Secret team/app key LD_PRELOAD left out: its shell name LD_PRELOAD would change",
                        "key PATH left out",
                        "key BASH_ENV left out",
                        "key IFS left out",
                        "key PS4 left out",
                        "key JAVA_TOOL_OPTIONS left out",
                        "key LD-PRELOAD left out: its shell name LD_PRELOAD",
                        "key \"\" left out: its shell name _",
                        "key UID left out",
                        "key \"a\\nb\" written as a_b",
                        "key a-b left out: its shell name a_b is already taken",
                        "key a.b left out: its shell name a_b is already taken")
                .doesNotContain("S3NTINEL", "v1", "v2");
    }

    @Test
    void valuesAShellCannotHoldAreLeftOutWithAWarning() {
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put("NUL", "before\0S3NTINEL-after-nul".getBytes(StandardCharsets.UTF_8));
        data.put("BINARY", new byte[] {(byte) 0xff, (byte) 0xfe, 'S', '3', 'N'});
        data.put("OK", "fine".getBytes(StandardCharsets.UTF_8));
        StringWriter err = new StringWriter();

        String text = env(List.of(secret("app", "team", data)), err);

        assertThat(text).isEqualTo("OK='fine'\n");
        assertThat(err.toString())
                .contains("warning: Secret team/app key NUL left out", "warning: Secret team/app key BINARY left out")
                .doesNotContain("S3NTINEL");
    }

    /**
     * {@code export $(eso4j render -o env)} is documented as unsafe (OutputFormat.ENV, cli/README.md): this pins why.
     * An unquoted command substitution is split on blanks without quote removal, so one value sets another variable.
     * The documented idioms above load the same file safely.
     */
    @Test
    void exportOfAnUnquotedCommandSubstitutionIsUnsafeAsDocumented() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")));
        Path file = dir.resolve("secrets.env");
        Files.writeString(
                file,
                env(List.of(secret("app", "team", bytes(Map.of("SPLIT", "x INJECTED=yes y")))), new StringWriter()));
        Process bash = new ProcessBuilder(
                        "/bin/bash", "-c", "export $(cat ./secrets.env) 2>/dev/null; printf %s \"$INJECTED\"")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("yes");
        assertThat(Files.readString(Path.of("..", "cli", "README.md")))
                .contains("`export $(eso4j render -o env)` is not safe");
    }

    @Test
    void keysOutputEscapesHostileNamesSoNoLineCanBeForged() {
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put("ok", "S3NTINEL-1".getBytes(StandardCharsets.UTF_8));
        data.put("evil\nSecret forged (type Opaque): 0 keys", "S3NTINEL-2".getBytes(StandardCharsets.UTF_8));
        data.put("esc\u001b]0;title\u0007", "S3NTINEL-3".getBytes(StandardCharsets.UTF_8));

        String text = OutputFormat.KEYS.format(List.of(secret("app\nx", "team", data)), null);

        assertThat(text.lines()).hasSize(4);
        assertThat(text)
                .contains("Secret \"team/app\\nx\" ", "  \"evil\\nSecret forged (type Opaque): 0 keys\"  10 bytes")
                .contains("  \"esc\\x1b]0;title\\x07\"  10 bytes")
                .doesNotContain("S3NTINEL", "\u001b", "\u0007");
    }

    @Test
    void yamlAndJsonRoundTripHostileNamesKeysLabelsAndAnnotations() throws IOException {
        List<String> hostile = List.of(
                "a: b",
                "- item",
                "#comment",
                "? key",
                "&anchor",
                "*alias",
                "!tag",
                "%directive",
                "@at",
                "`tick",
                "{flow}",
                "[seq]",
                "'single'",
                "\"double\"",
                "true",
                "null",
                "~",
                "yes",
                "0x1F",
                "1e3",
                "line\nbreak",
                "trailing space ",
                " leading",
                "tab\tin",
                "---",
                "...",
                "\u0085nel",
                "\u2028ls",
                "unicode ä 日本",
                "",
                "$(touch PWNED)");
        Map<String, byte[]> data = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < hostile.size(); i++) {
            data.put(hostile.get(i), hostile.get(i).getBytes(StandardCharsets.UTF_8));
            labels.put("k" + i, hostile.get(i));
        }
        KubernetesSecret secret = new KubernetesSecret(
                "team/es", "name: with\nnewline", "ns #x", labels, labels, "type\n- x", false, data, null);

        for (JsonNode parsed : List.of(
                YAML.readTree(OutputFormat.YAML.format(List.of(secret), null)),
                JSON.readTree(OutputFormat.JSON.format(List.of(secret), null)))) {
            assertThat(parsed.path("metadata").path("name").asText()).isEqualTo("name: with\nnewline");
            assertThat(parsed.path("metadata").path("namespace").asText()).isEqualTo("ns #x");
            assertThat(parsed.path("type").asText()).isEqualTo("type\n- x");
            Map<String, String> readData = new LinkedHashMap<>();
            parsed.path("data")
                    .properties()
                    .forEach(e -> readData.put(
                            e.getKey(),
                            new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
            Map<String, String> expected = new LinkedHashMap<>();
            hostile.forEach(h -> expected.put(h, h));
            assertThat(readData).containsExactlyInAnyOrderEntriesOf(expected);
            for (String field : List.of("labels", "annotations")) {
                JsonNode node = parsed.path("metadata").path(field);
                labels.forEach((k, v) ->
                        assertThat(node.path(k).isTextual()).as(field + " " + k).isTrue());
                labels.forEach((k, v) ->
                        assertThat(node.path(k).asText()).as(field + " " + k).isEqualTo(v));
            }
        }
        assertThat(JSON.readTree(OutputFormat.JSON.format(List.of(secret), null))
                        .path("kind")
                        .asText())
                .isEqualTo("Secret");
    }

    /**
     * Loads {@code file} in {@code shell} with the idiom ({@code source}: {@code set -a; . ./file; set +a};
     * {@code eval}: {@code set -a; eval "$(cat ./file)"; set +a}), then writes each named variable's value to its own
     * file with {@code printf %s}, so values come back byte for byte (trailing newlines included).
     */
    private Map<String, String> load(String shell, String idiom, Path file, Iterable<String> names)
            throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of(shell)), shell + " is needed");
        Path out = Files.createDirectories(dir.resolve("out"));
        StringBuilder script = new StringBuilder("set -a\n");
        script.append(
                        idiom.equals("source")
                                ? ". ./" + file.getFileName()
                                : "eval \"$(cat ./" + file.getFileName() + ")\"")
                .append("\nset +a\n");
        List<String> all = new ArrayList<>();
        names.forEach(all::add);
        for (int i = 0; i < all.size(); i++) {
            script.append("printf %s \"$")
                    .append(all.get(i))
                    .append("\" > out/")
                    .append(i)
                    .append('\n');
        }
        Process process = new ProcessBuilder(shell, "-c", script.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("shell output").isEmpty();
        Map<String, String> read = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            read.put(all.get(i), Files.readString(out.resolve(String.valueOf(i)), StandardCharsets.UTF_8));
        }
        return read;
    }

    private void assertNothingInjected() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains("PWNED")))
                    .isEmpty();
        }
    }
}
