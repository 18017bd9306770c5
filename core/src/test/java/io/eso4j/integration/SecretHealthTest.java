package io.eso4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.SecretStatus;
import io.eso4j.SecretsException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretHealthTest {

    private static final Duration THRESHOLD = Duration.ofMinutes(10);
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static SecretStatus status(String id, int failures, Duration staleness) {
        return new SecretStatus(
                id,
                T,
                failures,
                failures > 0 ? T.plusSeconds(1) : null,
                failures > 0 ? "SecretsException" : null,
                staleness);
    }

    @Test
    void classifiesEachExternalSecret() {
        assertThat(SecretHealth.state(status("a", 0, Duration.ZERO), false, THRESHOLD))
                .isEqualTo(SecretHealth.State.CURRENT);
        assertThat(SecretHealth.state(status("a", 2, Duration.ofMinutes(9)), false, THRESHOLD))
                .isEqualTo(SecretHealth.State.FAILING);
        assertThat(SecretHealth.state(status("a", 2, THRESHOLD), false, THRESHOLD))
                .isEqualTo(SecretHealth.State.STALE);
        assertThat(SecretHealth.state(status("a", 0, Duration.ZERO), true, THRESHOLD))
                .isEqualTo(SecretHealth.State.MISSING);
    }

    @Test
    void failingBelowTheThresholdIsUpAndStaleOrMissingIsDown() {
        Map<String, SecretStatus> statuses = new LinkedHashMap<>();
        statuses.put("ns/a", status("ns/a", 0, Duration.ZERO));
        statuses.put("b", status("b", 1, Duration.ofMinutes(1)));

        SecretHealth.Report failing = SecretHealth.assess(statuses, Map.of(), THRESHOLD);
        assertThat(failing.up()).isTrue();
        assertThat(failing.details().get("b"))
                .containsEntry("state", "failing")
                .containsEntry("consecutiveFailures", 1)
                .containsEntry("staleness", "PT1M")
                .containsEntry("lastError", "SecretsException");
        assertThat(failing.details().get("ns/a"))
                .containsEntry("state", "current")
                .doesNotContainKey("lastError");

        statuses.put("b", status("b", 3, Duration.ofMinutes(11)));
        assertThat(SecretHealth.assess(statuses, Map.of(), THRESHOLD).up()).isFalse();

        SecretHealth.Report missing = SecretHealth.assess(
                Map.of("c", status("c", 0, Duration.ZERO)), Map.of("c", new SecretsException("failed")), THRESHOLD);
        assertThat(missing.up()).isFalse();
        assertThat(missing.details().get("c")).containsEntry("state", "missing");
    }
}
