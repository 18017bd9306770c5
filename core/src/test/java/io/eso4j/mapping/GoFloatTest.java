package io.eso4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatTest {

    @ParameterizedTest(name = "FormatFloat({0}, 'f', -1) = {1}")
    @CsvSource({
        "1.50, 1.5",
        "1e3, 1000",
        "2.5E-3, 0.0025",
        "0.1, 0.1",
        "1e21, 1000000000000000000000",
        "123, 123",
        "123.45, 123.45",
        "-2.5, -2.5",
        "0, 0",
        "-0.0, -0",
        "1e-7, 0.0000001",
        "0.30000000000000004, 0.30000000000000004",
        "1e23, 100000000000000000000000"
    })
    void formatsLikeGoStrconvWithoutExponent(double value, String expected) {
        assertThat(GoFloat.formatF(value)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void formatsTheLargestDoubleInFull() {
        assertThat(GoFloat.formatF(Double.MAX_VALUE)).isEqualTo("17976931348623157" + "0".repeat(292));
    }

    @org.junit.jupiter.api.Test
    void formatsTheSmallestSubnormalInFull() {
        assertThat(GoFloat.formatF(Double.MIN_VALUE)).isEqualTo("0." + "0".repeat(323) + "5");
    }

    @ParameterizedTest(name = "json {0} = {1}")
    @CsvSource({"123, 123", "1e21, 1e+21", "1e-7, 1e-7", "0.000001, 0.000001", "1.5e300, 1.5e+300", "-2.5e-9, -2.5e-9"})
    void formatsLikeGoEncodingJson(double value, String expected) {
        assertThat(GoFloat.formatJson(value)).isEqualTo(expected);
    }
}
