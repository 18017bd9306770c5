package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.SecretAccessDeniedException;
import io.eso4j.integration.EsoMarkers;
import io.eso4j.integration.TargetSecretPlan.Desired;
import io.eso4j.k8s.MirrorResult.Outcome;
import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.DeletionPolicy;
import io.eso4j.spec.Target;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Markers, idempotence, ownership, immutability and API failures, against the CRUD mock with injected faults. */
@EnableKubernetesMockClient(crud = true)
class SecretMirrorSafetyTest {

    KubernetesMockServer server;
    KubernetesClient client;
    Cluster cluster;
    List<Duration> pauses = new ArrayList<>();
    SecretMirror mirror;

    @BeforeEach
    void setUp() {
        cluster = new Cluster(server, client);
        mirror = SecretMirror.builder(client)
                .namespace(Cluster.NS)
                .sleeper(pauses::add)
                .build();
    }

    private static Desired owner(Map<String, String> data) {
        return Cluster.desired("es", data, CreationPolicy.OWNER, DeletionPolicy.RETAIN);
    }

    @Test
    void writesEsosMarkersWithTheDataHashOfEsosOwnExample() {
        MirrorResult result = mirror.reconcile(owner(Map.of("foo", "value1", "bar", "value2")));

        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        Secret secret = cluster.get("target");
        assertThat(secret.getMetadata().getAnnotations())
                .containsEntry(
                        EsoMarkers.DATA_HASH_ANNOTATION, "1bed8bcbcb4547ffe19a19cd47d9078e84aa6598266d86b99f992d64");
        assertThat(secret.getMetadata().getLabels())
                .containsEntry(EsoMarkers.MANAGED_LABEL, "true")
                .containsEntry(EsoMarkers.CREATED_BY_LABEL, EsoMarkers.createdBy(Cluster.NS, "es"));
        assertThat(secret.getType()).isEqualTo("Opaque");
    }

    @Test
    void secondApplyOfTheSameDataMakesNoWrite() {
        mirror.reconcile(owner(Map.of("a", "1")));
        cluster.requests();

        MirrorResult again = mirror.reconcile(owner(Map.of("a", "1")));

        assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(again.writes()).isZero();
        assertThat(Cluster.describe(cluster.requests())).containsExactly("GET /api/v1/namespaces/apps/secrets/target");
    }

    @Test
    void leavesASecretEsoWroteWithTheSameDataUntouched() {
        Map<String, String> data = Map.of("foo", "value1", "bar", "value2");
        cluster.put(Cluster.secret("target", data)
                .editMetadata()
                .addToLabels(EsoMarkers.MANAGED_LABEL, "true")
                .addToLabels(EsoMarkers.CREATED_BY_LABEL, EsoMarkers.createdBy(Cluster.NS, "es"))
                .addToAnnotations(
                        EsoMarkers.DATA_HASH_ANNOTATION, "1bed8bcbcb4547ffe19a19cd47d9078e84aa6598266d86b99f992d64")
                .addToOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("external-secrets.io/v1")
                        .withKind("ExternalSecret")
                        .withName("es")
                        .withUid("eso-uid")
                        .withController(true)
                        .build())
                .endMetadata()
                .build());

        MirrorResult result = mirror.reconcile(owner(data));

        assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(Cluster.secretWrites(cluster.requests())).isEmpty();
    }

    @Test
    void removesKeysEsosFieldManagerOwnedWhenTheyGoUpstream() {
        cluster.put(Cluster.secret("target", Map.of("foreign", "x", "eso-key", "y"))
                .editMetadata()
                .addToManagedFields(new ManagedFieldsEntryBuilder()
                        .withManager(EsoMarkers.fieldManager("es"))
                        .withOperation("Apply")
                        .withNewFieldsV1()
                        .addToAdditionalProperties("f:data", Map.of("f:eso-key", Map.of()))
                        .endFieldsV1()
                        .build())
                .endMetadata()
                .build());

        mirror.reconcile(Cluster.desired("es", Map.of("new", "z"), CreationPolicy.MERGE, DeletionPolicy.MERGE));

        assertThat(cluster.data("target")).isEqualTo(Map.of("foreign", "x", "new", "z"));
    }

    @Test
    void refusesASecretControlledByAnotherObject() {
        cluster.put(Cluster.secret("target", Map.of("theirs", "x"))
                .editMetadata()
                .addToOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("apps/v1")
                        .withKind("Deployment")
                        .withName("other-app")
                        .withUid("u-1")
                        .withController(true)
                        .build())
                .endMetadata()
                .build());

        MirrorResult result = mirror.reconcile(owner(Map.of("a", "1")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).isEqualTo("failed to take ownership of target secret");
        assertThat(result.error().getMessage()).contains("Deployment other-app").doesNotContain("\"x\"");
        assertThat(Cluster.secretWrites(cluster.requests())).isEmpty();
        assertThat(cluster.data("target")).isEqualTo(Map.of("theirs", "x"));
    }

    @Test
    void refusesASecretOwnedByAnotherExternalSecret() {
        cluster.put(Cluster.secret("target", Map.of("theirs", "x"))
                .editMetadata()
                .addToLabels(EsoMarkers.CREATED_BY_LABEL, EsoMarkers.createdBy(Cluster.NS, "other-es"))
                .endMetadata()
                .build());

        MirrorResult result = mirror.reconcile(owner(Map.of("a", "1")));

        assertThat(result.message()).isEqualTo("target is owned by another ExternalSecret");
        assertThat(Cluster.secretWrites(cluster.requests())).isEmpty();
    }

    @Test
    void setsTheConfiguredOwnerReferenceUnderOwnerOnly() {
        SecretMirror owned = mirror.toBuilder()
                .owner("apps/v1", "Deployment", "my-app", "uid-7")
                .build();

        owned.reconcile(owner(Map.of("a", "1")));
        owned.reconcile(Cluster.desired(
                "es", "orphan", Map.of("a", "1"), new Target("orphan", CreationPolicy.ORPHAN, null, false, null)));

        assertThat(cluster.get("target").getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo("uid-7"));
        assertThat(cluster.get("orphan").getMetadata().getOwnerReferences()).isEmpty();
        assertThat(cluster.get("orphan").getMetadata().getLabels()).doesNotContainKey(EsoMarkers.CREATED_BY_LABEL);
    }

    @Test
    void updatesOnlyMetadataOfAnImmutableSecretAndReportsIt() {
        Target immutable = new Target("target", CreationPolicy.OWNER, null, true, null);
        mirror.reconcile(Cluster.desired("es", "target", Map.of("a", "1"), immutable));
        assertThat(cluster.get("target").getImmutable()).isTrue();

        MirrorResult result = mirror.reconcile(Cluster.desired("es", "target", Map.of("a", "2"), immutable));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).isEqualTo("could not update secret, target is immutable");
        assertThat(cluster.data("target")).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void rereadsAndRetriesWithBackoffOnAConflict() {
        mirror.reconcile(owner(Map.of("a", "1")));
        mirror.reconcile(owner(Map.of("a", "2")));
        String patchPath = cluster.requests().stream()
                .filter(r -> "PATCH".equals(r.getMethod()))
                .map(r -> r.getPath())
                .findFirst()
                .orElseThrow();
        server.expect()
                .patch()
                .withPath(patchPath)
                .andReturn(
                        409,
                        new StatusBuilder().withCode(409).withReason("Conflict").build())
                .once();

        MirrorResult result = mirror.reconcile(owner(Map.of("a", "3")));

        assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(result.writes()).isEqualTo(2);
        // core's Backoff: the first wait is the initial 100 ms, jittered into its upper half
        assertThat(pauses)
                .singleElement()
                .satisfies(pause -> assertThat(pause).isBetween(Duration.ofMillis(50), Duration.ofMillis(100)));
        assertThat(Cluster.describe(cluster.requests()))
                .containsExactly(
                        "GET /api/v1/namespaces/apps/secrets/target",
                        "PATCH " + patchPath,
                        "GET /api/v1/namespaces/apps/secrets/target",
                        "PATCH " + patchPath);
        assertThat(cluster.data("target")).isEqualTo(Map.of("a", "3"));
    }

    @Test
    void givesUpAfterMaxAttemptsOfConflicts() {
        SecretMirror twice = mirror.toBuilder().maxAttempts(2).build();
        twice.reconcile(owner(Map.of("a", "1")));
        server.expect()
                .post()
                .withPath("/api/v1/namespaces/apps/secrets")
                .andReturn(409, new StatusBuilder().withCode(409).build())
                .always();

        MirrorResult result = twice.reconcile(Cluster.desired("es", "other", Map.of("a", "1"), Target.DEFAULT));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.writes()).isEqualTo(2);
        assertThat(result.error().getMessage()).contains("HTTP 409");
    }

    @Test
    void namesTheMissingRbacVerbAndResourceOnForbidden() {
        server.expect()
                .post()
                .withPath("/api/v1/namespaces/apps/secrets")
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withCode(403)
                                .withReason("Forbidden")
                                .build())
                .once();

        MirrorResult result = mirror.reconcile(owner(Map.of("a", "1")));

        assertThat(result.error())
                .isInstanceOf(KubernetesAccessDeniedException.class)
                .isNotInstanceOf(SecretAccessDeniedException.class)
                .hasMessageContaining("RBAC verb \"create\" on resource \"secrets\" in namespace \"apps\"");
        assertThat(((KubernetesAccessDeniedException) result.error()).verb()).isEqualTo("create");
        assertThat(pauses).isEmpty();
    }

    @Test
    void aTransientServerErrorIsRetriedByTheClient() {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/apps/secrets/target")
                .andReturn(
                        500,
                        new StatusBuilder()
                                .withCode(500)
                                .withReason("InternalError")
                                .build())
                .once();

        MirrorResult result = mirror.reconcile(owner(Map.of("a", "1")));

        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(cluster.data("target")).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void reportsAPersistentServerErrorWithoutWriting() {
        Config noClientRetries = new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(0)
                .build();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/apps/secrets/target")
                .andReturn(
                        500,
                        new StatusBuilder()
                                .withCode(500)
                                .withReason("InternalError")
                                .build())
                .always();
        try (KubernetesClient impatient =
                new KubernetesClientBuilder().withConfig(noClientRetries).build()) {
            MirrorResult result = SecretMirror.builder(impatient)
                    .namespace(Cluster.NS)
                    .sleeper(pauses::add)
                    .build()
                    .reconcile(owner(Map.of("a", "1")));

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.message()).isEqualTo("could not update secret");
            assertThat(result.error().getMessage()).contains("HTTP 500").contains("on get");
            assertThat(result.writes()).isZero();
            assertThat(pauses).isEmpty();
        }
    }

    @Test
    void resultsAndDesiredStateNeverPrintValues() {
        Desired desired = owner(Map.of("key", "SENTINEL-VALUE"));
        MirrorResult result = mirror.reconcile(desired);

        assertThat(desired.toString()).contains("key").doesNotContain("SENTINEL-VALUE");
        assertThat(result.toString()).doesNotContain("SENTINEL-VALUE");
    }
}
