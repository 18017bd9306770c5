package io.eso4j.examples.bootdemo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.ExternalSecrets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class BootDemoTest {

    /** Every value of the fixture and of both rotations. */
    private static final List<String> VALUES = List.of(
            "ops_admin", "s3cr3t-Passw0rd", "n3w-r0tated-Passw0rd", "th1rd-Passw0rd-x", "db.example.internal", "5432");

    private static final String THIRD = "{\"db-user\":\"ops_admin\",\"db-pass\":\"th1rd-Passw0rd-x\","
            + "\"db-host\":\"db.example.internal\",\"db-port\":\"5432\"}";

    @Test
    void printsTheKeysMaskedServesDemoAndPicksUpRotationsWithoutARestart(CapturedOutput output) throws Exception {
        try (LocalDemo demo = LocalDemo.start("--server.port=0")) {
            assertThat(output.getOut())
                    .contains("loaded my-external-secrets, keys [db-host, db-pass, db-port, db-user]")
                    .contains("db-pass = " + Masks.mask("s3cr3t-Passw0rd"));
            String firstVersion = demo.aws().secrets().versionStages("DB-CREDENTIALS").entrySet().stream()
                    .filter(entry -> entry.getValue().contains("AWSCURRENT"))
                    .map(java.util.Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow();
            assertThat(demo.get("/demo"))
                    .contains("\"dbPassNow\":\"" + Masks.mask("s3cr3t-Passw0rd") + "\"")
                    .contains("\"version\":\"" + firstVersion + "\"");

            String rotated = demo.rotateAndShow(LocalDemo.ROTATED);

            assertThat(output.getOut())
                    .contains("rotated DB-CREDENTIALS in the fake AWS to version " + rotated)
                    .contains("changed my-external-secrets, keys [db-pass]")
                    .contains("the running application picked up version " + rotated + " without a restart")
                    .contains("db-pass = " + Masks.mask("n3w-r0tated-Passw0rd"))
                    .contains("\"status\":\"UP\"");
            assertThat(demo.get("/demo"))
                    .contains("\"dbPassNow\":\"" + Masks.mask("n3w-r0tated-Passw0rd") + "\"")
                    .contains("\"dbPassAtStart\":\"" + Masks.mask("s3cr3t-Passw0rd") + "\"")
                    .contains("\"version\":\"" + rotated + "\"");

            String third = demo.aws().secrets().rotate("DB-CREDENTIALS", THIRD);
            demo.context().getBean(ExternalSecrets.class).refreshNow().join();
            demo.context().getBean(SecretsReport.class).awaitChange(Duration.ofSeconds(30));

            assertThat(demo.get("/demo"))
                    .contains("\"dbPassNow\":\"" + Masks.mask("th1rd-Passw0rd-x") + "\"")
                    .contains("\"version\":\"" + third + "\"");
            // Parsed, not compared as text: Boot 4 writes the keys sorted, Boot 3.5 in declaration order.
            JsonNode health = new ObjectMapper().readTree(demo.get("/actuator/health"));
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/externalSecrets/details/my-external-secrets/state")
                            .asText())
                    .isEqualTo("current");
        }
        assertThat(VALUES).allSatisfy(value -> assertThat(output.getAll()).doesNotContain(value));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''                              | ''           | false",
                "--server.port=0                 | ''           | false",
                "--aws                           | ''           | true",
                "--spring.profiles.active=dev,aws | ''          | true",
                "--spring.profiles.active=dev    | ''           | false",
                "''                              | aws          | true",
                "''                              | dev, aws     | true",
                "''                              | aws-staging  | false",
            })
    void selectsRealAwsByArgumentOrProfile(String arg, String activeProfiles, boolean realAws) {
        List<String> args = arg.isEmpty() ? List.of() : List.of(arg);

        assertThat(BootDemoApplication.realAws(args, activeProfiles)).isEqualTo(realAws);
    }

    @ParameterizedTest
    @CsvSource({
        "s3cr3t-Passw0rd, ******** (15 chars)",
        "5432,            ******** (4 chars)",
        "abc,             ******** (3 chars)",
    })
    void masksEveryCharacterAndShowsOnlyTheLength(String value, String masked) {
        assertThat(Masks.mask(value)).isEqualTo(masked);
    }
}
