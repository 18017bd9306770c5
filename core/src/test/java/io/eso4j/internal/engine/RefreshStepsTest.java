package io.eso4j.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.ResolvedSecret;
import io.eso4j.SecretEvent;
import io.eso4j.SecretsException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The steps one refresh cycle is made of, each on its own: no AWS, no scheduler, a fixed clock. */
class RefreshStepsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final FailureEpisodes.Key EPISODE = new FailureEpisodes.Key("SecretStore ns/aws", "Boom");

    @Test
    void anExternalSecretIsMappedAgainOnlyWhenAVersionMovedOrItsDataDependsOnMoreThanVersions() {
        ResolvedSecret previous = secret("v", Map.of("db", "1"));
        assertThat(RefreshEngine.needsMapping(null, Map.of("db", "1"), true)).isTrue();
        assertThat(RefreshEngine.needsMapping(previous, Map.of("db", "2"), true))
                .isTrue();
        assertThat(RefreshEngine.needsMapping(previous, Map.of("db", "1"), false))
                .isTrue();
        assertThat(RefreshEngine.needsMapping(previous, Map.of("db", "1"), true))
                .isFalse();
    }

    @Test
    void aCandidateIsLoadedChangedNewVersionsOrTheSame() {
        ResolvedSecret v1 = secret("a", Map.of("db", "1"));
        assertThat(RefreshCycle.change(null, v1)).isEqualTo(RefreshCycle.Change.LOADED);
        assertThat(RefreshCycle.change(v1, secret("b", Map.of("db", "2")))).isEqualTo(RefreshCycle.Change.CHANGED);
        assertThat(RefreshCycle.change(v1, secret("a", Map.of("db", "2")))).isEqualTo(RefreshCycle.Change.NEW_VERSIONS);
        assertThat(RefreshCycle.change(v1, secret("a", Map.of("db", "1")))).isEqualTo(RefreshCycle.Change.SAME);
    }

    @Test
    void stalenessCountsFromTheLastSuccessAndARecoveryReportsIt() {
        EntryState state = new EntryState();
        assertThat(state.succeeded(T0)).as("not failing: no recovery").isNull();
        assertThat(state.failed(T0.plusSeconds(60), "Boom")).isEqualTo(Duration.ofSeconds(60));
        assertThat(state.failed(T0.plusSeconds(90), "Boom")).isEqualTo(Duration.ofSeconds(90));
        assertThat(state.consecutiveFailures).isEqualTo(2);
        assertThat(state.status("ns/es", T0.plusSeconds(100)).staleness()).isEqualTo(Duration.ofSeconds(100));
        assertThat(state.succeeded(T0.plusSeconds(120))).isEqualTo(Duration.ofSeconds(120));
        assertThat(state.staleness(T0.plusSeconds(500))).isZero();
        assertThat(state.consecutiveFailures).isZero();
    }

    @Test
    void withoutAnySuccessStalenessCountsFromTheFirstFailure() {
        EntryState state = new EntryState();
        state.failed(T0, "Boom");
        assertThat(state.failed(T0.plusSeconds(30), "Boom")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aLoadedValueIsPublishedWithItsEventAndAnUnchangedOneIsNot() {
        RefreshCycle cycle = new RefreshCycle(T0, Snapshot.EMPTY);
        cycle.resolved("ns/a", null, secret("a", Map.of("db", "1")));
        cycle.succeeded("ns/a", null);
        Snapshot next = cycle.snapshot(List.of("ns/a"));
        assertThat(next.byKey).containsOnlyKeys("ns/a");
        assertThat(cycle.events()).containsExactly(new SecretEvent.Loaded("ns/a", java.util.Set.of("k")));
        assertThat(cycle.succeededThisCycle()).containsExactly("ns/a");

        RefreshCycle again = new RefreshCycle(T0.plusSeconds(60), next);
        again.resolved("ns/a", next.byKey.get("ns/a"), secret("a", Map.of("db", "1")));
        again.succeeded("ns/a", null);
        assertThat(again.snapshot(List.of("ns/a"))).as("nothing changed").isNull();
        assertThat(again.events()).isEmpty();
    }

    @Test
    void aChangeNamesTheChangedKeysAndARecoveryFollowsIt() {
        Snapshot before = new Snapshot(
                Map.of("ns/a", secret("a", Map.of("db", "1"))), Map.of("ns/a", new SecretsException("old")));
        RefreshCycle cycle = new RefreshCycle(T0, before);
        cycle.resolved("ns/a", cycle.previous("ns/a"), secret("b", Map.of("db", "2")));
        cycle.succeeded("ns/a", Duration.ofSeconds(5));
        assertThat(cycle.events())
                .containsExactly(
                        new SecretEvent.Changed("ns/a", java.util.Set.of("k")),
                        new SecretEvent.Recovered("ns/a", Duration.ofSeconds(5)));
        assertThat(cycle.snapshot(List.of("ns/a")).failures)
                .as("failure cleared")
                .isEmpty();
    }

    @Test
    void aFailureKeepsTheLastGoodValueUnlessThePolicyDropsIt() {
        Snapshot before = new Snapshot(Map.of("ns/a", secret("a", Map.of("db", "1"))), Map.of());
        RefreshCycle kept = new RefreshCycle(T0, before);
        kept.failed("ns/a", EPISODE, new SecretsException("boom"), false, false, Duration.ofSeconds(7));
        assertThat(kept.snapshot(List.of("ns/a")))
                .as("last good value kept, nothing to publish")
                .isNull();
        assertThat(kept.failed()).containsExactly("ns/a");
        assertThat(kept.failedThisCycle().get("ns/a").episode()).isEqualTo(EPISODE);
        assertThat(kept.events())
                .containsExactly(new SecretEvent.RefreshFailed("ns/a", "boom", false, Duration.ofSeconds(7)));

        RefreshCycle dropped = new RefreshCycle(T0, before);
        dropped.failed("ns/a", EPISODE, new SecretsException("denied"), true, true, Duration.ZERO);
        Snapshot next = dropped.snapshot(List.of("ns/a"));
        assertThat(next.byKey).isEmpty();
        assertThat(next.failures.get("ns/a")).hasMessage("ExternalSecret ns/a: denied");
    }

    @Test
    void aFirstFailureIsPublishedAsTheFailureAndTheSnapshotKeepsTheManifestOrder() {
        RefreshCycle cycle = new RefreshCycle(T0, Snapshot.EMPTY);
        cycle.resolved("ns/b", null, secret("b", Map.of("db", "1")));
        cycle.failed("ns/c", EPISODE, new SecretsException("boom"), false, false, Duration.ZERO);
        cycle.resolved("ns/a", null, secret("a", Map.of("db", "1")));
        Snapshot next = cycle.snapshot(List.of("ns/a", "ns/b", "ns/c"));
        assertThat(next.byKey.keySet()).containsExactly("ns/a", "ns/b");
        assertThat(next.failures.keySet()).containsExactly("ns/c");
    }

    private static ResolvedSecret secret(String value, Map<String, String> versions) {
        return new ResolvedSecret(
                "es",
                "ns",
                "es",
                Map.of("k", value.getBytes(StandardCharsets.UTF_8)),
                "Opaque",
                Map.of(),
                Map.of(),
                versions,
                T0);
    }
}
