package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * The fake Parameter Store under the fake's common controls: SigV4, deny rules, faults, latency, the request log,
 * fixtures, reset and the standalone server, all through the real SDK {@link SsmClient}.
 */
class ParameterStoreControlsTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static SsmClient single;
    private static SsmClient retrying;

    @BeforeAll
    static void clients() {
        single = Clients.ssmNoRetries(AWS.fake());
        retrying = Clients.ssmThreeQuickAttempts(AWS.fake());
    }

    @AfterAll
    static void close() {
        single.close();
        retrying.close();
    }

    @BeforeEach
    void parameters() {
        AWS.parameters().putString("/app/a", "a1");
        AWS.parameters().putString("/app/a", "a2");
        AWS.parameters().putSecureString("/app/b", "s3cr3t-b");
        AWS.fake().clearRequests();
    }

    // ---- signatures ----

    @Test
    void rejectsAWrongSecretKeyAndAnUnknownAccessKey() {
        try (SsmClient wrongKey = clientWith(AWS.accessKeyId(), "not-the-secret");
                SsmClient nobody = clientWith("AKIANOBODY0000000000", "x")) {
            assertThatThrownBy(() -> wrongKey.getParameter(r -> r.name("/app/a")))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidSignatureException"))
                    .hasMessageContaining("The request signature we calculated does not match");
            assertThatThrownBy(() -> nobody.getParameter(r -> r.name("/app/a")))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UnrecognizedClientException"));
        }
        assertThat(AWS.fake().requests())
                .extracting(RecordedRequest::service, RecordedRequest::errorCode)
                .containsExactly(
                        tuple("ssm", "InvalidSignatureException"), tuple("ssm", "UnrecognizedClientException"));
    }

    @Test
    void rejectsASignatureScopedToSecretsManagerAndAcceptsOneScopedToSsm() throws Exception {
        HttpResponse<String> wrongScope = send(signed("secretsmanager", "{\"Name\":\"/app/a\"}"));
        HttpResponse<String> right = send(signed("ssm", "{\"Name\":\"/app/a\"}"));

        assertThat(wrongScope.statusCode()).isEqualTo(400);
        assertThat(wrongScope.body())
                .contains("InvalidSignatureException")
                .contains("Credential should be scoped to correct service: 'ssm'");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(right.body())
                .contains("\"Value\":\"a2\"")
                .contains("\"Version\":2")
                .containsPattern("\"LastModifiedDate\":\\d+\\.\\d{3}");
    }

    @Test
    void temporaryCredentialsFromTheFakeStsWorkAgainstParameterStore() {
        String role = "arn:aws:iam::123456789012:role/reader";
        AWS.sts().allowAssumeRole(role, RoleTrust.anyone());
        var issued = AWS.stsClient()
                .assumeRole(r -> r.roleArn(role).roleSessionName("reader-session"))
                .credentials();
        try (SsmClient assumed = Clients.ssm(AWS.fake())
                .credentialsProvider(StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                                issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken())))
                .build()) {
            assertThat(assumed.getParameter(r -> r.name("/app/a")).parameter().value())
                    .isEqualTo("a2");
        }
    }

    // ---- deny rules ----

    @Test
    void aDenyRuleOnGetParametersByPathNamesTheParameterArnLikeIam() {
        AWS.fake().deny(DenyRule.operation("GetParametersByPath").forSecretIds("/app"));

        assertThatThrownBy(() -> single.getParametersByPath(r -> r.path("/app").recursive(true)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"))
                .hasMessageContaining("User: arn:aws:iam::123456789012:user/" + AWS.accessKeyId()
                        + " is not authorized to perform: ssm:GetParametersByPath on resource:"
                        + " arn:aws:ssm:us-east-1:123456789012:parameter/app with an explicit deny");
        assertThat(single.getParametersByPath(r -> r.path("/other")).parameters())
                .isEmpty();
        assertThat(single.describeParameters(r -> {}).parameters()).hasSize(2);
    }

    @Test
    void denyingOneNameFailsTheWholeGetParametersCallWhateverItsSelector() {
        AWS.fake().deny(DenyRule.operation("GetParameters").forSecretIds("/app/a"));

        assertThatThrownBy(() -> single.getParameters(r -> r.names("/app/b", "/app/a:1")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
        assertThat(single.getParameters(r -> r.names("/app/b")).parameters()).hasSize(1);
        assertThat(single.getParameter(r -> r.name("/app/a")).parameter().value())
                .isEqualTo("a2");
    }

    @Test
    void aDenyRuleCanTargetOneCaller() {
        AWS.fake().deny(DenyRule.operation("GetParameter").forAccessKeyId("AKIASOMEONEELSE00000"));
        assertThat(single.getParameter(r -> r.name("/app/a")).parameter().value())
                .isEqualTo("a2");

        AWS.fake().deny(DenyRule.operation("GetParameter").forAccessKeyId(AWS.accessKeyId()));
        assertThatThrownBy(() -> single.getParameter(r -> r.name("/app/a")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
    }

    @Test
    void anAccessDeniedFaultAnswersLikeIamOnce() {
        AWS.fake()
                .inject(FaultRule.of(Fault.ACCESS_DENIED)
                        .onOperations("DescribeParameters")
                        .times(1));

        assertThatThrownBy(() -> single.describeParameters(r -> {}))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"))
                .hasMessageContaining("ssm:DescribeParameters on resource: *");
        assertThat(single.describeParameters(r -> {}).parameters()).hasSize(2);
    }

    // ---- faults and latency ----

    @Test
    void throttlingReachesTheCallerAfterTheSdkRetriesAndEveryAttemptIsCounted() {
        AWS.fake().inject(FaultRule.of(Fault.THROTTLING).onOperations("GetParameters"));

        assertThatThrownBy(() -> retrying.getParameters(r -> r.names("/app/a")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ThrottlingException"))
                .hasMessageContaining("Rate exceeded");
        assertThat(AWS.fake().calls("GetParameters")).isEqualTo(3);
    }

    @Test
    void aLimitedInternalErrorClearsAfterItsCountAndUsesSsmsErrorCode() {
        AWS.fake()
                .inject(FaultRule.of(Fault.INTERNAL_ERROR)
                        .onOperations("GetParametersByPath")
                        .times(2));

        assertThat(retrying.getParametersByPath(r -> r.path("/app")).parameters())
                .hasSize(2);
        assertThat(AWS.fake().requests())
                .extracting(RecordedRequest::errorCode)
                .containsExactly("InternalServerError", "InternalServerError", null);
    }

    @Test
    void aParameterScopedFaultMatchesSelectorsAndLeavesOtherParametersAlone() {
        AWS.fake()
                .inject(FaultRule.of(Fault.INTERNAL_ERROR)
                        .forSecretIds("/app/a")
                        .withMessage("disk on fire"));

        assertThatThrownBy(() -> single.getParameter(r -> r.name("/app/a:1")))
                .isInstanceOfSatisfying(
                        SsmException.class, e -> assertThat(e.statusCode()).isEqualTo(500))
                .hasMessageContaining("disk on fire");
        assertThat(single.getParameter(r -> r.name("/app/b")).parameter().name())
                .isEqualTo("/app/b");
    }

    @Test
    void aConnectionResetSurfacesAsAnSdkClientException() {
        AWS.fake().inject(FaultRule.of(Fault.CONNECTION_RESET).onOperations("GetParameter"));

        assertThatThrownBy(() -> retrying.getParameter(r -> r.name("/app/a"))).isInstanceOf(SdkClientException.class);
        assertThat(AWS.fake().calls("GetParameter")).isEqualTo(3);
    }

    @Test
    void latencyIsInjectedPerOperationAndRecorded() {
        AWS.fake().latency("GetParameters", Duration.ofMillis(15));

        single.getParameters(r -> r.names("/app/a"));
        single.getParameter(r -> r.name("/app/a"));

        assertThat(AWS.fake().requests())
                .extracting(RecordedRequest::operation, RecordedRequest::latency)
                .containsExactly(tuple("GetParameters", Duration.ofMillis(15)), tuple("GetParameter", Duration.ZERO));
    }

    // ---- the request log ----

    @Test
    void theRequestLogNamesParametersPathsAndFiltersButNeverValues() {
        single.getParameters(r -> r.names("/app/a", "/app/b").withDecryption(true));
        single.getParametersByPath(r -> r.path("/app")
                .recursive(true)
                .parameterFilters(ParameterStoreOperationsTest.filter("Type", "Equals", "SecureString")));
        single.putParameter(r -> r.name("/app/c").value("v4lue-c").type("SecureString"));

        List<RecordedRequest> log = AWS.fake().requests();

        assertThat(log)
                .extracting(RecordedRequest::service, RecordedRequest::operation, RecordedRequest::resourceIds)
                .containsExactly(
                        tuple("ssm", "GetParameters", List.of("/app/a", "/app/b")),
                        tuple("ssm", "GetParametersByPath", List.of("/app")),
                        tuple("ssm", "PutParameter", List.of("/app/c")));
        assertThat(log.get(1).filters()).containsExactly(new RecordedRequest.Filter("Type", List.of("SecureString")));
        assertThat(log.toString()).doesNotContain("s3cr3t-b").doesNotContain("v4lue-c");
        assertThat(AWS.parameters().toString()).doesNotContain("s3cr3t-b");
    }

    // ---- fixtures, reset, server ----

    private static final String FIXTURE = """
            {"parameters": [
              {"name": "/cfg/url", "value": "jdbc:v1"},
              {"name": "/cfg/url", "value": "jdbc:v2", "labels": ["prod"]},
              {"name": "/cfg/url", "value": "jdbc:v5", "version": 5},
              {"name": "/cfg/hosts", "value": "a,b", "type": "StringList", "tags": {"team": "red"}},
              {"name": "/cfg/password", "value": "pw", "type": "SecureString", "keyId": "alias/cfg",
               "description": "db password"}
             ],
             "inject": {"op": ["GetParameter", "GetParameters"], "error": "oh no"}}
            """;

    @Test
    void aFixtureSeedsVersionsLabelsTagsTypesAndKeysAndInjectsIntoSeveralOperations() {
        try (FakeAws fake = FakeAws.builder().fixtureJson(FIXTURE).start();
                SsmClient ssm = Clients.ssmNoRetries(fake)) {
            assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/cfg/url"))).hasMessageContaining("oh no");
            assertThatThrownBy(() -> ssm.getParameters(r -> r.names("/cfg/url")))
                    .hasMessageContaining("oh no");
            fake.clearFaults();

            assertThat(ssm.getParameter(r -> r.name("/cfg/url")).parameter().version())
                    .isEqualTo(5L);
            assertThat(ssm.getParameter(r -> r.name("/cfg/url:prod"))
                            .parameter()
                            .value())
                    .isEqualTo("jdbc:v2");
            assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/cfg/url:3")))
                    .hasMessageContaining("could not find version 3 of /cfg/url");
            assertThat(fake.parameters().type("/cfg/hosts")).isEqualTo("StringList");
            assertThat(fake.parameters().tags("/cfg/hosts")).containsExactly(Map.entry("team", "red"));
            Parameter password = ssm.getParameter(r -> r.name("/cfg/password").withDecryption(true))
                    .parameter();
            assertThat(password.value()).isEqualTo("pw");
            assertThat(ssm.describeParameters(r -> r.parameterFilters(
                                    ParameterStoreOperationsTest.filter("KeyId", "Equals", "alias/cfg")))
                            .parameters())
                    .singleElement()
                    .satisfies(m -> assertThat(m.description()).isEqualTo("db password"));
        }
    }

    @Test
    void aFixtureWithABadParameterIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> FakeAws.builder()
                        .fixtureJson("{\"parameters\":[{\"name\":\"/ok\",\"value\":\"v\"},{\"name\":\"/no-value\"}]}")
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameters[1]")
                .hasMessageContaining("value is required");
        assertThatThrownBy(() -> FakeAws.builder()
                        .fixtureJson("{\"parameters\":[{\"name\":\"/v\",\"value\":\"a\",\"version\":3},"
                                + "{\"name\":\"/v\",\"value\":\"b\",\"version\":2}]}")
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 2 must be greater than the previous one (3)");
    }

    @Test
    void resetReturnsParametersAndKeysToTheBaseline() {
        try (FakeAws fake = FakeAws.builder().fixtureJson(FIXTURE).start()) {
            fake.parameters().putString("/cfg/url", "changed");
            fake.parameters().putString("/added", "x");
            fake.parameters().disableKmsKey("alias/cfg");

            fake.reset();

            assertThat(fake.parameters().names()).containsExactly("/cfg/url", "/cfg/hosts", "/cfg/password");
            assertThat(fake.parameters().version("/cfg/url")).isEqualTo(5L);
            fake.clearFaults();
            try (SsmClient ssm = Clients.ssmNoRetries(fake)) {
                assertThat(ssm.getParameter(r -> r.name("/cfg/password").withDecryption(true))
                                .parameter()
                                .value())
                        .isEqualTo("pw");
            }
        }
    }

    @Test
    void theStateApiReportsUnknownParametersAsIllegalArguments() {
        assertThatThrownBy(() -> AWS.parameters().version("/nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ParameterNotFound");
        assertThatThrownBy(() -> AWS.parameters().tag("/nope", Map.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AWS.parameters().exists("/app/a")).isTrue();
        assertThat(AWS.parameters().exists("arn:aws:ssm:us-east-1:123456789012:parameter/app/a"))
                .isTrue();
        assertThat(AWS.parameters().arn("/app/a")).isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/app/a");
    }

    @Test
    void theStandaloneServerServesParametersFromAFixture(@TempDir Path dir) throws IOException {
        Path fixture = dir.resolve("fixture.json");
        Files.writeString(
                fixture,
                "{\"parameters\":[{\"name\":\"/cfg/url\",\"value\":\"jdbc:x\"}],"
                        + "\"remote\":[{\"name\":\"db\",\"secretString\":\"s\"}]}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        try (FakeAws fake = FakeAwsServerMain.start(
                        new String[] {"--port", "0", "--fixture", fixture.toString()},
                        new PrintStream(bytes, true, StandardCharsets.UTF_8));
                SsmClient ssm = Clients.ssmNoRetries(fake)) {
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Parameter Store");
            assertThat(ssm.getParameter(r -> r.name("/cfg/url")).parameter().value())
                    .isEqualTo("jdbc:x");
            assertThat(fake.secretsManagerClient()
                            .getSecretValue(r -> r.secretId("db"))
                            .secretString())
                    .isEqualTo("s");
        }
    }

    @Test
    void anExtensionResetBetweenTestsLeavesNoParameterBehind() {
        // @BeforeEach put /app/a and /app/b; a parameter from another test must not be here
        assertThat(AWS.parameters().names()).containsExactly("/app/a", "/app/b");
        assertThatThrownBy(() -> single.getParameter(r -> r.name("/app/c")))
                .isInstanceOf(ParameterNotFoundException.class);
    }

    // ---- helpers ----

    private static SsmClient clientWith(String accessKeyId, String secretKey) {
        return Clients.ssm(AWS.fake())
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretKey)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static String errorCode(Throwable e) {
        assertThat(e).isInstanceOf(SsmException.class);
        return ((SsmException) e).awsErrorDetails().errorCode();
    }

    private static HttpRequest signed(String service, String body) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(AWS.endpoint())
                .putHeader("X-Amz-Target", "AmazonSSM.GetParameter")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .build();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(AWS.accessKeyId(), AWS.secretAccessKey()))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, java.time.Clock.fixed(now, ZoneOffset.UTC)));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(AWS.endpoint() + "/"))
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
