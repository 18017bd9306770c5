package io.eso4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {

    private static Results sample() {
        Results results = new Results();
        results.environment("JVM", "17");
        results.peer(Peers.PLAIN, "sequential | GetSecretValue");
        results.add(new Row("1a loading phase", "N=200", "ms", 50, Peers.PLAIN, 4000, "≥ 25×", "met", "measured"));
        results.add(new Row(
                "3 read path",
                "Environment.getProperty",
                "ns/op",
                Double.NaN,
                "floor",
                20,
                "",
                "pending",
                "pending: starter"));
        return results;
    }

    @Test
    void writesOneTableLinePerRowWithTheRatioEso4jOverPeer() {
        String md = sample().markdown();

        assertThat(md)
                .contains(
                        "| 1a loading phase | N=200 | ms | 50 | plain SDK loop | 4,000 | 0.0125 (1/80.0) | ≥ 25× | met |")
                .contains(
                        "| 3 read path | Environment.getProperty | ns/op | – | floor | 20 | – |  | pending | pending: starter |");
    }

    @Test
    void escapesPipesInsideCellsSoTheTableKeepsItsColumns() {
        assertThat(sample().markdown()).contains("sequential \\| GetSecretValue");
    }

    @Test
    void writesMissingValuesAsJsonNull(@TempDir Path dir) throws Exception {
        sample().write(dir);

        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("latest.json")));
        assertThat(json.get("rows")).hasSize(2);
        assertThat(json.get("rows").get(0).get("ratio").asDouble()).isEqualTo(0.0125);
        assertThat(json.get("rows").get(1).get("eso4j").isNull()).isTrue();
        assertThat(Files.readString(dir.resolve("latest.md"))).startsWith("# eso4j benchmarks");
    }

    @Test
    void parsesTheQuickFlagAndTheLatency() {
        Options options = Options.parse("--quick", "--latency=5", "--only=loading,jmh");

        assertThat(options.quick()).isTrue();
        assertThat(options.latencyMillis()).isEqualTo(5);
        assertThat(options.runs("jmh")).isTrue();
        assertThat(options.runs("boot")).isFalse();
    }
}
