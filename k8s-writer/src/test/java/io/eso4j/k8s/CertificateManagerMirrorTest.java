package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.ExternalSecrets;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.FakeCertificateManager.Export;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Certificate Manager-backed ExternalSecret in the shape of ESO's {@code docs/snippets/aws-acm-external-secret.yaml}
 * is mirrored into a {@code kubernetes.io/tls} Secret: {@code tls.crt} and {@code tls.key} split from the exported
 * bundle with {@code filterPEM}. Real SDK over HTTP to the testkit's fake ACM, fabric8's CRUD mock API server.
 */
@EnableKubernetesMockClient(crud = true)
class CertificateManagerMirrorTest {

    private static final String ARN = "arn:aws:acm:us-east-1:123456789012:certificate/mirror-1";

    private static final Manifests MANIFESTS = Manifests.parse("acm.yaml", """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata:
              name: aws-certificate-manager
              namespace: apps
            spec:
              provider:
                aws:
                  service: CertificateManager
                  region: us-east-1
            ---
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata:
              name: acm-exported-cert
              namespace: apps
            spec:
              refreshInterval: 0s
              secretStoreRef:
                kind: SecretStore
                name: aws-certificate-manager
              target:
                template:
                  type: kubernetes.io/tls
                  engineVersion: v2
                  data:
                    tls.crt: '{{ .cert | filterPEM "CERTIFICATE" }}'
                    tls.key: '{{ .cert | filterPEM "PRIVATE KEY" }}'
              data:
                - secretKey: cert
                  remoteRef:
                    key: %s
            """.formatted(ARN));

    KubernetesMockServer server;
    KubernetesClient client;

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @Test
    void anExportedCertificateIsMirroredIntoATlsSecret() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String key = pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        String cert = pem("CERTIFICATE", "leaf certificate der".getBytes());
        Cluster cluster = new Cluster(server, client);
        try (FakeAws fake = FakeAws.start()) {
            fake.certificates().put(ARN, cert, null, key, Export.ENABLED);
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
                assertThat(cluster.get("acm-exported-cert").getType()).isEqualTo("kubernetes.io/tls");
                assertThat(cluster.data("acm-exported-cert")).isEqualTo(Map.of("tls.crt", cert, "tls.key", key));
                assertThat(fake.calls("ExportCertificate")).isEqualTo(1);
            }
        }
    }
}
