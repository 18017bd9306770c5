package io.eso4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.AwsAuthSpec;
import io.eso4j.spec.AwsProvider;
import io.eso4j.spec.SecretKeySelector;
import io.eso4j.spec.SecretStore;
import io.eso4j.spec.ServiceAccountSelector;
import io.eso4j.spec.StoreKind;
import io.eso4j.spec.Tag;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.MutableClock;
import io.eso4j.testkit.RecordedRequest;
import io.eso4j.testkit.RoleTrust;
import io.eso4j.testkit.StsSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Each auth mode against the testkit's fake AWS with real SDK clients and signature checking on: the fake accepts a
 * Secrets Manager call only when it is signed with credentials it issued or knows and that have not expired on its
 * clock, so a green call proves the right credentials were used.
 *
 * <p><b>Expiry without sleeping.</b> The SDK's STS providers cache with the system clock, which a test cannot move.
 * The fake's clock can: {@link MutableClock#systemPlus} runs it 14.5 minutes behind the system clock (inside the fake's
 * 15-minute signature window), so a 900-second session the fake issues expires 30 seconds after it is fetched, as
 * the SDK sees it. With a prefetch time of one minute and a stale time of zero, such credentials are fresh when
 * fetched (the SDK does not fall back to its one-second stale extension) but already inside the prefetch window,
 * so the SDK refreshes them on the calling thread before their next use. Moving the fake's clock 15 minutes on
 * then makes every session issued so far expired for the fake, and the next call must still succeed.
 */
class StoreCredentialsSigningTest {

    private static final String REGION = "us-east-1";
    private static final String STATIC_KEY_ID = "AKIASTOREKEY00000001";
    private static final String STATIC_SECRET = "sentinel-static-secret-0001";
    private static final String ROLE_A = "arn:aws:iam::123456789012:role/hop-a";
    private static final String ROLE_B = "arn:aws:iam::123456789012:role/target";
    private static final String IRSA_ROLE = "arn:aws:iam::123456789012:role/irsa";

