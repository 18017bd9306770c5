package io.eso4j.examples.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.testkit.FakeAws;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    private static final Map<String, String> FIXTURE = Map.of(
            "db-host", "db.example.internal",
            "db-port", "5432",
            "db-user", "ops_admin",
            "db-pass", "s3cr3t-Passw0rd");

    private static FakeAws aws;
    private static List<SideBySide.Run> runs;
    private static String output;

    @BeforeAll
    static void runBothProfiles() {
        aws = SideBySide.startFake();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            runs = SideBySide.compare(aws, out);
        }
        output = bytes.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopFake() {
        aws.close();
    }

    @Test
    void springCloudAwsAndEso4jInjectTheSameValues() {
        assertThat(runs).extracting(SideBySide.Run::profile).containsExactly("spring-cloud-aws", "eso4j");
        assertThat(runs).allSatisfy(run -> assertThat(run.values()).isEqualTo(FIXTURE));
        assertThat(output).contains("same @Value values: true");
    }

    @Test
    void eachReadsTheOneSecretWithOneGetSecretValue() {
        assertThat(runs).allSatisfy(run -> assertThat(run.calls()).isEqualTo(Map.of("GetSecretValue", 1)));
    }

    @Test
    void printsValuesMaskedOnly() {
        assertThat(output)
                .contains("spring-cloud-aws: @Value {db-host=******** (19 chars), db-pass=******** (15 chars), "
                        + "db-port=******** (4 chars), db-user=******** (9 chars)}")
                .contains("eso4j: @Value {db-host=******** (19 chars)");
        assertThat(FIXTURE.values()).allSatisfy(value -> assertThat(output).doesNotContain(value));
    }
}
