package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The hand-written SigV4 verifier, cross-checked against the SDK's own signer. */
class SigV4Test {

    private static final String ACCESS_KEY = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SIGNED_AT = Instant.parse("2026-03-01T12:34:56Z");

    @ParameterizedTest(name = "{0} {1}?{2} for {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "POST | / |  | secretsmanager | {\"SecretId\":\"db\"}",
                "POST | / |  | sts | Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr",
                "GET | /some path/with%2Fslash | b=2&a=1&a=0&empty= | secretsmanager | ",
                "POST | /a/b~c | x=%E2%82%AC&y=a+b | sts | body with unicode é",
            })
    void acceptsWhatTheSdkSignerSigns(String method, String path, String query, String service, String body) {
        SignedRequest signed = sdkSign(method, path, query, service, body == null ? "" : body, SECRET_KEY);
        SigV4.SignableRequest request = asReceived(signed, body == null ? "" : body);
        SigV4.Authorization auth = SigV4.parse(request.header("authorization"));

        assertThat(auth).isNotNull();
        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
        assertThat(auth.service()).isEqualTo(service);
        assertThat(auth.region()).isEqualTo("us-east-1");
        assertThat(auth.signedHeaders()).contains("host", "x-amz-date");
        assertThat(SigV4.expectedSignature(SECRET_KEY, auth, request)).isEqualTo(auth.signature());
    }

    @Test
    void rejectsATamperedBody() {
        SignedRequest signed = sdkSign("POST", "/", null, "secretsmanager", "{\"SecretId\":\"db\"}", SECRET_KEY);
        SigV4.SignableRequest tampered = asReceived(signed, "{\"SecretId\":\"other\"}");
        SigV4.Authorization auth = SigV4.parse(tampered.header("authorization"));

        assertThat(SigV4.expectedSignature(SECRET_KEY, auth, tampered)).isNotEqualTo(auth.signature());
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecretKey() {
        SignedRequest signed = sdkSign("POST", "/", null, "secretsmanager", "{}", "not-the-secret-key");
        SigV4.SignableRequest request = asReceived(signed, "{}");
        SigV4.Authorization auth = SigV4.parse(request.header("authorization"));

        assertThat(SigV4.expectedSignature(SECRET_KEY, auth, request)).isNotEqualTo(auth.signature());
    }

    @Test
    void rejectsMalformedAuthorizationHeaders() {
        assertThat(SigV4.parse(null)).isNull();
        assertThat(SigV4.parse("Basic dXNlcjpwYXNz")).isNull();
        assertThat(SigV4.parse("AWS4-HMAC-SHA256 Credential=AKID/20260301/us-east-1/sts, Signature=ab"))
                .isNull();
    }

    private static SignedRequest sdkSign(
            String method, String path, String query, String service, String body, String secretKey) {
        String uri = "http://127.0.0.1:4566" + path.replace(" ", "%20") + (query == null ? "" : "?" + query);
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(uri))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "secretsmanager.GetSecretValue")
                .putHeader("X-Custom", "  spaced    value  ");
        SdkHttpFullRequest request = builder.build();
        return AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(ACCESS_KEY, secretKey))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC)));
    }

    /** What the fake's HTTP server would see: lower-case header names, the raw path and query. */
    private static SigV4.SignableRequest asReceived(SignedRequest signed, String body) {
        SdkHttpRequest request = signed.request();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers()
                .forEach(
                        (name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                .addAll(values));
        headers.putIfAbsent("host", List.of("127.0.0.1:4566"));
        URI uri = request.getUri();
        return new SigV4.SignableRequest(
                request.method().name(),
                uri.getRawPath(),
                uri.getRawQuery(),
                headers,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
