package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretMappingException;
import io.eso4j.mapping.MappedSecret;
import io.eso4j.mapping.RemoteSecrets;
import io.eso4j.mapping.RemoteValue;
import io.eso4j.mapping.SecretMapper;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Find;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStoreRef;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code templateFrom[].configMap} / {@code .secret} read from the cluster (fabric8's mock API server), in the
 * ExternalSecret's namespace, rendered by core's mapper as ESO's {@code pkg/controllers/templating/parser.go} does.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterTemplateSourcesTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static final RemoteSecrets REMOTE = new RemoteSecrets() {
        @Override
        public RemoteValue value(SecretStoreRef store, String key, String version) {
            return RemoteValue.ofString("s3cret");
        }

        @Override
        public Map<String, String> tags(SecretStoreRef store, String key) {
            return Map.of();
        }

        @Override
        public Map<String, RemoteValue> find(SecretStoreRef store, Find find) {
            return Map.of();
        }
    };

    private static ExternalSecret es() {
        return Manifests.parseExternalSecretSpec("es", Cluster.NS, """
                data:
                  - {secretKey: password, remoteRef: {key: db}}
                target:
                  template:
                    templateFrom:
                      - configMap: {name: tpl, items: [{key: app.conf}, {key: env, templateAs: KeysAndValues}]}
                      - secret: {name: tpl-secret, items: [{key: owner}]}
                        target: Annotations
                """, "test");
    }

    @Test
    void readsConfigMapAndSecretTemplatesFromTheExternalSecretsNamespace() {
        client.configMaps()
                .inNamespace(Cluster.NS)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("tpl")
                        .withNamespace(Cluster.NS)
                        .endMetadata()
                        .withData(
                                Map.of("app.conf", "password={{ .password }}", "env", "PW: '{{ .password | upper }}'"))
                        .build())
                .create();
        new Cluster(server, client)
                .put(Cluster.secret("tpl-secret", Map.of("owner", "{{ .password | len }}"))
                        .build());

        MappedSecret secret = new SecretMapper().map(es(), REMOTE, new ClusterTemplateSources(client));

        Map<String, byte[]> data = secret.data();
        assertThat(new String(data.get("app.conf"), StandardCharsets.UTF_8)).isEqualTo("password=s3cret");
        assertThat(new String(data.get("PW"), StandardCharsets.UTF_8)).isEqualTo("S3CRET");
        assertThat(secret.annotations()).containsEntry("owner", "6");
    }

    @Test
    void aMissingConfigMapIsEsosNotFoundError() {
        assertThatThrownBy(() -> new SecretMapper().map(es(), REMOTE, new ClusterTemplateSources(client)))
                .isInstanceOf(SecretMappingException.class)
                .hasMessage("error fetching templateFrom data: configmaps \"tpl\" not found");
    }

    @Test
    void namesTheMissingRbacVerbWhenReadingIsForbidden() {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/" + Cluster.NS + "/configmaps/tpl")
                .andReturn(403, new StatusBuilder().withCode(403).build())
                .once();

        assertThatThrownBy(() -> new ClusterTemplateSources(client).configMap(Cluster.NS, "tpl"))
                .isInstanceOf(SecretAccessDeniedException.class)
                .hasMessageContaining(
                        "RBAC verb \"get\" on resource \"configmaps\" in namespace \"" + Cluster.NS + "\"");
    }
}
