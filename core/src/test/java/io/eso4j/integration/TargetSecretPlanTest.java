package io.eso4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.integration.TargetSecretPlan.Action;
import io.eso4j.integration.TargetSecretPlan.Contents;
import io.eso4j.integration.TargetSecretPlan.Controller;
import io.eso4j.integration.TargetSecretPlan.Decision;
import io.eso4j.integration.TargetSecretPlan.Desired;
import io.eso4j.integration.TargetSecretPlan.Existing;
import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.DeletionPolicy;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Target;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The target Secret decisions of ESO's controller, without any Kubernetes API. Messages are ESO's condition messages
 * (pkg/controllers/externalsecret/externalsecret_controller.go: msgSynced, msgSyncedRetain, msgDeleted, msgMissing,
 * msgErrorDeleteSecret, msgErrorUpdateImmutable, msgErrorBecomeOwner, msgErrorIsOwned).
 */
class TargetSecretPlanTest {

    private static final ExternalSecretId ID = ExternalSecretId.of("apps", "db");

    private static Map<String, byte[]> data(String... keysAndValues) {
        Map<String, byte[]> data = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put(keysAndValues[i], keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return data;
    }

    private static Desired desired(CreationPolicy creation, DeletionPolicy deletion, Map<String, byte[]> data) {
        return new Desired(
                ID,
                "db-secret",
                data,
                "Opaque",
                Map.of("app", "shop"),
                Map.of(),
                new Target("", creation, deletion, false, null));
    }

    private static Existing existing(Contents contents, Controller... controllers) {
        return new Existing(contents, List.of(controllers), Set.of());
    }

    /**
     * pkg/controllers/externalsecret/externalsecret_controller.go ({@code if len(dataMap) == 0}): the decision is
     * taken on the provider's data, so a Secret whose template renders only labels is written, not deleted, and one
     * whose template renders fixed data from no provider data is deleted.
     */
    @Test
    void theNoDataDecisionLooksAtTheProvidersDataNotTheRenderedData() {
        Target delete = new Target("", CreationPolicy.OWNER, DeletionPolicy.DELETE, false, null);
        Desired labelsOnly =
                new Desired(ID, "db-secret", data(), "Opaque", Map.of("team", "a"), Map.of(), delete, true);
        assertThat(TargetSecretPlan.withoutReading(labelsOnly)).isNull();
        Decision created = TargetSecretPlan.decide(labelsOnly, null, null);
        assertThat(created.action()).isEqualTo(Action.CREATE);
        assertThat(created.contents().labels()).containsEntry("team", "a");
        Desired fixedData = new Desired(ID, "db-secret", data("k", "v"), "Opaque", Map.of(), Map.of(), delete, false);
        assertThat(TargetSecretPlan.withoutReading(fixedData).action()).isEqualTo(Action.DELETE);
        Target retain = new Target("", CreationPolicy.OWNER, DeletionPolicy.RETAIN, false, null);
        Desired retained = new Desired(ID, "db-secret", data("k", "v"), "Opaque", Map.of(), Map.of(), retain, false);
        assertThat(TargetSecretPlan.withoutReading(retained).action()).isEqualTo(Action.RETAIN);
    }

    @Test
    void decisionsThatNeedNoRead() {
        assertThat(TargetSecretPlan.withoutReading(desired(CreationPolicy.NONE, DeletionPolicy.RETAIN, data("a", "1")))
                        .message())
                .isEqualTo("secret will not be written due to CreationPolicy=None");
        Decision retain = TargetSecretPlan.withoutReading(desired(CreationPolicy.OWNER, DeletionPolicy.RETAIN, data()));
        assertThat(retain.action()).isEqualTo(Action.RETAIN);
        assertThat(retain.message()).isEqualTo("secret retained due to DeletionPolicy=Retain");
        Decision orphanDelete =
                TargetSecretPlan.withoutReading(desired(CreationPolicy.ORPHAN, DeletionPolicy.DELETE, data()));
        assertThat(orphanDelete.action()).isEqualTo(Action.REFUSE);
        assertThat(orphanDelete.message()).isEqualTo("could not delete secret");
        assertThat(orphanDelete.detail()).isEqualTo("unable to delete secret: creationPolicy=Orphan is not Owner");
        assertThat(TargetSecretPlan.withoutReading(desired(CreationPolicy.OWNER, DeletionPolicy.DELETE, data()))
                        .action())
                .isEqualTo(Action.DELETE);
        assertThat(TargetSecretPlan.withoutReading(
                        desired(CreationPolicy.OWNER, DeletionPolicy.RETAIN, data("a", "1"))))
                .isNull();
    }

    @Test
    void aMissingSecretIsCreatedWithEsosMarkersUnlessMergeWantsOneToExist() {
        Desired owner = desired(CreationPolicy.OWNER, DeletionPolicy.RETAIN, data("a", "1"));
        Decision create = TargetSecretPlan.decide(owner, null, null);

        assertThat(create.action()).isEqualTo(Action.CREATE);
        assertThat(create.message()).isEqualTo("secret synced");
        assertThat(create.contents().labels())
                .containsEntry("app", "shop")
                .containsEntry(EsoMarkers.MANAGED_LABEL, "true")
                .containsEntry(EsoMarkers.CREATED_BY_LABEL, EsoMarkers.createdBy("apps", "db"));
        assertThat(create.contents().annotations())
                .containsOnly(Map.entry(EsoMarkers.DATA_HASH_ANNOTATION, EsoMarkers.dataHash(data("a", "1"))));
        assertThat(create.contents()).isEqualTo(TargetSecretPlan.contents(owner));

        Decision merge = TargetSecretPlan.decide(
                desired(CreationPolicy.MERGE, DeletionPolicy.RETAIN, data("a", "1")), null, null);
        assertThat(merge.action()).isEqualTo(Action.SKIP);
        assertThat(merge.reason()).isEqualTo(TargetSecretPlan.MISSING);
        assertThat(merge.message()).isEqualTo("secret will not be created due to CreationPolicy=Merge");
    }

    @Test
    void anUpToDateSecretIsUnchangedAndAChangedOneIsUpdated() {
        Desired owner = desired(CreationPolicy.OWNER, DeletionPolicy.RETAIN, data("a", "1"));
        Contents written = TargetSecretPlan.contents(owner);

        assertThat(TargetSecretPlan.decide(owner, existing(written), null).action())
                .isEqualTo(Action.UNCHANGED);

        Decision update = TargetSecretPlan.decide(
                desired(CreationPolicy.OWNER, DeletionPolicy.RETAIN, data("a", "2")), existing(written), null);
        assertThat(update.action()).isEqualTo(Action.UPDATE);
        assertThat(update.contents().data().get("a")).containsExactly('2');
        assertThat(update.contents().annotations())
                .containsEntry(EsoMarkers.DATA_HASH_ANNOTATION, EsoMarkers.dataHash(data("a", "2")));
    }

    @Test
    void mergeKeepsForeignKeysAndDropsTheKeysItWroteBefore() {
        Contents current = new Contents(
                data("foreign", "f", "old", "o"),
                "kubernetes.io/basic-auth",
                false,
                Map.of(),
                Map.of(TargetSecretPlan.MANAGED_KEYS_ANNOTATION, "old"));

        Decision merge = TargetSecretPlan.decide(
                desired(CreationPolicy.MERGE, DeletionPolicy.RETAIN, data("new", "n")), existing(current), null);

        assertThat(merge.action()).isEqualTo(Action.UPDATE);
        assertThat(merge.contents().data()).containsOnlyKeys("foreign", "new");
        assertThat(merge.contents().type())
                .as("Opaque does not replace the type")
                .isEqualTo("kubernetes.io/basic-auth");
        assertThat(merge.contents().annotations())
                .containsEntry(TargetSecretPlan.MANAGED_KEYS_ANNOTATION, "new")
                .containsEntry(EsoMarkers.DATA_HASH_ANNOTATION, EsoMarkers.dataHash(data("foreign", "f", "new", "n")));
        assertThat(merge.contents().labels()).doesNotContainKey(EsoMarkers.CREATED_BY_LABEL);
    }

    @Test
    void refusesSecretsOthersControl() {
        Desired owner = desired(CreationPolicy.OWNER, DeletionPolicy.RETAIN, data("a", "1"));
        Contents plain = new Contents(data(), "Opaque", false, Map.of(), Map.of());

        Decision otherEs = TargetSecretPlan.decide(
                owner,
                existing(plain, new Controller("external-secrets.io/v1", "ExternalSecret", "other", "u1")),
                null);
        assertThat(otherEs.action()).isEqualTo(Action.REFUSE);
        assertThat(otherEs.message()).isEqualTo("target is owned by another ExternalSecret");
        assertThat(otherEs.detail()).isEqualTo("it is controlled by ExternalSecret other");

        Decision deployment = TargetSecretPlan.decide(
                owner, existing(plain, new Controller("apps/v1", "Deployment", "web", "u2")), null);
        assertThat(deployment.message()).isEqualTo("failed to take ownership of target secret");
        assertThat(TargetSecretPlan.decide(
                                owner, existing(plain, new Controller("apps/v1", "Deployment", "web", "u2")), "u2")
                        .action())
                .as("the writer's own owner is not a foreign controller")
                .isEqualTo(Action.UPDATE);

        Contents createdByOther = new Contents(
                data(),
                "Opaque",
                false,
                Map.of(EsoMarkers.CREATED_BY_LABEL, EsoMarkers.createdBy("apps", "other")),
                Map.of());
        assertThat(TargetSecretPlan.decide(owner, existing(createdByOther), null)
                        .detail())
                .isEqualTo("its " + EsoMarkers.CREATED_BY_LABEL + " label names another ExternalSecret");
    }

    @Test
    void anImmutableSecretWhoseDataWouldChangeGetsOnlyItsMetadataUpdated() {
        Desired owner = desired(CreationPolicy.OWNER, DeletionPolicy.RETAIN, data("a", "2"));
        Contents current = new Contents(data("a", "1"), "Opaque", true, Map.of(), Map.of());

        Decision decision = TargetSecretPlan.decide(owner, existing(current), null);

        assertThat(decision.action()).isEqualTo(Action.REFUSE);
        assertThat(decision.message()).isEqualTo("could not update secret, target is immutable");
        assertThat(decision.contents().data().get("a")).containsExactly('1');
        assertThat(decision.contents().labels()).containsEntry(EsoMarkers.MANAGED_LABEL, "true");
        assertThat(decision.contents().annotations()).doesNotContainKey(EsoMarkers.DATA_HASH_ANNOTATION);
    }

    @Test
    void deletionDeletesOnlyWhatItMayOwn() {
        Desired owner = desired(CreationPolicy.OWNER, DeletionPolicy.DELETE, data());
        Contents mine = TargetSecretPlan.contents(desired(CreationPolicy.OWNER, DeletionPolicy.DELETE, data("a", "1")));

        assertThat(TargetSecretPlan.decide(owner, null, null).action()).isEqualTo(Action.DELETE);
        Decision delete = TargetSecretPlan.decide(owner, existing(mine), null);
        assertThat(delete.action()).isEqualTo(Action.DELETE);
        assertThat(delete.reason()).isEqualTo(TargetSecretPlan.DELETED);
        assertThat(delete.message()).isEqualTo("secret deleted due to DeletionPolicy=Delete");
        assertThat(TargetSecretPlan.decide(
                                owner,
                                existing(mine, new Controller("external-secrets.io/v1", "ExternalSecret", "x", "u")),
                                null)
                        .action())
                .isEqualTo(Action.REFUSE);
    }

    @Test
    void neverPrintsValues() {
        Desired owner = desired(CreationPolicy.OWNER, DeletionPolicy.RETAIN, data("a", "sentinel-Zq9"));
        assertThat(owner.toString()).doesNotContain("sentinel-Zq9");
        assertThat(TargetSecretPlan.contents(owner).toString()).doesNotContain("sentinel-Zq9");
    }
}
