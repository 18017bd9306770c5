package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/** Runs the real command tree in-process with captured standard output and error. */
final class Cli {

    /** The repository's examples and conformance vectors, relative to the module directory tests run in. */
    static final Path EXAMPLES = Path.of("..", "examples");

    static final Path SEED_MANIFESTS = EXAMPLES.resolve("manifests");
    static final Path SEED_FIXTURE = EXAMPLES.resolve("fixtures").resolve("db-credentials.json");

    /** The values of the seed fixture and its Secret manifest: none may ever reach standard error. */
    static final List<String> SEED_VALUES = List.of(
            "ops_admin",
            "s3cr3t-Passw0rd",
            "db.example.internal",
            "5432",
            "AKIAEXAMPLEESO4JDEMO",
            "example-secret-access-key-for-the-fake-aws");

    private Cli() {}

    record Result(int exitCode, String out, String err) {

        /** Asserts that none of {@code values} appears on standard error. */
        Result assertNoValueOnStderr(List<String> values) {
            for (String value : values) {
                assertThat(err).as("stderr").doesNotContain(value);
            }
            return this;
        }
    }

    static Result run(String... args) {
        return run(
                server -> {
                    throw new IllegalStateException("fake-aws is not expected in this test");
                },
                args);
    }

    static Result run(FakeAwsCommand.Lifetime lifetime, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Eso4j.execute(
                Eso4j.commandLine(lifetime).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)),
                args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
