package io.eso4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 8 at a small size: the quota in front of the fake shows a fleet that refreshes in phase, and eso4j's
 * defaults keep a fleet started together under it. Simulated time, real SDK calls to the fake.
 */
class FleetTest {

    private final Fleet fleet = new Fleet(new Options(true, 0, Path.of("unused"), List.of("fleet")), new Results());

    @Test
    void instancesStartedTogetherWithJitterOffStayInPhaseAndTheQuotaPushesHalfOfThemOffBatch() {
        // 20 instances 50 ms apart, 10 batch calls each, due again exactly one minute after their start: 200
        // BatchGetSecretValue offered in one simulated second against a quota of 100, at every refresh.
        Fleet.Outcome outcome = fleet.simulate(20, 200, 1, builder -> builder.jitter(0));

        assertThat(outcome.startThrottled()).isPositive();
        assertThat(outcome.warmUpThrottled())
                .as("the first refreshes, still in phase")
                .isPositive();
        // The throttled half pauses batch and reads its 200 secrets one by one: ten times the calls.
        assertThat(outcome.single()).isGreaterThanOrEqualTo(1000);
        assertThat(outcome.peakBatch()).isEqualTo(100);
    }

    @Test
    void withTheDefaultsTheSameFleetStaysUnderTheQuotaAndEveryInstanceSeesARotationWithinOneInterval() {
        Fleet.Outcome outcome = fleet.simulate(20, 200, 1, builder -> {});

        assertThat(outcome.throttled()).isZero();
        assertThat(outcome.peakBatch()).isLessThanOrEqualTo(100);
        assertThat(outcome.single()).isZero();
        // 20 instances × 10 batches per refresh; refreshes come every 54 to 60 s, so one simulated minute holds one or
        // two of each instance's.
        assertThat(outcome.batch()).isBetween(200L, 400L);
        assertThat(outcome.batch() % 10).isZero();
        assertThat(outcome.convergenceSeconds()).isLessThanOrEqualTo(60);
    }
}
