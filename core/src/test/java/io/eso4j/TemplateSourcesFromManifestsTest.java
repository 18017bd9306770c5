package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code templateFrom[].configMap} / {@code .secret} resolved from ConfigMap and Secret manifests given next to the
 * ExternalSecret (issue 15 item 3), end to end through the loader, the fake AWS and the engine. ESO's parser
 * ({@code pkg/controllers/templating/parser.go}) reads the ConfigMap's {@code data} and the Secret's {@code data}.
 */
class TemplateSourcesFromManifestsTest {

    private static String manifests(FakeAws aws, String extra) {
        return """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: aws, namespace: app}
                spec:
                  provider:
                    aws:
                      service: SecretsManager
                      region: %s
                      auth:
                        secretRef:
                          accessKeyIDSecretRef: {name: aws-credentials, key: access-key}
                          secretAccessKeySecretRef: {name: aws-credentials, key: secret-access-key}
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: es, namespace: app}
                spec:
                  secretStoreRef: {name: aws}
                  data:
                    - {secretKey: password, remoteRef: {key: db, property: password}}
                  target:
                    template:
                      templateFrom:
                        - configMap:
                            name: app-config-tpl
                            items:
                              - {key: application.properties}
                              - {key: env, templateAs: KeysAndValues}
                        - secret:
                            name: app-label-tpl
                            items: [{key: owner}]
                          target: Labels
                """.formatted(aws.region().id()) + extra;
    }

    private static final String SOURCES = """
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app-config-tpl}
            data:
              application.properties: "db.password={{ .password }}"
              env: "DB_PASSWORD: '{{ .password | upper }}'"
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: app-label-tpl, namespace: app}
            data:
              owner: e3sgLnBhc3N3b3JkIHwgbGVuIH19
            """; // base64 of "{{ .password | len }}"

    private static ResolvedSecret resolve(FakeAws aws, String text) {
        SecretKeyResolver keys = SecretKeyResolver.fromMap(Map.of(
                "aws-credentials/access-key", aws.accessKeyId(),
                "aws-credentials/secret-access-key", aws.secretAccessKey()));
        try (ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(Manifests.parse("app.yaml", text))
                .secretKeyResolver(keys)
                .endpointOverride(aws.endpoint())
                .build()) {
            return secrets.all().get(0);
        }
    }

    @Test
    void rendersConfigMapAndSecretTemplatesGivenNextToTheExternalSecret() {
        try (FakeAws aws = FakeAws.start()) {
            aws.secrets().createSecret("db", "{\"password\":\"s3cret\"}");
            ResolvedSecret secret = resolve(aws, manifests(aws, SOURCES));
            assertThat(secret.string("application.properties")).contains("db.password=s3cret");
            assertThat(secret.string("DB_PASSWORD")).contains("S3CRET");
            assertThat(secret.keys()).containsExactlyInAnyOrder("application.properties", "DB_PASSWORD");
            assertThat(secret.labels()).containsEntry("owner", "6");
            assertThat(new String(secret.data().get("application.properties"), StandardCharsets.UTF_8))
                    .isEqualTo("db.password=s3cret");
        }
    }

    @Test
    void aMissingConfigMapFailsWithEsosMessage() {
        try (FakeAws aws = FakeAws.start()) {
            aws.secrets().createSecret("db", "{\"password\":\"s3cret\"}");
            assertThatThrownBy(() -> resolve(aws, manifests(aws, "")))
                    .isInstanceOf(SecretMappingException.class)
                    .hasMessageContaining("error fetching templateFrom data: configmaps \"app-config-tpl\" not found")
                    .hasMessageNotContaining("s3cret");
        }
    }
}
