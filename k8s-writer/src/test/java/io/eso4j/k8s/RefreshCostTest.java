package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.integration.TargetSecretPlan.Desired;
import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.DeletionPolicy;
import io.eso4j.spec.Target;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API requests of one refresh cycle over 100 ExternalSecrets, counted at the mock server. */
@EnableKubernetesMockClient(crud = true)
class RefreshCostTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static List<Desired> hundred(int changed) {
        List<Desired> desired = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String value = i == changed ? "changed" : "v" + i;
            desired.add(Cluster.desired(
                    "es-" + i,
                    "secret-" + i,
                    Map.of("key", value),
                    new Target("secret-" + i, CreationPolicy.OWNER, DeletionPolicy.RETAIN, false, null)));
        }
        return desired;
    }

    @Test
    void aCycleOverAHundredUnchangedExternalSecretsIsOneListAndNoWrite() {
        Cluster cluster = new Cluster(server, client);
        SecretMirror mirror = SecretMirror.builder(client).namespace(Cluster.NS).build();
        mirror.reconcileAll(hundred(-1));
        assertThat(Cluster.secretWrites(cluster.requests())).hasSize(100);

        mirror.reconcileAll(hundred(-1));
        List<String> unchanged = Cluster.describe(cluster.requests());

        mirror.reconcileAll(hundred(42));
        List<String> oneChange = Cluster.describe(cluster.requests());

        assertThat(unchanged).containsExactly("GET /api/v1/namespaces/apps/secrets");
        assertThat(oneChange)
                .containsExactly(
                        "GET /api/v1/namespaces/apps/secrets",
                        "PATCH /api/v1/namespaces/apps/secrets/secret-42?fieldManager=externalsecrets.external-secrets.io/es-42");
        assertThat(cluster.data("secret-42")).isEqualTo(Map.of("key", "changed"));
    }
}
