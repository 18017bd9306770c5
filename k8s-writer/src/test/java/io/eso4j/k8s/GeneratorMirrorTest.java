package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.ExternalSecrets;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.FakeEcr;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An {@code ECRAuthorizationToken} generator mirrored as ESO's {@code docs/snippets/generator-ecr-example.yaml} does:
 * a {@code kubernetes.io/dockerconfigjson} Secret built from the token, its {@code expiresAt} annotation, and a new
 * token written on the next refresh (ESO regenerates on every reconcile). Real ECR SDK client over HTTP to the
 * testkit's fake, fabric8's CRUD mock API server.
 */
@EnableKubernetesMockClient(crud = true)
class GeneratorMirrorTest {

    private static final Manifests MANIFESTS = Manifests.parse("ecr.yaml", """
            apiVersion: generators.external-secrets.io/v1alpha1
            kind: ECRAuthorizationToken
            metadata: {name: ecr-gen, namespace: apps}
            spec:
              region: us-east-1
              auth:
                secretRef:
                  accessKeyIDSecretRef: {name: aws-creds, key: id}
                  secretAccessKeySecretRef: {name: aws-creds, key: secret}
            ---
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata: {name: ecr-secret, namespace: apps}
            spec:
              refreshInterval: 1h0m0s
              target:
                name: ecr-secret
                template:
                  type: kubernetes.io/dockerconfigjson
                  metadata:
                    annotations:
                      expiresAt: "{{ .expires_at }}"
                  data:
                    .dockerconfigjson: |
                      {"auths": {"{{ .proxy_endpoint | replace "https://" "" }}": {"username": "{{ .username }}",
                        "password": "{{ .password }}", "auth": "{{ printf "%s:%s" .username .password | b64enc }}"}}}
              dataFrom:
                - sourceRef:
                    generatorRef:
                      apiVersion: generators.external-secrets.io/v1alpha1
                      kind: ECRAuthorizationToken
                      name: ecr-gen
            """);

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void anEcrTokenIsMirroredAsADockerConfigAndReplacedOnRefresh() throws Exception {
        Cluster cluster = new Cluster(server, client);
        try (FakeAws fake = FakeAws.start();
                ExternalSecrets secrets = ExternalSecrets.builder()
                        .manifests(MANIFESTS)
                        .endpointOverride(fake.endpoint())
                        .secretKeyResolver(SecretKeyResolver.fromMap(
                                Map.of("aws-creds/id", fake.accessKeyId(), "aws-creds/secret", fake.secretAccessKey())))
                        .build()) {
            SecretMirror mirror =
                    SecretMirror.builder(client).namespace(Cluster.NS).build();

            List<MirrorResult> created = mirror.applyAll(MANIFESTS.externalSecrets(), secrets);

            assertThat(created)
                    .singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo(MirrorResult.Outcome.CREATED));
            FakeEcr.Token first = fake.ecr().issued().get(0);
            Secret secret = cluster.get("ecr-secret");
            assertThat(secret.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
            assertThat(secret.getMetadata().getAnnotations())
                    .containsEntry("expiresAt", Long.toString(first.expiresAt().getEpochSecond()));
            String auth =
                    Base64.getEncoder().encodeToString(("AWS:" + first.password()).getBytes(StandardCharsets.UTF_8));
            assertThat(cluster.data("ecr-secret").get(".dockerconfigjson"))
                    .contains("\"" + first.proxyEndpoint().replace("https://", "") + "\"")
                    .contains("\"password\": \"" + first.password() + "\"")
                    .contains("\"auth\": \"" + auth + "\"");

            secrets.refreshNow().get(10, TimeUnit.SECONDS);
            List<MirrorResult> updated = mirror.applyAll(MANIFESTS.externalSecrets(), secrets);

            FakeEcr.Token second = fake.ecr().issued().get(1);
            assertThat(updated)
                    .singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo(MirrorResult.Outcome.UPDATED));
            assertThat(cluster.data("ecr-secret").get(".dockerconfigjson"))
                    .contains("\"password\": \"" + second.password() + "\"")
                    .doesNotContain(first.password());
        }
    }
}
