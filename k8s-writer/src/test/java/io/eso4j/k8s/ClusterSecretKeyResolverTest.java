package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretAccessDeniedException;
import io.eso4j.spec.SecretKeySelector;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClusterSecretKeyResolverTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void readsTheKeyAStoreSecretRefNamesFromTheCluster() {
        new Cluster(server, client)
                .put(Cluster.secret("aws-creds", Map.of("access-key", "AKIDEXAMPLE"))
                        .build());
        ClusterSecretKeyResolver resolver = new ClusterSecretKeyResolver(client);

        assertThat(resolver.resolve(Cluster.NS, new SecretKeySelector("aws-creds", "access-key", "")))
                .contains("AKIDEXAMPLE");
        assertThat(resolver.resolve(Cluster.NS, new SecretKeySelector("aws-creds", "missing", "")))
                .isEmpty();
        assertThat(resolver.resolve(Cluster.NS, new SecretKeySelector("nope", "access-key", "")))
                .isEmpty();
    }

    @Test
    void namesTheMissingRbacVerbWhenReadingIsForbidden() {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/apps/secrets/aws-creds")
                .andReturn(403, new StatusBuilder().withCode(403).build())
                .once();

        assertThatThrownBy(() -> new ClusterSecretKeyResolver(client)
                        .resolve(Cluster.NS, new SecretKeySelector("aws-creds", "k", "")))
                .isInstanceOf(SecretAccessDeniedException.class)
                .hasMessageContaining("RBAC verb \"get\" on resource \"secrets\" in namespace \"apps\"");
    }
}
