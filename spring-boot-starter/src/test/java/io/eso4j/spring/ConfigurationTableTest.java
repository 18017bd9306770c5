package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CONFIGURATION.md is the configuration table rendered from the metadata that spring-boot-configuration-processor
 * generates, so the docs cannot drift from {@link EsoProperties}. On a difference the rendered table is written to
 * target/CONFIGURATION.md: copy it over the module's CONFIGURATION.md.
 */
class ConfigurationTableTest {

    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    // The Boot 3.5 starter compiles the same sources: its build points here at this module's table.
    private static final Path TABLE = Path.of(System.getProperty("eso4j.configuration-table", "CONFIGURATION.md"));

    @Test
    void configurationTableMatchesTheGeneratedMetadata() throws IOException {
        String rendered = render(new ObjectMapper().readTree(METADATA.toFile()));
        String committed = Files.exists(TABLE) ? Files.readString(TABLE, StandardCharsets.UTF_8) : "";
        if (!rendered.equals(committed)) {
            Files.writeString(Path.of("target/CONFIGURATION.md"), rendered, StandardCharsets.UTF_8);
        }
        assertThat(committed)
                .as("CONFIGURATION.md differs from the metadata; copy target/CONFIGURATION.md over it")
                .isEqualTo(rendered);
    }

    @Test
    void everyPropertyHasADescription() throws IOException {
        List<String> undocumented = new ArrayList<>();
        new ObjectMapper().readTree(METADATA.toFile()).path("properties").forEach(property -> {
            if (property.path("description").asText("").isBlank()) {
                undocumented.add(property.path("name").asText());
            }
        });
        assertThat(undocumented).isEmpty();
    }

    /** Issue 19: IDEs show metadata descriptions as written, and six showed raw javadoc markup. */
    @Test
    void descriptionsCarryNoJavadocMarkup() throws IOException {
        List<String> marked = new ArrayList<>();
        new ObjectMapper().readTree(METADATA.toFile()).path("properties").forEach(property -> {
            if (property.path("description").asText("").contains("{@")) {
                marked.add(property.path("name").asText());
            }
        });
        assertThat(marked).isEmpty();
    }

    /** Issue 19: the IDE offered nothing for spring.config.import=eso:…. */
    @Test
    void springConfigImportHasValueHintsForEveryImportForm() throws IOException {
        List<String> values = new ArrayList<>();
        new ObjectMapper().readTree(METADATA.toFile()).path("hints").forEach(hint -> {
            if (hint.path("name").asText().equals("spring.config.import")) {
                hint.path("values")
                        .forEach(value -> values.add(value.path("value").asText()));
            }
        });
        assertThat(values).anyMatch(value -> value.startsWith("eso:classpath:"));
        assertThat(values).contains("eso:aws:", "optional:eso:");
    }

    static String render(JsonNode metadata) {
        List<JsonNode> properties = new ArrayList<>();
        metadata.path("properties").forEach(properties::add);
        properties.sort(Comparator.comparing(p -> p.path("name").asText()));
        StringBuilder table = new StringBuilder();
        table.append("<!-- Generated from spring-configuration-metadata.json by ConfigurationTableTest. -->\n\n");
        table.append("| Property | Type | Default | Description |\n");
        table.append("|---|---|---|---|\n");
        for (JsonNode property : properties) {
            JsonNode defaultValue = property.path("defaultValue");
            table.append("| `")
                    .append(property.path("name").asText())
                    .append("` | `")
                    .append(simpleType(property.path("type").asText()))
                    .append("` | ")
                    .append(
                            defaultValue.isMissingNode()
                                    ? ""
                                    : defaultValue.asText().isEmpty() ? "(empty)" : "`" + defaultValue.asText() + "`")
                    .append(" | ")
                    .append(property.path("description")
                            .asText("")
                            .replaceAll("\\{@code ([^}]*)}", "`$1`")
                            .replace("|", "\\|")
                            .replace("\n", " "))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String simpleType(String type) {
        return type.replaceAll("[a-z0-9_.]+\\.([A-Z])", "$1");
    }
}
