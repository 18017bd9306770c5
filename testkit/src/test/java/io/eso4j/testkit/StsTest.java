package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.ExpiredTokenException;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;
import software.amazon.awssdk.services.sts.model.StsException;

/** The fake STS through the real StsClient, and the credentials it issues used against Secrets Manager. */
class StsTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/app-reader";

    private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private FakeAws fake;
    private StsClient sts;
    private StsClient anonymousSts;

    @BeforeEach
    void start() {
        fake = FakeAws.builder().clock(clock).start();
        fake.secrets().createSecret("db", "s3cr3t");
        sts = Clients.stsNoRetries(fake);
        anonymousSts = fake.stsClientBuilder()
                .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void stop() {
        sts.close();
        anonymousSts.close();
        fake.close();
    }

    @Test
    void exchangesARegisteredWebIdentityTokenForWorkingCredentials() {
        fake.sts().registerWebIdentityToken("k8s-token", ROLE);

        AssumeRoleWithWebIdentityResponse response = anonymousSts.assumeRoleWithWebIdentity(
                r -> r.roleArn(ROLE).roleSessionName("pod-1").webIdentityToken("k8s-token"));

        Credentials credentials = response.credentials();
        assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(credentials.expiration()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(response.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/app-reader/pod-1");
        assertThat(fake.sts().sessions()).singleElement().satisfies(s -> {
            assertThat(s.operation()).isEqualTo("AssumeRoleWithWebIdentity");
            assertThat(s.roleArn()).isEqualTo(ROLE);
            assertThat(s.accessKeyId()).isEqualTo(credentials.accessKeyId());
        });
        try (SecretsManagerClient client = clientWith(credentials)) {
            assertThat(client.getSecretValue(r -> r.secretId("db")).secretString())
                    .isEqualTo("s3cr3t");
        }
        assertThat(fake.requests().get(fake.requests().size() - 1).accessKeyId())
                .isEqualTo(credentials.accessKeyId());
    }

    @Test
    void honoursDurationSecondsAndItsBounds() {
        fake.sts().registerWebIdentityToken("t", ROLE);

        assertThat(anonymousSts
                        .assumeRoleWithWebIdentity(r -> r.roleArn(ROLE)
                                .roleSessionName("s1")
                                .webIdentityToken("t")
                                .durationSeconds(900))
                        .credentials()
                        .expiration())
                .isEqualTo(clock.instant().plusSeconds(900));
        assertThatThrownBy(() -> anonymousSts.assumeRoleWithWebIdentity(r -> r.roleArn(ROLE)
                        .roleSessionName("s1")
                        .webIdentityToken("t")
                        .durationSeconds(899)))
                .isInstanceOf(StsException.class)
                .satisfies(e -> assertThat(((StsException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationError"));
    }

    @Test
    void rejectsAnUnknownWebIdentityToken() {
        fake.sts().registerWebIdentityToken("good", ROLE);

        assertThatThrownBy(() -> anonymousSts.assumeRoleWithWebIdentity(
                        r -> r.roleArn(ROLE).roleSessionName("pod").webIdentityToken("wrong")))
                .isInstanceOf(InvalidIdentityTokenException.class)
                .hasMessageNotContaining("wrong");
    }

    @Test
    void rejectsAnExpiredWebIdentityToken() {
        fake.sts().registerWebIdentityToken("short-lived", clock.instant().plusSeconds(60), ROLE);
        clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> anonymousSts.assumeRoleWithWebIdentity(
                        r -> r.roleArn(ROLE).roleSessionName("pod").webIdentityToken("short-lived")))
                .isInstanceOf(ExpiredTokenException.class);
    }

    @Test
    void deniesARoleTheTokenWasNotRegisteredFor() {
        fake.sts().registerWebIdentityToken("t", ROLE);

        assertThatThrownBy(() ->
                        anonymousSts.assumeRoleWithWebIdentity(r -> r.roleArn("arn:aws:iam::123456789012:role/admin")
                                .roleSessionName("pod")
                                .webIdentityToken("t")))
                .isInstanceOf(StsException.class)
                .satisfies(e -> {
                    assertThat(((StsException) e).statusCode()).isEqualTo(403);
                    assertThat(((StsException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
    }

    @Test
    void getSessionTokenIssuesWorkingCredentialsForTheCallerButNotFromASession() {
        software.amazon.awssdk.services.sts.model.GetSessionTokenResponse response =
                sts.getSessionToken(r -> r.durationSeconds(900));

        StsSession session = fake.sts().sessions().get(0);
        assertThat(session.operation()).isEqualTo("GetSessionToken");
        assertThat(session.callerAccessKeyId()).isEqualTo(fake.accessKeyId());
        assertThat(session.durationSeconds()).isEqualTo(900);
        assertThat(response.credentials().accessKeyId())
                .isEqualTo(session.accessKeyId())
                .startsWith("ASIA");
        try (SecretsManagerClient client = clientWith(response.credentials())) {
            assertThat(client.getSecretValue(r -> r.secretId("db")).secretString())
                    .isEqualTo("s3cr3t");
        }
        assertThat(sts.getSessionToken(r -> {}).credentials().expiration())
                .isEqualTo(clock.instant().plusSeconds(43200).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThatThrownBy(() -> sts.getSessionToken(r -> r.durationSeconds(129601)))
                .hasMessageContaining("less than or equal to 129600");
        try (StsClient fromSession = fake.stsClientBuilder()
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                                response.credentials().accessKeyId(),
                                response.credentials().secretAccessKey(),
                                response.credentials().sessionToken())))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            assertThatThrownBy(() -> fromSession.getSessionToken(r -> {}))
                    .hasMessageContaining("Cannot call GetSessionToken with session credentials");
        }
    }

    @Test
    void assumesARoleWithExternalIdAndRecordsSessionTags() {
        fake.sts().allowAssumeRole(ROLE, RoleTrust.callers(fake.accessKeyId()).withExternalId("ext-42"));

        AssumeRoleResponse response = sts.assumeRole(r -> r.roleArn(ROLE)
                .roleSessionName("eso4j")
                .externalId("ext-42")
                .tags(
                        software.amazon.awssdk.services.sts.model.Tag.builder()
                                .key("team")
                                .value("payments")
                                .build(),
                        software.amazon.awssdk.services.sts.model.Tag.builder()
                                .key("env")
                                .value("prod")
                                .build())
                .transitiveTagKeys("team"));

        StsSession session = fake.sts().sessions().get(0);
        assertThat(session.operation()).isEqualTo("AssumeRole");
        assertThat(session.callerAccessKeyId()).isEqualTo(fake.accessKeyId());
        assertThat(session.externalId()).isEqualTo("ext-42");
        assertThat(session.tags()).containsExactly(Map.entry("team", "payments"), Map.entry("env", "prod"));
        assertThat(session.transitiveTagKeys()).isEqualTo(List.of("team"));
        try (SecretsManagerClient client = clientWith(response.credentials())) {
            assertThat(client.getSecretValue(r -> r.secretId("db")).secretString())
                    .isEqualTo("s3cr3t");
        }
    }

    @Test
    void deniesAssumeRoleWithoutTheRightExternalIdOrTrust() {
        fake.sts().allowAssumeRole(ROLE, RoleTrust.anyone().withExternalId("ext-42"));
        fake.sts().allowAssumeRole("arn:aws:iam::123456789012:role/other", RoleTrust.callers("AKIASOMEONEELSE0000"));

        assertThatThrownBy(() -> sts.assumeRole(
                        r -> r.roleArn(ROLE).roleSessionName("s1").externalId("nope")))
                .isInstanceOf(StsException.class)
                .hasMessageContaining("not authorized to perform: sts:AssumeRole");
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s1")))
                .satisfies(StsTest::isAccessDenied);
        assertThatThrownBy(() -> sts.assumeRole(
                        r -> r.roleArn("arn:aws:iam::123456789012:role/other").roleSessionName("s1")))
                .satisfies(StsTest::isAccessDenied);
        assertThatThrownBy(() -> sts.assumeRole(r ->
                        r.roleArn("arn:aws:iam::123456789012:role/unregistered").roleSessionName("s1")))
                .satisfies(StsTest::isAccessDenied);
        assertThat(fake.sts().sessions()).isEmpty();
    }

    @Test
    void rejectsAnAssumeRoleSignedWithUnknownKeys() {
        try (StsClient stranger = fake.stsClientBuilder()
                .credentialsProvider(StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                "AKIAUNKNOWN000000000", "whatever")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            fake.sts().allowAssumeRole(ROLE);

            assertThatThrownBy(() -> stranger.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s1")))
                    .isInstanceOf(StsException.class)
                    .satisfies(e -> {
                        assertThat(((StsException) e).statusCode()).isEqualTo(403);
                        assertThat(((StsException) e).awsErrorDetails().errorCode())
                                .isEqualTo("InvalidClientTokenId");
                    });
        }
    }

    @Test
    void rejectsIssuedCredentialsOnceTheyExpire() {
        fake.sts().registerWebIdentityToken("t", ROLE);
        Credentials credentials = anonymousSts
                .assumeRoleWithWebIdentity(r -> r.roleArn(ROLE)
                        .roleSessionName("pod")
                        .webIdentityToken("t")
                        .durationSeconds(900))
                .credentials();
        clock.advance(Duration.ofSeconds(901));

        try (SecretsManagerClient client = clientWith(credentials)) {
            assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("db")))
                    .isInstanceOf(SecretsManagerException.class)
                    .satisfies(e -> assertThat(((SecretsManagerException) e)
                                    .awsErrorDetails()
                                    .errorCode())
                            .isEqualTo("ExpiredTokenException"));
        }
    }

    @Test
    void rejectsIssuedKeysUsedWithoutOrWithAWrongSessionToken() {
        fake.sts().registerWebIdentityToken("t", ROLE);
        Credentials credentials = anonymousSts
                .assumeRoleWithWebIdentity(
                        r -> r.roleArn(ROLE).roleSessionName("pod").webIdentityToken("t"))
                .credentials();

        for (AwsSessionCredentials wrong : List.of(
                AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), "forged"))) {
            try (SecretsManagerClient client = clientWith(wrong)) {
                assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("db")))
                        .satisfies(e -> assertThat(((SecretsManagerException) e)
                                        .awsErrorDetails()
                                        .errorCode())
                                .isEqualTo("UnrecognizedClientException"));
            }
        }
        try (SecretsManagerClient client = fake.secretsManagerClientBuilder()
                .credentialsProvider(StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                credentials.accessKeyId(), credentials.secretAccessKey())))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("db")))
                    .satisfies(e -> assertThat(((SecretsManagerException) e)
                                    .awsErrorDetails()
                                    .errorCode())
                            .isEqualTo("UnrecognizedClientException"));
        }
    }

    @Test
    void reportsTheCallerIdentity() {
        assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::123456789012:user/" + fake.accessKeyId());
        assertThat(sts.getCallerIdentity().account()).isEqualTo("123456789012");
    }

    private static void isAccessDenied(Throwable e) {
        assertThat(e).isInstanceOf(StsException.class);
        assertThat(((StsException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }

    private SecretsManagerClient clientWith(Credentials credentials) {
        return clientWith(AwsSessionCredentials.create(
                credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
    }

    private SecretsManagerClient clientWith(AwsSessionCredentials credentials) {
        return fake.secretsManagerClientBuilder()
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
