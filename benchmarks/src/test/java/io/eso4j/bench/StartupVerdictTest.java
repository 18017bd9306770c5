package io.eso4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupVerdictTest {

    private static Row starterRow(double starter, double baseline) {
        return new Row(
                "1b Boot start-up to ApplicationReadyEvent",
                "N",
                "ms",
                starter,
                "same Boot app, no secrets",
                baseline,
                "loading phase not visible",
                "",
                "eso4j starter");
    }

    @Test
    void judgesTheStarterAtOneSecretAgainstTenPercent() {
        Row met = ChildScenarios.starterOverBaseline(starterRow(1090, 1000), 1);
        Row missed = ChildScenarios.starterOverBaseline(starterRow(1110, 1000), 1);

        assertThat(met.target()).isEqualTo("≤ 1.10× the no-secrets app (issue #16)");
        assertThat(met.verdict()).isEqualTo("met");
        assertThat(missed.verdict()).isEqualTo("missed");
        assertThat(missed.note()).isEqualTo("eso4j starter");
    }

    @Test
    void judgesTheStarterAtTwoHundredSecretsAgainstFifteenPercent() {
        assertThat(ChildScenarios.starterOverBaseline(starterRow(1140, 1000), 200)
                        .verdict())
                .isEqualTo("met");
        assertThat(ChildScenarios.starterOverBaseline(starterRow(1160, 1000), 200)
                        .verdict())
                .isEqualTo("missed");
    }

    @Test
    void leavesSizesWithoutAnIssueTargetAsTheyWere() {
        Row row = ChildScenarios.starterOverBaseline(starterRow(2000, 1000), 10);

        assertThat(row.target()).isEqualTo("loading phase not visible");
        assertThat(row.verdict()).isEmpty();
    }
}
