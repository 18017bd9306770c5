package io.eso4j.examples.plainjava;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainJavaExampleTest {

    /** Every value of the fixture and of the rotation. */
    private static final List<String> VALUES =
            List.of("ops_admin", "s3cr3t-Passw0rd", "n3w-r0tated-Passw0rd", "db.example.internal", "5432");

    private static String runExample() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            PlainJavaExample.run(PlainJavaExample.findClone(Path.of("").toAbsolutePath()), out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void loadsReadsSeesTheRotationAndCloses() throws Exception {
        String output = runExample();

        assertThat(output)
                .contains("loaded my-external-secrets, keys [db-host, db-pass, db-port, db-user]")
                .contains("db-pass = " + PlainJavaExample.mask("s3cr3t-Passw0rd"))
                .contains("rotated DB-CREDENTIALS in the fake AWS to version ")
                .contains("changed my-external-secrets, keys [db-pass]")
                .contains("db-pass = " + PlainJavaExample.mask("n3w-r0tated-Passw0rd"))
                .endsWith("closed" + System.lineSeparator());
    }

    @Test
    void neverPrintsAValueInFull() throws Exception {
        String output = runExample();

        assertThat(VALUES).allSatisfy(value -> assertThat(output).doesNotContain(value));
    }

    @ParameterizedTest
    @CsvSource({
        "s3cr3t-Passw0rd, ******** (15 chars)",
        "5432,            ******** (4 chars)",
        "abc,             ******** (3 chars)",
    })
    void masksEveryCharacterAndShowsOnlyTheLength(String value, String masked) {
        assertThat(PlainJavaExample.mask(value)).isEqualTo(masked);
    }
}
