package io.eso4j.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every relative Markdown link of every README points at something that exists, and so does every repository path
 * the text or its code blocks mention (a path whose first segment is a top-level entry of the clone, build output
 * under {@code target/} aside).
 */
class ReadmePathsTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern PATH =
            Pattern.compile("(?<![\\w./-])([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.*-]+)+/?)(?![\\w/])");

    @TestFactory
    Stream<DynamicTest> everyLinkAndRepositoryPathOfEveryReadmeExists() throws IOException {
        Path root = Clone.root();
        return Clone.readmes().stream()
                .map(readme -> DynamicTest.dynamicTest(root.relativize(readme).toString(), () -> {
                    String text = Files.readString(readme, StandardCharsets.UTF_8);
                    assertThat(missing(root, readme, text))
                            .as("missing targets")
                            .isEmpty();
                }));
    }

    @Test
    void findsTheRootReadmeAndTheModuleReadmes() throws IOException {
        Path root = Clone.root();

        assertThat(Clone.readmes())
                .contains(
                        root.resolve("README.md"),
                        root.resolve("cli/README.md"),
                        root.resolve("testkit/README.md"),
                        root.resolve("examples/plain-java/README.md"));
    }

    @Test
    void reportsABrokenLinkAndABrokenPath() {
        Path root = Clone.root();
        String text = "See [the guide](docs/no-such-guide.md#intro), [web](https://example.com), [here](#top).\n"
                + "```bash\n./eso4j render -f examples/no-such-folder\n```\n"
                + "Elsewhere: `k8s/external-secrets.yaml`, `external-secrets.io/v1`, `cli/target/eso4j.jar`.\n";

        assertThat(missing(root, root.resolve("README.md"), text))
                .containsExactly("docs/no-such-guide.md", "examples/no-such-folder");
    }

    /** The link targets and repository paths of {@code text} that do not exist, in order. */
    static List<String> missing(Path root, Path readme, String text) {
        Set<String> topLevel = new TreeSet<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.map(entry -> entry.getFileName().toString()).forEach(topLevel::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + root, e);
        }
        Path dir = readme.getParent();
        List<String> missing = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1);
            if (target.startsWith("#") || target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                continue;
            }
            String file = target.replaceFirst("#.*$", "");
            if (!Files.exists(dir.resolve(file).normalize())) {
                missing.add(file);
            }
        }
        Matcher path = PATH.matcher(text);
        while (path.find()) {
            String candidate = path.group(1);
            String first = candidate.substring(0, candidate.indexOf('/'));
            if (!topLevel.contains(first) || candidate.contains("target/") || candidate.contains("*")) {
                continue;
            }
            if (!Files.exists(root.resolve(candidate).normalize())
                    && !Files.exists(dir.resolve(candidate).normalize())
                    && !missing.contains(candidate)) {
                missing.add(candidate);
            }
        }
        return missing;
    }
}
