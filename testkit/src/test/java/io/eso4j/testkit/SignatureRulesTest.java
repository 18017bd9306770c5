package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** Which requests the fake refuses to authenticate, and how it says so. */
class SignatureRulesTest {

    private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private FakeAws fake;

    @BeforeEach
    void start() {
        fake = FakeAws.builder().clock(clock).start();
        fake.secrets().createSecret("db", "s3cr3t");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void acceptsTheDefaultPairAndAddedPairs() {
        fake.addCredentials("AKIAOTHERCALLER00000", "other-secret");

        try (SecretsManagerClient other = clientWith("AKIAOTHERCALLER00000", "other-secret")) {
            assertThat(other.getSecretValue(r -> r.secretId("db")).secretString())
                    .isEqualTo("s3cr3t");
        }
        assertThat(fake.requests()).extracting(RecordedRequest::accessKeyId).containsExactly("AKIAOTHERCALLER00000");
    }

    @Test
    void rejectsARequestSignedWithAWrongSecretKey() {
        try (SecretsManagerClient client = clientWith(fake.accessKeyId(), "not-the-secret")) {
            assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("db")))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidSignatureException"))
                    .hasMessageNotContaining("not-the-secret");
        }
    }

    @Test
    void rejectsAnUnknownAccessKeyId() {
        try (SecretsManagerClient client = clientWith("AKIANOBODY0000000000", "x")) {
            assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("db")))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UnrecognizedClientException"))
                    .hasMessageContaining("The security token included in the request is invalid.");
        }
    }

    @Test
    void rejectsASignatureOlderThanFifteenMinutes() {
        clock.advance(Duration.ofMinutes(16));

        try (SecretsManagerClient client = clientWith(fake.accessKeyId(), fake.secretAccessKey())) {
            assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("db")))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidSignatureException"))
                    .hasMessageContaining("Signature expired");
        }
    }

    @Test
    void rejectsCredentialsScopedToAnotherService() throws Exception {
        HttpResponse<String> response = send(signed("sts", fake.secretAccessKey(), "{\"SecretId\":\"db\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidSignatureException").contains("secretsmanager");
    }

    @Test
    void rejectsUnsignedRequests() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(fake.endpoint())
                .header("X-Amz-Target", "secretsmanager.GetSecretValue")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"SecretId\":\"db\"}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("MissingAuthenticationTokenException");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void acceptsAHandSignedRequestAndAnswersWithTheModelShape() throws Exception {
        HttpResponse<String> response = send(signed("secretsmanager", fake.secretAccessKey(), "{\"SecretId\":\"db\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.body())
                .contains("\"SecretString\":\"s3cr3t\"")
                .containsPattern("\"CreatedDate\":\\d+\\.\\d{3}");
    }

    @Test
    void skipsChecksWhenSignatureVerificationIsOff() {
        try (FakeAws lax = FakeAws.builder().verifySignatures(false).start();
                SecretsManagerClient client = lax.secretsManagerClientBuilder()
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAANY", "any")))
                        .build()) {
            lax.secrets().createSecret("db", "x");

            assertThat(client.getSecretValue(r -> r.secretId("db")).secretString())
                    .isEqualTo("x");
        }
    }

    private SecretsManagerClient clientWith(String accessKeyId, String secretKey) {
        return fake.secretsManagerClientBuilder()
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretKey)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static String errorCode(Throwable e) {
        return ((SecretsManagerException) e).awsErrorDetails().errorCode();
    }

    private HttpRequest signed(String service, String secretKey, String body) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(fake.endpoint())
                .putHeader("X-Amz-Target", "secretsmanager.GetSecretValue")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(fake.accessKeyId(), secretKey))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, java.time.Clock.fixed(clock.instant(), ZoneOffset.UTC)));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(fake.endpoint() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        Set<String> restricted = Set.of("host", "content-length", "connection");
        signed.request().headers().forEach((name, values) -> {
            if (!restricted.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
