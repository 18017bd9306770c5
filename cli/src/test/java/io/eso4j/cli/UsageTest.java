package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UsageTest {

    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of(new String[] {"--help"}, Eso4j.OK, "Usage: eso4j"),
                Arguments.of(new String[] {"--version"}, Eso4j.OK, "eso4j "),
                Arguments.of(new String[] {"render", "--help"}, Eso4j.OK, "--fixture"),
                Arguments.of(new String[] {"validate", "--help"}, Eso4j.OK, "--filename"),
                Arguments.of(new String[] {"fake-aws", "--help"}, Eso4j.OK, "--latency"),
                Arguments.of(new String[] {}, Eso4j.INVALID, "a command is required"),
                Arguments.of(new String[] {"render"}, Eso4j.INVALID, "Missing required option"),
                Arguments.of(new String[] {"render", "-f", "x.yaml", "--bogus"}, Eso4j.INVALID, "--bogus"),
                Arguments.of(new String[] {"render", "-f", "x.yaml", "-o", "xml"}, Eso4j.INVALID, "xml"),
                Arguments.of(new String[] {"render", "-f", "x.yaml", "--vector", "v"}, Eso4j.INVALID, "--vector needs"),
                Arguments.of(
                        new String[] {"render", "-f", Cli.SEED_MANIFESTS.toString(), "--fixture", "absent.json"},
                        Eso4j.INVALID,
                        "absent.json"),
                Arguments.of(new String[] {"fake-aws", "--latency", "soon"}, Eso4j.INVALID, "soon"),
                Arguments.of(new String[] {"frobnicate"}, Eso4j.INVALID, "frobnicate"));
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void exitsWithTheDocumentedCode(String[] args, int exitCode, String mentioned) {
        Cli.Result result = Cli.run(args);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
        assertThat(result.out() + result.err()).contains(mentioned);
    }
}
