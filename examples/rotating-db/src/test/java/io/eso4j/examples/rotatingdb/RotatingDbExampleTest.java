package io.eso4j.examples.rotatingdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The demo, briefly (it runs in every build): one rotation under load, no failed request, no password printed. */
@ExtendWith(OutputCaptureExtension.class)
class RotatingDbExampleTest {

    @Test
    void aPasswordRotationUnderLoadFailsNoRequest(CapturedOutput output) throws Exception {
        RotatingDbDemo.Result result = RotatingDbDemo.run("--duration=PT3S", "--rotations=1", "--threads=2");

        assertThat(result.failed()).isZero();
        assertThat(result.served()).isPositive();
        assertThat(result.rotations()).isEqualTo(1);
        assertThat(output.getAll())
                .contains("requests served: " + result.served() + ", failed: 0")
                .contains("rotation 1: password changed in the database")
                .doesNotContain("pw-");
    }
}
