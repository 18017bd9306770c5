package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

/** ClusterExternalSecret selectors and ClusterSecretStore conditions against the namespaces of the mock cluster. */
@EnableKubernetesMockClient(crud = true)
class ClusterNamespacesTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static final String MANIFESTS = """
            apiVersion: external-secrets.io/v1
            kind: ClusterSecretStore
            metadata: {name: shared}
            spec:
              provider: {aws: {service: SecretsManager, region: us-east-1}}
              conditions:
                - namespaceSelector: {matchLabels: {tier: gold}}
            ---
            apiVersion: external-secrets.io/v1
            kind: ClusterExternalSecret
            metadata: {name: creds}
            spec:
              namespaceSelectors:
                - matchLabels: {shared-credentials: "true"}
              externalSecretSpec:
                secretStoreRef: {name: shared, kind: ClusterSecretStore}
                dataFrom: [{extract: {key: shared-credentials}}]
            """;

    @Test
    void selectsTheNamespacesWhoseClusterLabelsMatch() {
        namespace("team-a", "true", "gold");
        namespace("team-b", "false", "gold");
        namespace("team-c", "true", "bronze");

        Manifests one = ClusterNamespaces.addTo(Manifests.builder(), client, "team-a")
                .parse("m.yaml", MANIFESTS)
                .build();
        assertThat(one.externalSecrets()).extracting(ExternalSecret::namespace).containsExactly("team-a");

        Manifests.Builder all =
                ClusterNamespaces.addAll(Manifests.builder(), client).parse("m.yaml", MANIFESTS);
        assertThatThrownBy(all::build)
                .hasMessageContaining(
                        "using cluster store \"shared\" is not allowed from namespace \"team-c\": denied by"
                                + " spec.condition")
                .hasMessageNotContaining("team-a\"")
                .hasMessageNotContaining("team-b\"");
    }

    private void namespace(String name, String shared, String tier) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels("shared-credentials", shared)
                        .addToLabels("tier", tier)
                        .endMetadata()
                        .build())
                .create();
    }
}
