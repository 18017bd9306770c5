package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.ExternalSecrets;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Parameter Store-backed ExternalSecret is mirrored like any other: the writer consumes resolved secrets, so the
 * code path is the one Secrets Manager takes. Real SDK over HTTP to the testkit's fake Parameter Store, fabric8's
 * CRUD mock API server.
 */
@EnableKubernetesMockClient(crud = true)
class ParameterStoreMirrorTest {

    private static final Manifests MANIFESTS = Manifests.parse("ssm.yaml", """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata:
              name: ssm
              namespace: apps
            spec:
              provider:
                aws:
                  service: ParameterStore
                  region: us-east-1
            ---
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata:
              name: app
              namespace: apps
            spec:
              refreshInterval: 0s
              secretStoreRef:
                name: ssm
              target:
                name: app-config
              data:
                - secretKey: url
                  remoteRef:
                    key: /apps/app/url
              dataFrom:
                - extract:
                    key: /apps/app/db
            """);

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void aParameterStoreExternalSecretIsMirroredIntoItsTargetSecret() {
        Cluster cluster = new Cluster(server, client);
        try (FakeAws fake = FakeAws.start()) {
            fake.parameters().putString("/apps/app/url", "https://app.example");
            fake.parameters().putSecureString("/apps/app/db", "{\"user\":\"app\",\"password\":\"ssm-Zq9\"}");
            try (ExternalSecrets secrets = ExternalSecrets.builder()
                    .manifests(MANIFESTS)
                    .endpointOverride(fake.endpoint())
                    .credentialsProvider(fake.credentialsProvider())
                    .build()) {
                SecretMirror mirror =
                        SecretMirror.builder(client).namespace(Cluster.NS).build();

                List<MirrorResult> results = mirror.applyAll(MANIFESTS.externalSecrets(), secrets);

                assertThat(results)
                        .singleElement()
                        .satisfies(r -> assertThat(r.outcome()).isEqualTo(MirrorResult.Outcome.CREATED));
                assertThat(cluster.data("app-config"))
                        .isEqualTo(Map.of("url", "https://app.example", "user", "app", "password", "ssm-Zq9"));
                assertThat(fake.calls("GetParameters")).isEqualTo(1);
            }
        }
    }
}
