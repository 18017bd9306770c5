package io.eso4j.provider.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.SecretsException;
import io.eso4j.provider.aws.SecretVersionRef;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.FakeCertificateManager.Export;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.acm.AcmClient;

/**
 * {@code conformance/certificatemanager-vectors.json} (ESO's {@code GetSecret} tests of
 * {@code providers/v1/aws/certificatemanager/certificatemanager_test.go}) through the real {@code AcmClient} to the
 * testkit's fake ACM.
 */
class CertificateManagerVectorsTest {

    private static final Path VECTORS = Path.of("..", "conformance", "certificatemanager-vectors.json");

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    @TestFactory
    List<DynamicTest> vectors() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : new ObjectMapper().readTree(Files.readString(VECTORS))) {
            tests.add(DynamicTest.dynamicTest(vector.get("id").asText(), () -> run(vector)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(6);
        return tests;
    }

    private static void run(JsonNode vector) {
        AWS.fake().reset();
        for (JsonNode certificate : vector.path("certificates")) {
            AWS.fake()
                    .certificates()
                    .put(
                            certificate.get("arn").asText(),
                            certificate.get("certificate").asText(),
                            certificate.path("chain").asText(null),
                            certificate.path("privateKey").asText(null),
                            Export.valueOf(certificate.get("export").asText()));
        }
        try (AcmClient client = AcmClient.builder()
                .endpointOverride(AWS.endpoint())
                .region(AWS.fake().region())
                .credentialsProvider(AWS.fake().credentialsProvider())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            CertificateManagerProvider provider = new CertificateManagerProvider(client);
            SecretVersionRef ref =
                    SecretVersionRef.current(vector.path("ref").path("key").asText());
            JsonNode expect = vector.get("expect");
            int reads = vector.path("reads").asInt(1);
            if (expect.has("error")) {
                assertThatThrownBy(() -> provider.getValues(List.of(ref)).get(ref))
                        .isInstanceOf(SecretsException.class)
                        .hasMessageContaining(expect.get("error").asText());
            } else {
                String value = null;
                for (int i = 0; i < reads; i++) {
                    value = provider.getValues(List.of(ref)).get(ref).string();
                }
                if (expect.has("value")) {
                    assertThat(value).isEqualTo(expect.get("value").asText());
                }
                for (JsonNode text : expect.path("contains")) {
                    assertThat(value).contains(text.asText());
                }
                for (JsonNode text : expect.path("notContains")) {
                    assertThat(value).doesNotContain(text.asText());
                }
            }
            vector.path("expectApiCalls")
                    .properties()
                    .forEach(e -> assertThat(AWS.fake().calls(e.getKey()))
                            .as(e.getKey())
                            .isEqualTo(e.getValue().asInt()));
        }
    }
}
