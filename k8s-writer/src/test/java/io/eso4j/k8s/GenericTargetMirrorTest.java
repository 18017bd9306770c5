package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.AwsClients;
import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.k8s.MirrorResult.Outcome;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Generic targets ({@code target.manifest}: a ConfigMap) through the real fabric8 client against its CRUD mock API
 * server, resolved from the fake AWS with the real SDK: ESO's flag, creation and deletion policies, no write when
 * unchanged.
 */
@EnableKubernetesMockClient(crud = true)
class GenericTargetMirrorTest {

    KubernetesMockServer server;
    KubernetesClient client;
    FakeAws fake;
    SecretsManagerClient aws;

    private static final String MANIFESTS = """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata: {name: aws, namespace: apps}
            spec: {provider: {aws: {service: SecretsManager, region: us-east-1}}}
            ---
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata: {name: app-config, namespace: apps}
            spec:
              secretStoreRef: {name: aws}
              target:
                name: app-config
                creationPolicy: %s
                deletionPolicy: %s
                manifest: {apiVersion: v1, kind: ConfigMap}
              data:
                - secretKey: database-host
                  remoteRef: {key: config/database/host}
            """;

    @BeforeEach
    void start() {
        fake = FakeAws.start();
        aws = fake.secretsManagerClient();
        fake.secrets().createSecret("config/database/host", "db.internal.example");
    }

    @AfterEach
    void stop() {
        aws.close();
        fake.close();
    }

    @Test
    void writesTheConfigMapEsoWritesAndDoesNotRewriteItUnchanged() {
        SecretMirror mirror =
                SecretMirror.builder(client).allowGenericTargets(true).build();

        MirrorResult created = apply(mirror, "Owner", "Retain");
        assertThat(created.outcome()).as(String.valueOf(created.error())).isEqualTo(Outcome.CREATED);
        assertThat(created.reason()).isEqualTo("ResourceSynced");
        ConfigMap map =
                client.configMaps().inNamespace("apps").withName("app-config").get();
        assertThat(map.getData()).containsExactly(Map.entry("database-host", "db.internal.example"));
        assertThat(map.getMetadata().getLabels())
                .containsEntry("reconcile.external-secrets.io/managed", "true")
                .containsKey("reconcile.external-secrets.io/created-by");
        assertThat(map.getMetadata().getAnnotations()).containsKey("reconcile.external-secrets.io/data-hash");

        assertThat(apply(mirror, "Owner", "Retain").outcome()).isEqualTo(Outcome.UNCHANGED);

        fake.secrets().putSecretValue("config/database/host", "db2.internal.example");
        assertThat(apply(mirror, "Owner", "Retain").outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(client.configMaps()
                        .inNamespace("apps")
                        .withName("app-config")
                        .get()
                        .getData())
                .containsExactly(Map.entry("database-host", "db2.internal.example"));
    }

    @Test
    void withoutTheOptInItFailsWithEsosMessageAndWritesNothing() {
        MirrorResult result = apply(SecretMirror.builder(client).build(), "Owner", "Retain");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).isEqualTo("invalid generic target");
        assertThat(result.error().getMessage())
                .isEqualTo("generic targets are disabled. Enable with --unsafe-allow-generic-targets flag");
        assertThat(client.configMaps()
                        .inNamespace("apps")
                        .withName("app-config")
                        .get())
                .isNull();
    }

    @Test
    void mergeUpdatesOnlyAnExistingObjectAndKeepsItsOtherKeys() {
        SecretMirror mirror =
                SecretMirror.builder(client).allowGenericTargets(true).build();
        MirrorResult missing = apply(mirror, "Merge", "Retain");
        assertThat(missing.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(missing.reason()).isEqualTo("ResourceMissing");
        assertThat(missing.message()).isEqualTo("resource will not be created due to CreationPolicy=Merge");

        client.configMaps()
                .inNamespace("apps")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("app-config")
                        .withNamespace("apps")
                        .addToLabels("team", "payments")
                        .endMetadata()
                        .addToData("other", "kept")
                        .build())
                .create();
        assertThat(apply(mirror, "Merge", "Retain").outcome()).isEqualTo(Outcome.UPDATED);
        ConfigMap map =
                client.configMaps().inNamespace("apps").withName("app-config").get();
        assertThat(map.getData()).containsEntry("database-host", "db.internal.example");
        assertThat(map.getMetadata().getLabels()).containsEntry("team", "payments");
    }

    @Test
    void emptyDataDeletesUnderDeleteOnlyWhenOwned() {
        SecretMirror mirror =
                SecretMirror.builder(client).allowGenericTargets(true).build();
        assertThat(apply(mirror, "Owner", "Delete").outcome()).isEqualTo(Outcome.CREATED);
        fake.secrets().forceDelete("config/database/host");

        MirrorResult deleted = apply(mirror, "Owner", "Delete");

        assertThat(deleted.outcome()).as(String.valueOf(deleted.error())).isEqualTo(Outcome.DELETED);
        assertThat(deleted.reason()).isEqualTo("ResourceDeleted");
        assertThat(client.configMaps()
                        .inNamespace("apps")
                        .withName("app-config")
                        .get())
                .isNull();
    }

    private MirrorResult apply(SecretMirror mirror, String creation, String deletion) {
        Manifests manifests = Manifests.parse("m.yaml", MANIFESTS.formatted(creation, deletion));
        ExternalSecret es = manifests.externalSecrets().get(0);
        try (ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(manifests)
                .awsClients(AwsClients.secretsManager(store -> aws))
                .build()) {
            ResolvedSecret resolved = secrets.get("apps", "app-config");
            return mirror.apply(es, resolved);
        }
    }
}