    private FakeAws fake;
    private AwsAuth auth;
    private SecretsManagerClient client;

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (auth != null) {
            auth.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void staticKeysFromTheSecretRefSignSecretsManagerCalls() {
        start(Duration.ZERO);
        fake.addCredentials(STATIC_KEY_ID, STATIC_SECRET);

        auth = StoreCredentials.forStore(
                store("", List.of(), secretRefAuth()),
                "team-a",
                keys(),
                options().build());
        read();

        assertThat(lastSecretsManagerCall().accessKeyId()).isEqualTo(STATIC_KEY_ID);
        assertThat(fake.sts().sessions()).isEmpty();
    }

    @Test
    void wrongStaticKeysAreRejectedBySignatureChecking() {
        start(Duration.ZERO);
        fake.addCredentials(STATIC_KEY_ID, "some-other-secret");

        auth = StoreCredentials.forStore(
                store("", List.of(), secretRefAuth()),
                "team-a",
                keys(),
                options().build());

        assertThatThrownBy(this::read).isInstanceOf(AwsServiceException.class);
    }

    @Test
    void irsaExchangesTheTokenFileForTheRoleAndSignsWithTheIssuedSession() throws IOException {
        start(Duration.ZERO);
        Path token = writeToken("irsa-token-one");
        fake.sts().registerWebIdentityToken("irsa-token-one", IRSA_ROLE);

        auth = StoreCredentials.forStore(store("", List.of(), jwtAuth()), "team-a", keys(), irsaOptions(token));
        read();

        List<StsSession> sessions = fake.sts().sessions();
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).operation()).isEqualTo("AssumeRoleWithWebIdentity");
        assertThat(sessions.get(0).roleArn()).isEqualTo(IRSA_ROLE);
        assertThat(sessions.get(0).roleSessionName()).isEqualTo("eso4j-test");
        assertThat(lastSecretsManagerCall().accessKeyId())
                .isEqualTo(sessions.get(0).accessKeyId());
    }

    @Test
    void irsaRereadsTheTokenFileOnTheNextStsCall() throws IOException {
        start(Duration.ofMinutes(-14).minusSeconds(30));
        Path token = writeToken("irsa-token-one");
        fake.sts().registerWebIdentityToken("irsa-token-one", IRSA_ROLE);
        auth = StoreCredentials.forStore(
                store("", List.of(), jwtAuth()), "team-a", keys(), shortSessions(irsaOptions(token).toBuilder()));
        read();

        Files.writeString(token, "irsa-token-two\n");
        fake.sts().registerWebIdentityToken("irsa-token-one", fake.clock().instant(), IRSA_ROLE);
        fake.sts().registerWebIdentityToken("irsa-token-two", IRSA_ROLE);
        read();

        assertThat(fake.calls("AssumeRoleWithWebIdentity")).isEqualTo(2);
        assertThat(fake.sts().sessions())
                .as("sessions issued (the old token is refused)")
                .hasSize(2);
        assertThat(lastSecretsManagerCall().accessKeyId())
                .isEqualTo(fake.sts().sessions().get(1).accessKeyId());
    }

    @Test
    void aTwoHopChainAssumesAdditionalRolesPlainlyThenTheRoleWithExternalIdAndTags() {
        start(Duration.ZERO);
        fake.addCredentials(STATIC_KEY_ID, STATIC_SECRET);
        fake.sts().allowAssumeRole(ROLE_A, RoleTrust.callers(STATIC_KEY_ID));
        fake.sts().allowAssumeRole(ROLE_B, RoleTrust.anyone().withExternalId("sentinel-external-id"));

        auth = StoreCredentials.forStore(
                chainStore(), "team-a", keys(), options().build());
        read();

        List<StsSession> sessions = fake.sts().sessions();
        assertThat(sessions).hasSize(2);
        StsSession first = sessions.get(0);
        assertThat(first.operation()).isEqualTo("AssumeRole");
        assertThat(first.roleArn()).isEqualTo(ROLE_A);
        assertThat(first.callerAccessKeyId()).isEqualTo(STATIC_KEY_ID);
        assertThat(first.externalId()).isNull();
        assertThat(first.tags()).isEmpty();
        assertThat(first.transitiveTagKeys()).isEmpty();
        StsSession second = sessions.get(1);
        assertThat(second.roleArn()).isEqualTo(ROLE_B);
        assertThat(second.callerAccessKeyId()).isEqualTo(first.accessKeyId());
        assertThat(second.externalId()).isEqualTo("sentinel-external-id");
        assertThat(second.tags()).containsExactly(Map.entry("team", "payments"), Map.entry("env", "prod"));
        assertThat(second.transitiveTagKeys()).containsExactly("team");
        assertThat(lastSecretsManagerCall().accessKeyId()).isEqualTo(second.accessKeyId());
    }

    @Test
    void aRoleIsAssumedWithTheWebIdentitySession() throws IOException {
        start(Duration.ZERO);
        Path token = writeToken("irsa-token-one");
        fake.sts().registerWebIdentityToken("irsa-token-one", IRSA_ROLE);
        fake.sts().allowAssumeRole(ROLE_B);

        auth = StoreCredentials.forStore(store(ROLE_B, List.of(), jwtAuth()), "team-a", keys(), irsaOptions(token));
        read();

        List<StsSession> sessions = fake.sts().sessions();
        assertThat(sessions)
                .extracting(StsSession::operation)
                .containsExactly("AssumeRoleWithWebIdentity", "AssumeRole");
        assertThat(sessions.get(1).callerAccessKeyId())
                .isEqualTo(sessions.get(0).accessKeyId());
        assertThat(lastSecretsManagerCall().accessKeyId())
                .isEqualTo(sessions.get(1).accessKeyId());
    }

    @Test
    void oneAssumeRolePerCredentialLifetimeAcrossManySecretsManagerCalls() {
        start(Duration.ZERO);
        fake.addCredentials(STATIC_KEY_ID, STATIC_SECRET);
        fake.sts().allowAssumeRole(ROLE_A);
        fake.sts().allowAssumeRole(ROLE_B, RoleTrust.anyone().withExternalId("sentinel-external-id"));

        auth = StoreCredentials.forStore(
                chainStore(), "team-a", keys(), options().build());
        for (int i = 0; i < 25; i++) {
            read();
        }

        assertThat(fake.calls("GetSecretValue")).isEqualTo(25);
        assertThat(fake.calls("AssumeRole")).isEqualTo(2);
    }

    @Test
    void credentialsInsideThePrefetchWindowAreRefreshedBeforeUseAndExpiredOnesNeverSign() {
        start(Duration.ofMinutes(-14).minusSeconds(30));
        fake.addCredentials(STATIC_KEY_ID, STATIC_SECRET);
        fake.sts().allowAssumeRole(ROLE_B);
        auth = StoreCredentials.forStore(
                store(ROLE_B, List.of(), secretRefAuth()), "team-a", keys(), shortSessions(options()));
        AwsCredentials first = auth.resolveCredentials();
        assertThat(fake.calls("AssumeRole")).isEqualTo(1);

        clock().advance(Duration.ofMinutes(15));
        assertThat(fake.sts().sessions().get(0).expiration())
                .isBeforeOrEqualTo(fake.clock().instant());
        try (SecretsManagerClient stale = fake.secretsManagerClientBuilder()
                .credentialsProvider(StaticCredentialsProvider.create(first))
                .build()) {
            assertThatThrownBy(() -> stale.getSecretValue(r -> r.secretId("app/db")))
                    .isInstanceOf(AwsServiceException.class)
                    .hasMessageContaining("expired");
        }
        read();

        assertThat(fake.calls("AssumeRole")).isEqualTo(2);
        assertThat(lastSecretsManagerCall().accessKeyId())
                .isEqualTo(fake.sts().sessions().get(1).accessKeyId())
                .isNotEqualTo(first.accessKeyId());
    }

    @Test
    void asyncRefreshModeSignsWithTheAssumedRoleAndClosesCleanly() {
        start(Duration.ZERO);
        fake.addCredentials(STATIC_KEY_ID, STATIC_SECRET);
        fake.sts().allowAssumeRole(ROLE_B);

        auth = StoreCredentials.forStore(
                store(ROLE_B, List.of(), secretRefAuth()),
                "team-a",
                keys(),
                options().asyncCredentialUpdate(true).build());
        read();
        read();
        auth.close();

        assertThat(fake.calls("AssumeRole")).isEqualTo(1);
        assertThat(lastSecretsManagerCall().accessKeyId())
                .isEqualTo(fake.sts().sessions().get(0).accessKeyId());
        assertThatThrownBy(auth::resolveCredentials).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void irsaCanBeConfiguredInCodeWithoutAStore() throws IOException {
        start(Duration.ZERO);
        Path token = writeToken("irsa-token-one");
        fake.sts().registerWebIdentityToken("irsa-token-one", IRSA_ROLE);

        auth = AwsAuth.irsa(options()
                .webIdentityTokenFile(token)
                .webIdentityRoleArn(IRSA_ROLE)
                .stsRegion(fake.region())
                .build());
        read();

        assertThat(auth).hasToString("AwsAuth[web identity " + IRSA_ROLE + "]");
        assertThat(lastSecretsManagerCall().accessKeyId())
                .isEqualTo(fake.sts().sessions().get(0).accessKeyId());
    }

    @Test
    void theStandardStsEndpointPropertyIsHonouredWithoutAnOverride() {
        start(Duration.ZERO);
        fake.addCredentials(STATIC_KEY_ID, STATIC_SECRET);
        fake.sts().allowAssumeRole(ROLE_B);
        AuthOptions noOverride = AuthOptions.builder()
                .asyncCredentialUpdate(false)
                .roleSessionName("eso4j-test")
                .build();
        System.setProperty("aws.endpointUrlSts", fake.endpoint().toString());
        try {
            auth = StoreCredentials.forStore(store(ROLE_B, List.of(), secretRefAuth()), "team-a", keys(), noOverride);
            read();
        } finally {
            System.clearProperty("aws.endpointUrlSts");
        }

        assertThat(fake.calls("AssumeRole")).isEqualTo(1);
    }

    @Test
    void credentialsCacheBuildsOncePerStoreAndClosesWhatItBuilt() {
        start(Duration.ZERO);
        fake.addCredentials(STATIC_KEY_ID, STATIC_SECRET);
        fake.sts().allowAssumeRole(ROLE_B);
        SecretStore store = store(ROLE_B, List.of(), AwsAuthSpec.DEFAULT_CHAIN);
        SecretStore keyed = store(ROLE_B, List.of(), secretRefAuth());
        AwsAuth shared;
        try (CredentialsCache cache = CredentialsCache.create(keys(), options().build())) {
            shared = cache.forStore(store, "team-a");
            assertThat(cache.forStore(store, "team-b")).isSameAs(shared);
            assertThat(cache.forStore(keyed, "team-a"))
                    .isSameAs(cache.forStore(keyed, "team-a"))
                    .isNotSameAs(cache.forStore(keyed, "team-b"));
            assertThat(cache.size()).isEqualTo(3);
        }

        assertThatThrownBy(shared::resolveCredentials).isInstanceOf(IllegalStateException.class);
    }

    private void start(Duration clockOffset) {
        fake = FakeAws.builder()
                .region(REGION)
                .clock(MutableClock.systemPlus(clockOffset))
                .start();
        fake.secrets().createSecret("app/db", "{\"password\":\"sentinel-value\"}");
    }

    private MutableClock clock() {
        return (MutableClock) fake.clock();
    }

    private void read() {
        if (client == null) {
            client =
                    fake.secretsManagerClientBuilder().credentialsProvider(auth).build();
        }
        assertThat(client.getSecretValue(r -> r.secretId("app/db")).secretString())
                .contains("password");
    }

    private RecordedRequest lastSecretsManagerCall() {
        List<RecordedRequest> calls = fake.requests().stream()
                .filter(r -> r.service().equals("secretsmanager") && r.succeeded())
                .toList();
        assertThat(calls).isNotEmpty();
        return calls.get(calls.size() - 1);
    }

    private Path writeToken(String token) throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, token + "\n");
        return file;
    }

    private AuthOptions.Builder options() {
        return AuthOptions.builder()
                .stsEndpoint(fake.endpoint())
                .asyncCredentialUpdate(false)
                .roleSessionName("eso4j-test")
                .environment(name -> null);
    }

    private AuthOptions irsaOptions(Path tokenFile) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(AuthOptions.TOKEN_FILE_ENV, tokenFile.toString());
        env.put(AuthOptions.ROLE_ARN_ENV, IRSA_ROLE);
        return options().environment(env::get).build();
    }

    /** 900-second sessions, a one-minute prefetch window and no stale margin; see the class comment. */
    private static AuthOptions shortSessions(AuthOptions.Builder options) {
        return options.sessionDuration(Duration.ofSeconds(900))
                .prefetchTime(Duration.ofMinutes(1))
                .staleTime(Duration.ZERO)
                .build();
    }

    private static SecretKeyResolver keys() {
        return SecretKeyResolver.fromMap(Map.of(
                "aws-keys/id", STATIC_KEY_ID,
                "aws-keys/secret", STATIC_SECRET));
    }

    private static AwsAuthSpec secretRefAuth() {
        return new AwsAuthSpec(
                new AwsAuthSpec.SecretRefAuth(
                        new SecretKeySelector("aws-keys", "id", null),
                        new SecretKeySelector("aws-keys", "secret", null),
                        null),
                null);
    }

    private static AwsAuthSpec jwtAuth() {
        return new AwsAuthSpec(null, new AwsAuthSpec.JwtAuth(new ServiceAccountSelector("app", null, null)));
    }

    private static SecretStore chainStore() {
        AwsProvider aws = new AwsProvider(
                null,
                REGION,
                ROLE_B,
                List.of(ROLE_A),
                "sentinel-external-id",
                List.of(new Tag("team", "payments"), new Tag("env", "prod")),
                List.of("team"),
                null,
                secretRefAuth());
        return new SecretStore(StoreKind.SECRET_STORE, "aws-store", "team-a", aws, null);
    }

    private static SecretStore store(String role, List<String> additionalRoles, AwsAuthSpec auth) {
        AwsProvider aws = new AwsProvider(null, REGION, role, additionalRoles, null, null, null, null, auth);
        return new SecretStore(StoreKind.SECRET_STORE, "aws-store", "team-a", aws, null);
    }
}
