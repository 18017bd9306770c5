package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStore;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.FakeCertificateManager.Export;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.acm.AcmClient;

/**
 * A {@code service: CertificateManager} store through {@link ExternalSecrets} against the testkit's fake ACM: what
 * ESO's provider does not implement fails with its text before any ACM call, and a caller's own {@link AcmClient}
 * is the one used.
 */
class CertificateManagerStoreTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final ExternalSecretId ID = ExternalSecretId.of("", "es");

    /** ESO's errNotImplemented, providers/v1/aws/certificatemanager/certificatemanager.go. */
    private static final String NOT_SUPPORTED = "operation not supported by AWS Certificate Manager provider";

    private static final String CERT = "-----BEGIN CERTIFICATE-----\n"
            + Base64.getEncoder().encodeToString("leaf der".getBytes()) + "\n-----END CERTIFICATE-----\n";

    private static Manifests manifests(String dataFrom) {
        return Manifests.parse("acm.yaml", """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: acm}
                spec: {provider: {aws: {service: CertificateManager, region: us-east-1}}}
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: es}
                spec:
                  refreshInterval: 0s
                  secretStoreRef: {name: acm, kind: SecretStore}
                """ + dataFrom);
    }

    private static SecretsException failureOf(Manifests manifests) {
        try (ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(manifests)
                .endpointOverride(AWS.fake().endpoint())
                .credentialsProvider(AWS.fake().credentialsProvider())
                .failOnError(false)
                .build()) {
            return secrets.failure(ID).orElseThrow();
        }
    }

    /** ESO's GetSecretMap returns errNotImplemented: the certificate is neither read nor exported. */
    @Test
    void extractFailsWithEsosNotSupportedTextWithoutCallingAcm() {
        String arn = AWS.fake().certificates().importCertificate(CERT, null, null, Export.ENABLED);

        SecretsException failure = failureOf(manifests("  dataFrom:\n    - extract: {key: " + arn + "}\n"));

        assertThat(failure)
                .hasMessageEndingWith("error processing spec.dataFrom[0].extract, err: " + NOT_SUPPORTED)
                .isNotInstanceOf(SecretNotFoundException.class);
        assertThat(AWS.fake().totalCalls()).isZero();
    }

    /** The same with metadataPolicy Fetch: ESO calls GetSecretMap for it too. */
    @Test
    void extractOfTagsFailsTheSameWay() {
        String arn = AWS.fake().certificates().importCertificate(CERT, null, null, Export.ENABLED);

        SecretsException failure =
                failureOf(manifests("  dataFrom:\n    - extract: {key: " + arn + ", metadataPolicy: Fetch}\n"));

        assertThat(failure).hasMessageEndingWith("error processing spec.dataFrom[0].extract, err: " + NOT_SUPPORTED);
        assertThat(AWS.fake().totalCalls()).isZero();
    }

    /** ESO's GetAllSecrets returns errNotImplemented. */
    @Test
    void findFailsWithEsosNotSupportedText() {
        AWS.fake().certificates().importCertificate(CERT, null, null, Export.ENABLED);

        SecretsException failure = failureOf(manifests("  dataFrom:\n    - find: {name: {regexp: \".*\"}}\n"));

        assertThat(failure)
                .hasMessageEndingWith(
                        "error processing spec.dataFrom[0].find, err: error getting all secrets: " + NOT_SUPPORTED);
        assertThat(AWS.fake().totalCalls()).isZero();
    }

    /**
     * ESO's ACM GetSecret reads only ref.Key (providers/v1/aws/certificatemanager/certificatemanager.go): a
     * {@code property} or {@code metadataPolicy: Fetch} on a data[] entry still gives the PEM bundle, exported once.
     */
    @Test
    void propertyAndMetadataPolicyOnDataAreIgnoredAsInEso() {
        String arn = AWS.fake().certificates().importCertificate(CERT, null, null, Export.ENABLED);
        try (ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(manifests("  data:\n"
                        + "    - secretKey: plain\n      remoteRef: {key: " + arn + "}\n"
                        + "    - secretKey: property\n      remoteRef: {key: " + arn + ", property: tls.crt}\n"
                        + "    - secretKey: tags\n      remoteRef: {key: " + arn + ", metadataPolicy: Fetch}\n"))
                .endpointOverride(AWS.fake().endpoint())
                .credentialsProvider(AWS.fake().credentialsProvider())
                .build()) {
            ResolvedSecret secret = secrets.get("es");
            String bundle = secret.string("plain").orElseThrow();
            assertThat(bundle).contains(CERT.strip() + "\n");
            assertThat(secret.string("property")).contains(bundle);
            assertThat(secret.string("tags")).contains(bundle);
        }
        assertThat(AWS.fake().calls("ExportCertificate")).isEqualTo(1);
    }

    /** A caller's AcmClient (endpoint and credentials its own) serves the store; eso4j builds none. */
    @Test
    void aCallersOwnAcmClientIsUsedForTheStore() {
        String arn = AWS.fake().certificates().importCertificate(CERT, null, null, Export.ENABLED);
        List<String> asked = new ArrayList<>();
        try (AcmClient acm = AcmClient.builder()
                .endpointOverride(AWS.endpoint())
                .region(AWS.fake().region())
                .credentialsProvider(AWS.fake().credentialsProvider())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            // no endpoint override and no credentials on the builder: a client eso4j built could not reach the fake
            try (ExternalSecrets secrets = ExternalSecrets.builder()
                    .manifests(manifests("  data:\n    - secretKey: tls.crt\n      remoteRef: {key: " + arn + "}\n"))
                    .awsClients(AwsClients.certificateManager((SecretStore store) -> {
                        asked.add(store.name());
                        return acm;
                    }))
                    .build()) {
                assertThat(secrets.get("es").string("tls.crt")).contains(CERT.strip() + "\n");
            }
        }
        assertThat(asked).containsExactly("acm");
        assertThat(AWS.fake().calls("ExportCertificate")).isEqualTo(1);
    }
}
