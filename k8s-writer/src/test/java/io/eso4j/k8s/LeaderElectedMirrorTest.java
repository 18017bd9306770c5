package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.DeletionPolicy;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three replicas over one Lease on the CRUD mock: one writes, a takeover happens when it stops, nobody writes twice. */
@EnableKubernetesMockClient(crud = true)
class LeaderElectedMirrorTest {

    private static final Duration BOUND = Duration.ofSeconds(40);

    KubernetesMockServer server;
    KubernetesClient client;
    final List<KubernetesClient> clients = new ArrayList<>();
    final List<LeaderElectedMirror> replicas = new ArrayList<>();
    final List<MirrorResult> results = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        replicas.forEach(LeaderElectedMirror::close);
        clients.forEach(KubernetesClient::close);
    }

    private LeaderElectedMirror replica(String identity) {
        KubernetesClient own = server.createClient();
        clients.add(own);
        LeaderElectedMirror replica = LeaderElectedMirror.builder(
                        own, SecretMirror.builder(own).namespace(Cluster.NS).build())
                .lease(Cluster.NS, "mirror")
                .identity(identity)
                .timings(Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofMillis(250))
                .onResult(results::add)
                .build();
        replicas.add(replica);
        return replica;
    }

    private static void publish(LeaderElectedMirror replica, String value) {
        // The package-private seam the public publish(ExternalSecret, ResolvedSecret) feeds.
        replica.publishDesired(Cluster.desired("es", Map.of("k", value), CreationPolicy.OWNER, DeletionPolicy.RETAIN));
    }

    @Test
    void exactlyOneOfThreeReplicasWritesAndAnotherTakesOverWhenItStops() {
        Cluster cluster = new Cluster(server, client);
        for (String id : List.of("pod-a", "pod-b", "pod-c")) {
            publish(replica(id).start(), "v1");
        }

        await().atMost(BOUND)
                .until(() ->
                        replicas.stream().filter(LeaderElectedMirror::isLeader).count() == 1 && results.size() == 1);
        LeaderElectedMirror first = replicas.stream()
                .filter(LeaderElectedMirror::isLeader)
                .findFirst()
                .orElseThrow();
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(first.identity());
        assertThat(cluster.data("target")).isEqualTo(Map.of("k", "v1"));

        // Unchanged publications on every replica: no request from anyone's mirror.
        replicas.forEach(r -> publish(r, "v1"));
        first.close();

        await().atMost(BOUND)
                .until(() ->
                        replicas.stream().filter(LeaderElectedMirror::isLeader).count() == 1);
        LeaderElectedMirror second = replicas.stream()
                .filter(LeaderElectedMirror::isLeader)
                .findFirst()
                .orElseThrow();
        assertThat(second).isNotSameAs(first);
        await().atMost(BOUND)
                .until(() -> second.identity().equals(lease().getSpec().getHolderIdentity()));
        // The new leader re-reads what it was told and finds it already written.
        await().atMost(BOUND).until(() -> results.size() == 2);

        replicas.stream().filter(r -> r != first).forEach(r -> publish(r, "v2"));
        await().atMost(BOUND).until(() -> results.size() == 3);
        assertThat(cluster.data("target")).isEqualTo(Map.of("k", "v2"));

        assertThat(results)
                .extracting(MirrorResult::outcome)
                .containsExactly(
                        MirrorResult.Outcome.CREATED, MirrorResult.Outcome.UNCHANGED, MirrorResult.Outcome.UPDATED);
        assertThat(results.stream().mapToInt(MirrorResult::writes).sum()).isEqualTo(2);
    }

    private Lease lease() {
        return client.leases().inNamespace(Cluster.NS).withName("mirror").get();
    }
}
