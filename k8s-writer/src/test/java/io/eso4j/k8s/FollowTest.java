package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eso4j.AwsClients;
import io.eso4j.ExternalSecrets;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@link LeaderElectedMirror#follow}: the mirror writes an ExternalSecret's Secret when it is first followed and
 * again on each change core reports, against the testkit's fake AWS and fabric8's CRUD mock.
 */
@EnableKubernetesMockClient(crud = true)
class FollowTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private static final Manifests MANIFESTS = Manifests.parse("follow.yaml", """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata:
              name: aws
              namespace: apps
            spec:
              provider:
                aws:
                  service: SecretsManager
                  region: us-east-1
            ---
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata:
              name: db
              namespace: apps
            spec:
              refreshInterval: 1h
              secretStoreRef:
                name: aws
              target:
                name: db-credentials
              dataFrom:
                - extract:
                    key: app/db
            """);

    KubernetesMockServer server;
    KubernetesClient client;
    FakeAws fake;
    SecretsManagerClient aws;
    ExternalSecrets secrets;
    LeaderElectedMirror mirror;
    final List<MirrorResult> results = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        fake = FakeAws.start();
        aws = fake.secretsManagerClient();
        fake.secrets().createSecret("app/db", "{\"password\":\"first-Zq9\"}");
        secrets = ExternalSecrets.builder()
                .manifests(MANIFESTS)
                .awsClients(AwsClients.secretsManager(store -> aws))
                .listenerExecutor(Runnable::run)
                .build();
        mirror = LeaderElectedMirror.builder(
                        client,
                        SecretMirror.builder(client).namespace(Cluster.NS).build())
                .lease(Cluster.NS, "mirror")
                .identity("pod-a")
                .timings(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(250))
                .onResult(results::add)
                .build()
                .start();
        await().atMost(BOUND).until(mirror::isLeader);
    }

    @AfterEach
    void tearDown() {
        mirror.close();
        secrets.close();
        fake.close();
    }

    @Test
    void writesTheSecretWhenFollowedAndOnceMoreForEachRotation() {
        Cluster cluster = new Cluster(server, client);
        mirror.follow(MANIFESTS.externalSecrets(), secrets);
        await().atMost(BOUND).until(() -> results.size() == 1);
        assertThat(results.get(0).outcome()).isEqualTo(MirrorResult.Outcome.CREATED);
        assertThat(cluster.data("db-credentials")).isEqualTo(Map.of("password", "first-Zq9"));

        fake.secrets().rotate("app/db", "{\"password\":\"second-Zq9\"}");
        secrets.refreshNow().join();
        await().atMost(BOUND).until(() -> results.size() == 2);

        assertThat(results.get(1).outcome()).isEqualTo(MirrorResult.Outcome.UPDATED);
        assertThat(results.get(1).writes()).isEqualTo(1);
        assertThat(Cluster.secretWrites(cluster.requests()))
                .containsExactly("PATCH /api/v1/namespaces/apps/secrets/db-credentials"
                        + "?fieldManager=externalsecrets.external-secrets.io/db");
        assertThat(cluster.data("db-credentials")).isEqualTo(Map.of("password", "second-Zq9"));
    }

    @Test
    void anUnchangedRefreshWritesNothing() {
        Cluster cluster = new Cluster(server, client);
        mirror.follow(MANIFESTS.externalSecrets(), secrets);
        await().atMost(BOUND).until(() -> results.size() == 1);
        cluster.requests();

        secrets.refreshNow().join();
        // Writes run in order on one thread: once the next rotation is written, the unchanged refresh is behind it.
        fake.secrets().rotate("app/db", "{\"password\":\"third-Zq9\"}");
        secrets.refreshNow().join();
        await().atMost(BOUND).until(() -> results.size() == 2);

        assertThat(Cluster.secretWrites(cluster.requests())).hasSize(1);
        assertThat(cluster.data("db-credentials")).isEqualTo(Map.of("password", "third-Zq9"));
    }

    @Test
    void eventsAfterCloseWriteNothing() {
        Cluster cluster = new Cluster(server, client);
        mirror.follow(MANIFESTS.externalSecrets(), secrets);
        await().atMost(BOUND).until(() -> results.size() == 1);
        mirror.close();
        cluster.requests();

        fake.secrets().rotate("app/db", "{\"password\":\"fourth-Zq9\"}");
        secrets.refreshNow().join();

        assertThat(secrets.get("apps", "db").string("password")).contains("fourth-Zq9");
        assertThat(Cluster.secretWrites(cluster.requests())).isEmpty();
        assertThat(results).hasSize(1);
    }
}
