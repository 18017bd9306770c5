package io.eso4j.provider.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.provider.aws.FetchResult;
import io.eso4j.provider.aws.SecretValue;
import io.eso4j.provider.aws.SecretVersionRef;
import io.eso4j.testkit.DenyRule;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.FakeCertificateManager.Export;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.acm.AcmClient;

/**
 * ESO's {@code GetSecret} tests ({@code providers/v1/aws/certificatemanager/certificatemanager_test.go}) against the
 * testkit's fake ACM through the real SDK client: the bundle, export refused before the paid call, the export cache
 * by fingerprint, and errors that name the ARN but never the key.
 */
class CertificateManagerProviderTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final String CERT = pem("CERTIFICATE", "leaf certificate der");
    private static final String CHAIN = pem("CERTIFICATE", "intermediate der") + pem("CERTIFICATE", "root der");

    private final AcmClient client = AcmClient.builder()
            .endpointOverride(AWS.endpoint())
            .region(AWS.fake().region())
            .credentialsProvider(AWS.fake().credentialsProvider())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
            .build();
    private final CertificateManagerProvider provider = new CertificateManagerProvider(client);

    @AfterEach
    void close() {
        client.close();
    }

    private static String pem(String type, String content) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(content.getBytes()) + "\n-----END "
                + type + "-----\n";
    }

    private static String privateKeyPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    }

    private SecretValue read(String arn) {
        SecretVersionRef ref = SecretVersionRef.current(arn);
        return provider.getValues(List.of(ref)).get(ref);
    }

    /** TestGetSecret_ReturnsConcatenatedBundle: certificate, chain, decrypted key, trimmed, joined by "\n". */
    @Test
    void returnsCertificateChainAndDecryptedKeyAsOneBundle() throws Exception {
        String key = privateKeyPem();
        String arn = AWS.fake().certificates().importCertificate(CERT, CHAIN, key, Export.ENABLED);

        SecretValue value = read(arn);

        assertThat(value.string()).isEqualTo(CERT.strip() + "\n" + CHAIN.strip() + "\n" + key);
        assertThat(value.string()).doesNotContain("ENCRYPTED");
        assertThat(value.versionId()).isEqualTo(CertificateManagerProvider.fingerprint(CERT, CHAIN));
        assertThat(value.toString()).doesNotContain("PRIVATE");
    }

    /** TestGetSecret_CertOnly: no chain and no key in the export, the certificate alone. */
    @Test
    void aCertificateAloneIsItsPemWithOneLineBreak() {
        String arn = AWS.fake().certificates().importCertificate(CERT + "\r\n\n", null, null, Export.ENABLED);

        assertThat(read(arn).string()).isEqualTo(CERT.strip() + "\n");
    }

    /** TestGetSecret_NotExportable / _NilOptions: refused before ExportCertificate is called. */
    @Test
    void aCertificateWithoutExportEnabledIsRefusedBeforeTheExport() {
        String disabled = AWS.fake().certificates().importCertificate(CERT, null, null, Export.DISABLED);
        String noOptions = AWS.fake().certificates().importCertificate(CERT, null, null, Export.NO_OPTIONS);

        for (String arn : List.of(disabled, noOptions)) {
            assertThatThrownBy(() -> read(arn))
                    .isInstanceOf(SecretsException.class)
                    .hasMessage("certificate " + arn + " is not exportable (Options.Export is not ENABLED)");
        }
        assertThat(AWS.fake().calls("ExportCertificate")).isZero();
    }

    /** TestGetSecret_CacheHit and _CacheMissOnFingerprintChange. */
    @Test
    void anUnchangedCertificateIsNotExportedAgainAndARenewedOneIs() throws Exception {
        String key = privateKeyPem();
        String arn = AWS.fake().certificates().importCertificate(CERT, CHAIN, key, Export.ENABLED);
        SecretValue first = read(arn);

        SecretValue again = read(arn);
        assertThat(again).isEqualTo(first);
        assertThat(AWS.fake().calls("ExportCertificate")).isEqualTo(1);
        assertThat(AWS.fake().calls("GetCertificate")).isEqualTo(2);

        String renewed = pem("CERTIFICATE", "renewed leaf der");
        AWS.fake().certificates().put(arn, renewed, CHAIN, key, Export.ENABLED);
        SecretValue after = read(arn);

        assertThat(AWS.fake().calls("ExportCertificate")).isEqualTo(2);
        assertThat(after.versionId()).isNotEqualTo(first.versionId());
        assertThat(after.string()).startsWith(renewed.strip() + "\n");
    }

    @Test
    void aMissingCertificateIsNotFoundWithEsosContext() {
        String arn = "arn:aws:acm:" + AWS.fake().region() + ":" + AWS.fake().accountId() + ":certificate/none";

        FetchResult result = provider.getValues(List.of(SecretVersionRef.current(arn)));

        assertThat(result.failure(SecretVersionRef.current(arn)))
                .get()
                .isInstanceOf(SecretNotFoundException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("failed to get certificate " + arn + ": "));
    }

    @Test
    void aDeniedExportIsTerminalAndNamesTheCertificateNotTheKey() throws Exception {
        String key = privateKeyPem();
        String arn = AWS.fake().certificates().importCertificate(CERT, null, key, Export.ENABLED);
        AWS.fake().deny(DenyRule.operation("ExportCertificate"));

        assertThatThrownBy(() -> read(arn))
                .isInstanceOf(SecretAccessDeniedException.class)
                .hasMessageStartingWith("failed to export certificate " + arn + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.substring(30, 60)));
    }

    /** ESO ignores remoteRef.version for ACM: every spelling of an ARN is read once. */
    @Test
    void aVersionIsIgnoredAndTheRefReadOnce() {
        String arn = AWS.fake().certificates().importCertificate(CERT, null, null, Export.ENABLED);

        FetchResult result =
                provider.getValues(List.of(SecretVersionRef.current(arn), new SecretVersionRef(arn, "AWSPREVIOUS")));

        assertThat(result.values()).containsOnlyKeys(SecretVersionRef.current(arn));
        assertThat(AWS.fake().calls("GetCertificate")).isEqualTo(1);
    }

    @Test
    void anExportedKeyOfAnotherPemTypeIsRefusedNamingTheType() {
        assertThatThrownBy(() -> CertificateManagerProvider.decrypt(pem("RSA PRIVATE KEY", "x"), "p".toCharArray()))
                .hasMessage("failed to decrypt exported private key: unexpected PEM type: RSA PRIVATE KEY");
        assertThatThrownBy(() -> CertificateManagerProvider.decrypt("garbage", "p".toCharArray()))
                .hasMessage("failed to decrypt exported private key: failed to decode PEM block");
    }
}
