package io.eso4j.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.refresh.Backoff;
import io.eso4j.testkit.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * When {@link RefreshScheduler} refreshes: a manual scheduler and its clock, random draws handed in, no AWS. Issue #16
 * item 5: a fleet started together must not refresh together.
 */
class RefreshSchedulerTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ManualScheduler manual = new ManualScheduler();
    private final List<Instant> cycles = new CopyOnWriteArrayList<>();

    private RefreshScheduler scheduler(double jitter, DoubleSupplier random) {
        return new RefreshScheduler(
                manual.clock(), manual, Backoff.defaults(), jitter, Duration.ofSeconds(5), random, due -> {
                    cycles.add(manual.clock().instant());
                    return Set.of();
                });
    }

    @Test
    void theFirstRefreshAfterTheLoadComesAtTheDrawnPointOfTheLastNinetyPercentOfTheInterval() {
        try (RefreshScheduler scheduler = scheduler(0.1, () -> 0.5)) {
            scheduler.schedule("a", MINUTE, false);
            scheduler.schedule("b", MINUTE, false);
            // 60 s - 0.9 × 0.5 × 60 s = 33 s; both keys share the draw, so one cycle refreshes them together.
            assertThat(scheduler.nextDue("a")).isEqualTo(ManualScheduler.START.plusSeconds(33));
            assertThat(scheduler.nextDue("b")).isEqualTo(ManualScheduler.START.plusSeconds(33));
            manual.advance(Duration.ofSeconds(32));
            assertThat(cycles).isEmpty();
            manual.advance(Duration.ofSeconds(1));
            assertThat(cycles).containsExactly(ManualScheduler.START.plusSeconds(33));
            // Later refreshes: one interval shortened by jitter × draw = 60 s - 3 s.
            assertThat(scheduler.nextDue("a")).isEqualTo(ManualScheduler.START.plusSeconds(33 + 57));
        }
    }

    @Test
    void theFirstRefreshNeverComesInTheFirstTenthOfTheInterval() {
        try (RefreshScheduler scheduler = scheduler(0.1, () -> 0.999_999)) {
            scheduler.schedule("a", MINUTE, false);
            assertThat(scheduler.nextDue("a")).isAfter(ManualScheduler.START.plusSeconds(6));
        }
    }

    @Test
    void withoutJitterTheFirstRefreshComesExactlyOneIntervalAfterTheLoad() {
        try (RefreshScheduler scheduler = scheduler(0, () -> 0.7)) {
            scheduler.schedule("a", MINUTE, false);
            assertThat(scheduler.nextDue("a")).isEqualTo(ManualScheduler.START.plus(MINUTE));
        }
    }

    @Test
    void aKeyWhoseLoadFailedBacksOffInsteadOfWaitingForItsPhase() {
        try (RefreshScheduler scheduler = scheduler(0.1, () -> 0.0)) {
            scheduler.schedule("a", MINUTE, true);
            // Backoff.defaults(): 1 s for the first failure (jittered into its upper half, draw 0 = 1 s at most).
            assertThat(scheduler.nextDue("a")).isBefore(ManualScheduler.START.plusSeconds(2));
        }
    }

    @Test
    void aHundredInstancesStartedTogetherSpreadTheirFirstRefreshesOverTheInterval() {
        Random seeds = new Random(16_5);
        List<RefreshScheduler> fleet = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Random own = new Random(seeds.nextLong());
                RefreshScheduler scheduler = scheduler(0.1, own::nextDouble);
                scheduler.schedule("es", MINUTE, false);
                fleet.add(scheduler);
            }
            manual.advance(MINUTE);
            assertThat(cycles).hasSize(100);
            TreeMap<Long, Integer> perTenSeconds = new TreeMap<>();
            cycles.forEach(at -> perTenSeconds.merge(
                    Duration.between(ManualScheduler.START, at).toSeconds() / 10, 1, Integer::sum));
            // Before: all 100 within 54..60 s. Now every 10 s window from 6 s on holds some, none holds half.
            assertThat(cycles).allMatch(at -> at.isAfter(ManualScheduler.START.plusSeconds(6)));
            assertThat(perTenSeconds.keySet()).contains(1L, 2L, 3L, 4L, 5L);
            assertThat(perTenSeconds.values()).allMatch(count -> count < 50);
        } finally {
            fleet.forEach(RefreshScheduler::close);
        }
    }
}
