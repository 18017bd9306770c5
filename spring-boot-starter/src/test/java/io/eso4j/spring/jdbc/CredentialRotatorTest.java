package io.eso4j.spring.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAwsExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ClassPathResource;

/**
 * The refresh an authentication failure forces: coalesced across connections, bounded by a minimum interval on an
 * injected clock, and only for ExternalSecrets that hold the refused credentials. Real ExternalSecrets against the
 * testkit's fake AWS; the pool is a stand-in target.
 */
class CredentialRotatorTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final DatabaseCredentials OLD = new DatabaseCredentials("app", "s3cr3t-old");
    private static final SQLException REFUSED = new SQLException("password authentication failed", "28P01");

    private final MutableClock clock = new MutableClock();
    private ExternalSecrets secrets;
    private Target target;

    @BeforeEach
    void resolve() throws IOException {
        AWS.secrets().createSecret("app/pg", "{\"username\":\"app\",\"password\":\"s3cr3t-old\"}");
        secrets = build("eso/store.yaml", "eso/pg.yaml");
        target = new Target(secrets, OLD);
    }

    @AfterEach
    void close() {
        secrets.close();
    }

    private CredentialRotator rotator(Set<ExternalSecrets> holders) {
        return new CredentialRotator(
                () -> List.of(target), tried -> holders, clock, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void manyRefusedConnectionsAtOnceCauseOneRefreshAndAllRetryWithTheNewCredentials() throws Exception {
        CredentialRotator rotator = rotator(Set.of(secrets));
        AWS.secrets().rotate("app/pg", "{\"username\":\"app\",\"password\":\"s3cr3t-new\"}");
        int callsBefore = AWS.fake().totalCalls();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<DatabaseCredentials>> retries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            retries.add(pool.submit(() -> {
                go.await();
                return rotator.afterAuthenticationFailure(target, OLD, REFUSED);
            }));
        }
        go.countDown();
        for (Future<DatabaseCredentials> retry : retries) {
            assertThat(retry.get(10, TimeUnit.SECONDS)).isEqualTo(new DatabaseCredentials("app", "s3cr3t-new"));
        }
        pool.shutdown();

        assertThat(rotator.forcedRefreshes()).isEqualTo(1);
        assertThat(AWS.fake().totalCalls() - callsBefore).isEqualTo(1);
        assertThat(target.rotations.get()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordInAwsIsRefreshedAtMostOncePerInterval() {
        CredentialRotator rotator = rotator(Set.of(secrets));
        AWS.secrets().rotate("app/pg", "{\"username\":\"app\",\"password\":\"s3cr3t-wrong\"}");
        DatabaseCredentials wrong = new DatabaseCredentials("app", "s3cr3t-wrong");
        int callsBefore = AWS.fake().totalCalls();

        // The first refusal refreshes and hands out what AWS has; the database refuses that too.
        assertThat(rotator.afterAuthenticationFailure(target, OLD, REFUSED)).isEqualTo(wrong);
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMillis(400));
            assertThat(rotator.afterAuthenticationFailure(target, wrong, REFUSED))
                    .isNull();
        }
        assertThat(rotator.forcedRefreshes()).isEqualTo(1);
        assertThat(AWS.fake().totalCalls() - callsBefore).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(rotator.afterAuthenticationFailure(target, wrong, REFUSED)).isNull();
        assertThat(rotator.forcedRefreshes()).isEqualTo(2);
        assertThat(AWS.fake().totalCalls() - callsBefore).isEqualTo(2);
    }

    @Test
    void betweenSetSecretAndFinishSecretManyRefusalsMoveThePoolToAwsPendingOnceAndItStaysThere() throws Exception {
        DatabaseCredentials pendingCredentials = new DatabaseCredentials("app", "s3cr3t-pending");
        CredentialRotator rotator = new CredentialRotator(
                () -> List.of(target),
                tried -> Set.of(secrets),
                (t, tried) -> {
                    ResolvedSecret pg = secrets.resolveAtStage(ExternalSecretId.of("", "pg"), "AWSPENDING");
                    return new DatabaseCredentials(
                            pg.string("db-user").orElse(null),
                            pg.string("db-pass").orElse(null));
                },
                clock,
                Duration.ofSeconds(10),
                Duration.ofSeconds(10));
        // createSecret and setSecret: AWSPENDING has the password the database now wants; AWSCURRENT does not.
        String pending = AWS.secrets()
                .putSecretValue("app/pg", "{\"username\":\"app\",\"password\":\"s3cr3t-pending\"}", "AWSPENDING");
        int callsBefore = AWS.fake().totalCalls();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<DatabaseCredentials>> retries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            retries.add(pool.submit(() -> {
                go.await();
                return rotator.afterAuthenticationFailure(target, OLD, REFUSED);
            }));
        }
        go.countDown();
        for (Future<DatabaseCredentials> retry : retries) {
            assertThat(retry.get(10, TimeUnit.SECONDS)).isEqualTo(pendingCredentials);
        }
        pool.shutdown();

        // One refresh (AWSCURRENT unchanged), one read of AWSPENDING, one switch.
        assertThat(AWS.fake().totalCalls() - callsBefore).isEqualTo(2);
        assertThat(rotator.forcedRefreshes()).isEqualTo(1);
        assertThat(rotator.pendingReads()).isEqualTo(1);
        assertThat(target.rotations.get()).isEqualTo(1);
        // A change event while the configuration still gives the refused credentials does not move the pool back.
        assertThat(rotator.rotateChanged()).isZero();
        assertThat(target.current()).isEqualTo(pendingCredentials);

        // finishSecret: AWSCURRENT moves to the same values; the refresh that sees it changes nothing for the pool.
        AWS.secrets().moveStage("app/pg", "AWSCURRENT", pending);
        secrets.refreshNow().get(10, TimeUnit.SECONDS);
        assertThat(rotator.rotateChanged()).isZero();
        assertThat(target.current()).isEqualTo(pendingCredentials);

        // The next ordinary rotation is followed again.
        AWS.secrets().rotate("app/pg", "{\"username\":\"app\",\"password\":\"s3cr3t-next\"}");
        secrets.refreshNow().get(10, TimeUnit.SECONDS);
        assertThat(rotator.rotateChanged()).isEqualTo(1);
        assertThat(target.current()).isEqualTo(new DatabaseCredentials("app", "s3cr3t-next"));
    }

    @Test
    void credentialsThatNoExternalSecretHoldsAreNeverRefreshed() {
        CredentialRotator rotator = rotator(Set.of());
        int callsBefore = AWS.fake().totalCalls();

        assertThat(rotator.afterAuthenticationFailure(target, OLD, REFUSED)).isNull();

        assertThat(rotator.forcedRefreshes()).isZero();
        assertThat(AWS.fake().totalCalls()).isEqualTo(callsBefore);
    }

    @Test
    void aRefusalAfterTheCredentialsAlreadyChangedRetriesWithThemWithoutARefresh() {
        CredentialRotator rotator = rotator(Set.of(secrets));
        DatabaseCredentials changed = new DatabaseCredentials("app", "s3cr3t-changed");
        target.current = changed;
        int callsBefore = AWS.fake().totalCalls();

        assertThat(rotator.afterAuthenticationFailure(target, OLD, REFUSED)).isEqualTo(changed);

        assertThat(AWS.fake().totalCalls()).isEqualTo(callsBefore);
    }

    @Test
    void authenticationFailuresAreSqlStateClass28OrMysqlAccessDeniedAnywhereInTheChain() {
        assertThat(AuthenticationRetryingDataSource.isAuthenticationFailure(new SQLException("x", "28P01")))
                .isTrue();
        assertThat(AuthenticationRetryingDataSource.isAuthenticationFailure(new SQLException("x", "28000")))
                .isTrue();
        assertThat(AuthenticationRetryingDataSource.isAuthenticationFailure(new SQLException("x", null, 1045)))
                .isTrue();
        assertThat(AuthenticationRetryingDataSource.isAuthenticationFailure(new SQLInvalidAuthorizationSpecException()))
                .isTrue();
        assertThat(AuthenticationRetryingDataSource.isAuthenticationFailure(
                        new SQLException("wrapped", "08001", new SQLException("x", "28P01"))))
                .isTrue();
        assertThat(AuthenticationRetryingDataSource.isAuthenticationFailure(new SQLException("x", "08001")))
                .isFalse();
        assertThat(AuthenticationRetryingDataSource.isAuthenticationFailure(new BatchUpdateException()))
                .isFalse();
    }

    @Test
    void credentialsNeverPrint() {
        assertThat(OLD.toString()).doesNotContain("s3cr3t").doesNotContain("app");
    }

    private ExternalSecrets build(String... resources) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String resource : resources) {
            sources.put(resource, new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8));
        }
        return ExternalSecrets.builder()
                .manifests(Manifests.parse(sources))
                .endpointOverride(AWS.endpoint())
                .secretKeyResolver(SecretKeyResolver.fromMap(Map.of(
                        "aws-creds/id", AWS.fake().accessKeyId(),
                        "aws-creds/secret", AWS.fake().secretAccessKey())))
                .coalesceWindow(Duration.ZERO)
                .build();
    }

    /** A pool stand-in whose configuration is the ExternalSecret {@code pg}. */
    static final class Target implements CredentialRotationTarget {

        final AtomicInteger rotations = new AtomicInteger();
        private final ExternalSecrets secrets;
        volatile DatabaseCredentials current;

        Target(ExternalSecrets secrets, DatabaseCredentials current) {
            this.secrets = secrets;
            this.current = current;
        }

        @Override
        public String name() {
            return "pool";
        }

        @Override
        public DatabaseCredentials current() {
            return current;
        }

        @Override
        public DatabaseCredentials configured() {
            ResolvedSecret pg = secrets.get("pg");
            return new DatabaseCredentials(
                    pg.string("db-user").orElse(null), pg.string("db-pass").orElse(null));
        }

        @Override
        public void rotate(DatabaseCredentials credentials) {
            current = credentials;
            rotations.incrementAndGet();
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
