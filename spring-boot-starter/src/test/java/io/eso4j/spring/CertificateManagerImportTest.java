package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.FakeCertificateManager.Export;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A {@code service: CertificateManager} store in {@code eso:} manifests: the exported certificate and its decrypted
 * key become properties through ESO's {@code filterPEM} template, and {@code dataFrom.extract}, which ESO's ACM
 * provider does not implement, fails the start with ESO's text. Real SDK to the testkit's fake ACM.
 */
class CertificateManagerImportTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final String ARN = "arn:aws:acm:us-east-1:123456789012:certificate/starter-1";

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @Test
    void theExportedCertificateAndKeyArePropertiesThroughFilterPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String key = pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        String cert = pem("CERTIFICATE", "leaf certificate der".getBytes());
        AWS.fake().certificates().put(ARN, cert, null, key, Export.ENABLED);

        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:classpath:eso/certificatemanager.yaml")) {
            Environment env = context.getEnvironment();
            assertThat(env.getProperty("tls-crt")).isEqualTo(cert);
            assertThat(env.getProperty("tls-key")).isEqualTo(key);
            assertThat(env.getProperty("cert")).isNull();
            assertThat(AWS.fake().calls("ExportCertificate")).isEqualTo(1);
        }
    }

    @Test
    void extractFromACertificateManagerStoreFailsTheStartWithEsosText() {
        AWS.fake().certificates().put(ARN, pem("CERTIFICATE", "der".getBytes()), null, null, Export.ENABLED);

        assertThatThrownBy(() -> start("--spring.config.import=eso:classpath:eso/certificatemanager-extract.yaml"))
                .hasStackTraceContaining("error processing spec.dataFrom[0].extract, err: "
                        + "operation not supported by AWS Certificate Manager provider");
        assertThat(AWS.fake().totalCalls()).isZero();
    }

    private static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--eso4j.endpoint=" + AWS.endpoint(),
                "--eso4j.secret-keys.[aws-creds/id]=" + AWS.fake().accessKeyId(),
                "--eso4j.secret-keys.[aws-creds/secret]=" + AWS.fake().secretAccessKey(),
                "--spring.main.banner-mode=off"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(TestApp.class)
                .web(WebApplicationType.NONE)
                .run(all.toArray(String[]::new));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApp {}
}
