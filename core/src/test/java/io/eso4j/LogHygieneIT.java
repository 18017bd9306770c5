package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs after the unit tests (Failsafe) and reads everything core's whole suite wrote — logs, warnings, stack
 * traces, captured by Surefire per test class — and fails if any secret value of the conformance fixtures, or any
 * sentinel the tests plant, appears in it.
 */
class LogHygieneIT {

    private static final Path REPORTS = Path.of("target", "surefire-reports");
    private static final Path VECTORS = Path.of("..", "conformance", "eso-vectors.json");

    /** Long enough not to occur by chance in log text. */
    private static final int MIN_LENGTH = 8;

    /** Sentinels the tests pass as values to prove they never print. */
    private static final List<String> SENTINELS = List.of("S3NT1NEL", "sentinel-secret-value", "sentinel-value");

    @Test
    void noSecretValueAppearsInAnythingTheSuiteLogged() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(REPORTS), "the unit tests did not run in this build");
        List<Path> outputs;
        try (Stream<Path> files = Files.list(REPORTS)) {
            outputs = files.filter(p -> p.getFileName().toString().endsWith("-output.txt"))
                    .toList();
        }
        assertThat(outputs).as("captured test output in %s", REPORTS).isNotEmpty();
        Set<String> secrets = fixtureSecretValues();
        secrets.addAll(SENTINELS);
        for (Path output : outputs) {
            String text = Files.readString(output, StandardCharsets.UTF_8);
            for (String secret : secrets) {
                assertThat(text)
                        .as("%s must not contain a secret value", output.getFileName())
                        .doesNotContain(secret);
            }
        }
    }

    /**
     * Every string value (and every string leaf of a JSON value) of the vectors' remote secrets, except those that
     * are also part of a name the logs may rightly print (a vector id is an ExternalSecret's name in the tests).
     */
    private static Set<String> fixtureSecretValues() throws IOException {
        Set<String> values = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (JsonNode vector : json.readTree(VECTORS.toFile())) {
            names.add(vector.get("id").asText());
            vector.path("remote").forEach(remote -> names.add(remote.get("name").asText()));
            for (JsonNode remote : vector.path("remote")) {
                String payload = remote.has("secretString")
                        ? remote.get("secretString").asText()
                        : remote.has("secretBinaryBase64")
                                ? new String(
                                        Base64.getDecoder()
                                                .decode(remote.get("secretBinaryBase64")
                                                        .asText()),
                                        StandardCharsets.UTF_8)
                                : null;
                if (payload != null) {
                    collect(json, payload, values);
                }
            }
        }
        values.removeIf(value -> names.stream().anyMatch(name -> name.contains(value)));
        return values;
    }

    private static void collect(ObjectMapper json, String payload, Set<String> values) {
        JsonNode tree;
        try {
            tree = json.readTree(payload);
        } catch (IOException notJson) {
            tree = null;
        }
        if (tree == null || !tree.isContainerNode()) {
            add(payload, values);
            return;
        }
        add(payload, values);
        leaves(tree, values);
    }

    private static void leaves(JsonNode node, Set<String> values) {
        if (node.isTextual()) {
            add(node.asText(), values);
        }
        node.forEach(child -> leaves(child, values));
    }

    private static void add(String value, Set<String> values) {
        if (value.length() >= MIN_LENGTH && !value.chars().allMatch(c -> c == '-')) {
            values.add(value);
        }
    }
}
