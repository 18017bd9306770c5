package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.k8s.MirrorResult.Outcome;
import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.DeletionPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ESO's creationPolicy × deletionPolicy matrix (eso-semantics §5.3, §5.4), every cell against the CRUD mock API
 * server: no target yet, or a pre-existing one holding a foreign key; the remote result present, or all gone.
 */
@EnableKubernetesMockClient(crud = true)
class SecretMirrorPolicyTest {

    KubernetesMockServer server;
    KubernetesClient client;
    Cluster cluster;
    SecretMirror mirror;

    @BeforeEach
    void setUp() {
        cluster = new Cluster(server, client);
        mirror = SecretMirror.builder(client).namespace(Cluster.NS).build();
    }

    enum Existing {
        NONE,
        WITH_FOREIGN_KEY
    }

    enum Remote {
        PRESENT,
        ALL_GONE
    }

    /** What ESO does in one cell: the outcome, and the Secret's data afterwards (null = no Secret). */
    record Cell(Outcome outcome, Map<String, String> data) {}

    private static final Map<String, String> FOREIGN = Map.of("foreign", "kept?");
    private static final Map<String, String> OURS = Map.of("ours", "value");

    /** The expected cell, written out from ESO's tables. */
    static Cell expected(CreationPolicy creation, DeletionPolicy deletion, Existing existing, Remote remote) {
        Map<String, String> before = existing == Existing.NONE ? null : FOREIGN;
        boolean merging = creation == CreationPolicy.MERGE || creation == CreationPolicy.CREATE_OR_MERGE;
        if (creation == CreationPolicy.NONE) {
            return new Cell(Outcome.SKIPPED, before);
        }
        Map<String, String> result = remote == Remote.PRESENT ? OURS : Map.of();
        if (remote == Remote.ALL_GONE && deletion == DeletionPolicy.RETAIN) {
            return new Cell(Outcome.RETAINED, before);
        }
        if (remote == Remote.ALL_GONE && deletion == DeletionPolicy.DELETE) {
            return creation == CreationPolicy.OWNER
                    ? new Cell(Outcome.DELETED, null)
                    : new Cell(Outcome.FAILED, before);
        }
        if (before == null) {
            return creation == CreationPolicy.MERGE
                    ? new Cell(Outcome.SKIPPED, null)
                    : new Cell(Outcome.CREATED, result);
        }
        Map<String, String> after = new java.util.TreeMap<>(merging ? before : Map.of());
        after.putAll(result);
        return new Cell(Outcome.UPDATED, after);
    }

    @TestFactory
    Stream<DynamicTest> everyCellOfEsosPolicyMatrix() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CreationPolicy creation : CreationPolicy.values()) {
            for (DeletionPolicy deletion : DeletionPolicy.values()) {
                for (Existing existing : Existing.values()) {
                    for (Remote remote : Remote.values()) {
                        String name = "creationPolicy=" + creation.specName() + " deletionPolicy=" + deletion.specName()
                                + " target=" + existing + " remote=" + remote;
                        tests.add(DynamicTest.dynamicTest(name, () -> cell(creation, deletion, existing, remote)));
                    }
                }
            }
        }
        return tests.stream();
    }

    private void cell(CreationPolicy creation, DeletionPolicy deletion, Existing existing, Remote remote) {
        String target = ("t-" + creation.specName() + "-" + deletion.specName() + "-" + existing + "-" + remote)
                .toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-');
        if (existing == Existing.WITH_FOREIGN_KEY) {
            cluster.put(Cluster.secret(target, FOREIGN).build());
        }
        Map<String, String> data = remote == Remote.PRESENT ? OURS : Map.of();
        MirrorResult result = mirror.reconcile(
                Cluster.desired("es", target, data, new io.eso4j.spec.Target(target, creation, deletion, false, null)));

        Cell expected = expected(creation, deletion, existing, remote);
        assertThat(result.outcome()).as(result.message()).isEqualTo(expected.outcome());
        assertThat(cluster.data(target)).isEqualTo(expected.data());
    }

    @org.junit.jupiter.api.Test
    void deletionPolicyMergeRemovesOnlyTheKeysThisExternalSecretWrote() {
        cluster.put(Cluster.secret("target", FOREIGN).build());
        mirror.reconcile(Cluster.desired("es", Map.of("a", "1", "b", "2"), CreationPolicy.MERGE, DeletionPolicy.MERGE));
        assertThat(cluster.data("target")).containsOnlyKeys("foreign", "a", "b");

        mirror.reconcile(Cluster.desired("es", Map.of("a", "1"), CreationPolicy.MERGE, DeletionPolicy.MERGE));
        assertThat(cluster.data("target")).containsOnlyKeys("foreign", "a");

        MirrorResult gone =
                mirror.reconcile(Cluster.desired("es", Map.of(), CreationPolicy.MERGE, DeletionPolicy.MERGE));
        assertThat(gone.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(cluster.data("target")).isEqualTo(FOREIGN);
    }

    @org.junit.jupiter.api.Test
    void keysThatDisappearUpstreamVanishAndAnEmptyResultDeletesTheOwnedSecret() {
        mirror.reconcile(Cluster.desired(
                "es", Map.of("foo", "1234", "bar", "1234"), CreationPolicy.OWNER, DeletionPolicy.DELETE));
        mirror.reconcile(Cluster.desired("es", Map.of("foo", "1234"), CreationPolicy.OWNER, DeletionPolicy.DELETE));
        assertThat(cluster.data("target")).isEqualTo(Map.of("foo", "1234"));

        MirrorResult deleted =
                mirror.reconcile(Cluster.desired("es", Map.of(), CreationPolicy.OWNER, DeletionPolicy.DELETE));
        assertThat(deleted.reason()).isEqualTo("SecretDeleted");
        assertThat(deleted.message()).isEqualTo("secret deleted due to DeletionPolicy=Delete");
        assertThat(cluster.get("target")).isNull();
    }

    @org.junit.jupiter.api.Test
    void mergeDoesNotCreateAndSaysSoInEsosWords() {
        MirrorResult result =
                mirror.reconcile(Cluster.desired("es", OURS, CreationPolicy.MERGE, DeletionPolicy.RETAIN));
        assertThat(result.reason()).isEqualTo("SecretMissing");
        assertThat(result.message()).isEqualTo("secret will not be created due to CreationPolicy=Merge");
        assertThat(result.writes()).isZero();
    }
}
