package io.eso4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0} -> {1} ns")
    @CsvSource(
            delimiter = '|',
            value = {
                "0           | 0",
                "0s          | 0",
                "+0          | 0",
                "-0          | 0",
                "1h          | 3600000000000",
                "1.5h        | 5400000000000",
                "1h30m       | 5400000000000",
                "300ms       | 300000000",
                "2us         | 2000",
                "2µs         | 2000",
                "2μs         | 2000",
                "7ns         | 7",
                "1m          | 60000000000",
                ".5s         | 500000000",
                "1.s         | 1000000000",
                "1h1h        | 7200000000000",
                "-1.5h       | -5400000000000",
                "1.0000000001s | 1000000000",
                "2562047h47m16.854775807s | 9223372036854775807",
            })
    void parsesGoDurations(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''        | invalid duration \"\"",
                "1         | missing unit in duration \"1\"",
                "1d        | unknown unit \"d\" in duration \"1d\"",
                "1 h       | unknown unit \" h\" in duration \"1 h\"",
                "h         | invalid duration \"h\"",
                ".         | invalid duration \".\"",
                "-         | invalid duration \"-\"",
                "1h-1m     | unknown unit \"h-\" in duration \"1h-1m\"",
                "3000000h  | invalid duration \"3000000h\"",
                "99999999999999999999ns | invalid duration \"99999999999999999999ns\"",
            })
    void rejectsWhatGoRejectsWithGoWording(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0} ns -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0             | 0s",
                "3600000000000 | 1h0m0s",
                "5400000000000 | 1h30m0s",
                "90000000000   | 1m30s",
                "1500000000    | 1.5s",
                "300000000     | 300ms",
                "2000          | 2µs",
                "7             | 7ns",
                "-1500000000   | -1.5s",
            })
    void formatsLikeGo(long nanos, String text) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
    }
}
