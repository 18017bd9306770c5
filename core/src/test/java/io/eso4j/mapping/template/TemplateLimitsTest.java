package io.eso4j.mapping.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretMappingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 20 item 6: intermediate values are bounded, so hostile templates fail cleanly instead of exhausting memory. */
class TemplateLimitsTest {

    private static String render(String template, Map<String, String> data) {
        return GoTemplate.parse(template).execute(data);
    }

    @Test
    void doublingAVariableFortyTimesFailsCleanly() {
        StringBuilder t = new StringBuilder("{{ $x := \"0123456789abcdef\" }}");
        for (int i = 0; i < 40; i++) {
            t.append("{{ $x = print $x $x }}");
        }
        t.append("{{ len $x }}");
        assertThatThrownBy(() -> render(t.toString(), Map.of()))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("exceeds eso4j's limit of 16777216 characters");
    }

    @Test
    void indentOverManyLinesFailsCleanly() {
        String lines = "x\n".repeat(200_000);
        assertThatThrownBy(() -> render("{{ .v | indent 10000 }}", Map.of("v", lines)))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("result of indent exceeds eso4j's limit");
    }

    @Test
    void replaceWithAMegabyteArgumentFailsCleanly() {
        String big = "y".repeat(1 << 20);
        assertThatThrownBy(() -> render("{{ .s | replace \"a\" .big }}", Map.of("s", "a".repeat(100), "big", big)))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("result of replace exceeds eso4j's limit");
        assertThatThrownBy(() -> render("{{ repeat 100000 .big }}", Map.of("big", big)))
                .hasMessageContaining("result of repeat exceeds eso4j's limit");
        assertThatThrownBy(
                        () -> render("{{ regexReplaceAll \"a\" .s .big }}", Map.of("s", "a".repeat(100), "big", big)))
                .hasMessageContaining("exceeds eso4j's limit");
    }

    @Test
    void joinOfManyReferencesToABigValueFailsCleanly() {
        String big = "z".repeat(1 << 20);
        assertThatThrownBy(() -> render(
                        "{{ $l := list }}{{ range until 100 }}{{ $l = append $l $.big }}{{ end }}{{ join \"\" $l | len }}",
                        Map.of("big", big)))
                .hasMessageContaining("result of join exceeds eso4j's limit");
    }

    @Test
    void largeValuesCostStepsSoTotalWorkIsBounded() {
        String big = "w".repeat(1 << 20);
        assertThatThrownBy(() -> render("{{ range until 100000 }}{{ $_ := print $.big }}{{ end }}", Map.of("big", big)))
                .hasMessageContaining("execution exceeds eso4j's limit of 1000000 steps");
    }

    @Test
    void ordinaryLargeValuesStillRender() {
        String cert = ("MIIB" + "A".repeat(60) + "\n").repeat(20_000);
        assertThat(render("{{ .c | indent 4 | len }}", Map.of("c", cert)))
                .isEqualTo(String.valueOf(cert.length() + 4 * 20_001));
    }
}
