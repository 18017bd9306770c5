package io.eso4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.spec.Manifests;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShortFormTest {

    @Test
    void buildsTheStoreAndExternalSecretTheEquivalentManifestsDescribe() {
        ShortForm shortForm = new ShortForm("eu-west-1", "arn:aws:iam::1:role/app", true, true, Duration.ofMinutes(5));
        Manifests built = Manifests.of(List.of(shortForm.store()), List.of(shortForm.externalSecret("prod/db creds")));
        Manifests written = Manifests.parse("short-form.yaml", """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: eso4j-store}
                spec:
                  provider:
                    aws:
                      service: SecretsManager
                      region: eu-west-1
                      role: arn:aws:iam::1:role/app
                      auth:
                        secretRef:
                          accessKeyIDSecretRef: {name: eso4j-store-credentials, key: access-key-id}
                          secretAccessKeySecretRef: {name: eso4j-store-credentials, key: secret-access-key}
                          sessionTokenSecretRef: {name: eso4j-store-credentials, key: session-token}
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: aws-prod-db-creds}
                spec:
                  refreshInterval: 5m
                  secretStoreRef: {name: eso4j-store, kind: SecretStore}
                  dataFrom: [{extract: {key: prod/db creds}}]
                """);

        assertThat(built.stores()).isEqualTo(written.stores());
        assertThat(built.externalSecrets()).isEqualTo(written.externalSecrets());
    }

    @Test
    void withoutStaticKeysTheStoreUsesTheDefaultChainAndTheCredentialKeysHoldOnlyWhatIsSet() {
        ShortForm shortForm = new ShortForm("us-east-1", null, false, false, Duration.ofHours(1));

        assertThat(shortForm.store().aws().auth().secretRef()).isNull();
        assertThat(shortForm.store().aws().role()).isEmpty();
        assertThat(ShortForm.credentialKeys("AKID", null, null))
                .containsOnlyKeys("eso4j-store-credentials/access-key-id");
    }

    @Test
    void theParameterStoreFormFindsEveryParameterUnderThePathWithKeysAsSpringCloudAwsNamesThem() {
        ShortForm shortForm = new ShortForm("eu-west-1", null, false, false, Duration.ofMinutes(5));
        Manifests built = Manifests.of(
                List.of(shortForm.parameterStore()),
                List.of(shortForm.parameterStoreExternalSecret("/config/my.app/")));
        Manifests written = Manifests.parse("short-form.yaml", """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: eso4j-parameterstore}
                spec:
                  provider:
                    aws: {service: ParameterStore, region: eu-west-1}
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: aws-parameterstore--config-my-app}
                spec:
                  refreshInterval: 5m
                  secretStoreRef: {name: eso4j-parameterstore, kind: SecretStore}
                  dataFrom:
                    - find: {path: /config/my.app/, name: {regexp: .*}}
                      rewrite:
                        - regexp: {source: '/config/my\\.app/', target: ''}
                        - regexp: {source: /, target: .}
                """);

        assertThat(built.stores()).isEqualTo(written.stores());
        assertThat(built.externalSecrets()).isEqualTo(written.externalSecrets());
        assertThat(ShortForm.springCloudAwsPropertyName("hosts_0_.name_12_")).isEqualTo("hosts[0].name_12_");
    }
}
