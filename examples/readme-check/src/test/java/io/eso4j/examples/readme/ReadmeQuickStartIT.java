package io.eso4j.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo command of the root README's quick start, run as the packaged command ({@code cli/target/eso4j.jar}, what
 * the {@code ./eso4j} launcher runs) from the clone's root, prints exactly the YAML the README shows.
 */
class ReadmeQuickStartIT {

    @TempDir
    Path dir;

    @Test
    void theQuickStartDemoPrintsWhatTheReadmeShows() throws Exception {
        Path root = Clone.root();
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        String quickStart = section(readme, "## Quick start");
        List<String> arguments = demoArguments(quickStart);
        String expected = block(quickStart, "yaml");
        Path jar = root.resolve("cli/target/eso4j.jar");
        assertThat(jar)
                .as("packaged by the cli module before this module's integration tests")
                .isRegularFile();

        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("finished in time")
                .isTrue();

        String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(err).isEmpty();
        assertThat(Files.readString(dir.resolve("out"), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    /** The demo's arguments: the first {@code ./eso4j render} line of the section's {@code bash} block. */
    private static List<String> demoArguments(String quickStart) {
        String line = block(quickStart, "bash")
                .lines()
                .map(String::strip)
                .filter(l -> l.startsWith("./eso4j render "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ./eso4j render line in the quick start's bash block"));
        assertThat(line).as("plain words, no shell quoting or expansion").doesNotContain("'", "\"", "$", "\\", "|");
        List<String> words = Arrays.asList(line.split("\\s+"));
        return words.subList(1, words.size());
    }

    /** From {@code heading} to the next level-2 heading. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as("README.md has " + heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length() + 2);
        return end < 0 ? markdown.substring(start) : markdown.substring(start, end);
    }

    /** The body of the first fenced block of {@code language}, ending with a newline. */
    private static String block(String markdown, String language) {
        Matcher block = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(markdown);
        assertThat(block.find()).as("a ```" + language + " block").isTrue();
        return block.group(1);
    }
}
