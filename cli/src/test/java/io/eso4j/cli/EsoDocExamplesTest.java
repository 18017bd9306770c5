package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ESO's documentation examples ({@code src/test/resources/eso-docs/}, each naming its ESO page) rendered through
 * {@code eso4j render --fixture}: the fake AWS checks signatures, trust and session tags as AWS would.
 */
class EsoDocExamplesTest {

    static final Path DOCS = Path.of("src", "test", "resources", "eso-docs");
    static final Path FIXTURE = DOCS.resolve("fixture.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VALUES = List.of("team-b-password-value");

    /**
     * The session tag examples of {@code docs/provider/aws-access.md}: the fixture's role trusts only the tags each
     * store makes ({@code esoNamespace=team-b}, {@code esoStoreName=team-b-store}, {@code esoStoreKind=SecretStore},
     * plus {@code env} and {@code team} under Custom), so rendering proves they were sent.
     */
    @ParameterizedTest
    @ValueSource(strings = {"session-tags-simple.yaml", "session-tags-custom.yaml"})
    void sessionTagExamplesRenderThroughTheTaggedRole(String example) throws Exception {
        JsonNode secret = render(example);

        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("team-b-db");
        assertThat(secret.path("metadata").path("namespace").asText()).isEqualTo("team-b");
        assertThat(decode(secret.path("data"))).containsExactly(Map.entry("password", "team-b-password-value"));
    }

    static JsonNode render(String example, String... more) throws Exception {
        String[] args = new String[5 + more.length];
        args[0] = "render";
        args[1] = "-f";
        args[2] = DOCS.resolve(example).toString();
        args[3] = "--fixture";
        args[4] = FIXTURE.toString();
        System.arraycopy(more, 0, args, 5, more.length);
        Cli.Result result = Cli.run(args).assertNoValueOnStderr(VALUES);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(Cli.run(concat(args, "-o", "json")).out());
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    static Map<String, String> decode(JsonNode data) {
        Map<String, String> decoded = new LinkedHashMap<>();
        data.properties()
                .forEach(e -> decoded.put(
                        e.getKey(),
                        new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        return decoded;
    }
}
