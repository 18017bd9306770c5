package io.eso4j.examples.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The clone the tests run in, and its READMEs. */
final class Clone {

    private Clone() {}

    /** The nearest directory at or above the working directory holding {@code mvnw} and {@code README.md}. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("README.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside a clone of eso4j: no mvnw and README.md above the working dir");
    }

    /** README.md at the root, in each module folder and in each example folder. */
    static List<Path> readmes() throws IOException {
        Path root = root();
        List<Path> readmes = new ArrayList<>(List.of(root.resolve("README.md")));
        for (Path folder : List.of(root, root.resolve("examples"))) {
            try (Stream<Path> children = Files.list(folder)) {
                children.map(child -> child.resolve("README.md"))
                        .filter(Files::isRegularFile)
                        .sorted()
                        .forEach(readmes::add);
            }
        }
        return readmes;
    }
}
