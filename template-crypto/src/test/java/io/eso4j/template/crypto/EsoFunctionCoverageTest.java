package io.eso4j.template.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.mapping.template.GoTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** With this artifact on the class path, every name of ESO's function map parses except the known-missing ones. */
class EsoFunctionCoverageTest {

    /** Kept equal to core's {@code EsoFunctionNamesTest.KNOWN_MISSING}. */
    private static final Set<String> KNOWN_MISSING = Set.of();

    @Test
    void everyEsoFunctionNameIsImplemented() throws IOException {
        Set<String> names = new TreeSet<>();
        try (InputStream in = GoTemplate.class.getResourceAsStream("eso-function-names.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("[")) {
                    names.add(line.strip());
                }
            }
        }
        assertThat(names).hasSize(245);
        Set<String> missing = new TreeSet<>();
        for (String name : names) {
            try {
                // A name used as a bare operand parses only when the function exists.
                GoTemplate.parse("{{ if false }}{{ " + name + " }}{{ end }}");
            } catch (RuntimeException e) {
                if (!e.getMessage().contains("wrong number of args")) {
                    missing.add(name);
                }
            }
        }
        assertThat(missing).containsExactlyInAnyOrderElementsOf(KNOWN_MISSING);
    }
}
