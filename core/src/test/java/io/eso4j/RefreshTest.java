package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.refresh.RefreshFailurePolicy;
import io.eso4j.testkit.DenyRule;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.Fault;
import io.eso4j.testkit.FaultRule;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class RefreshTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static SecretsManagerClient client;

    private final RefreshFixture fixture = new RefreshFixture();

    @BeforeAll
    static void start() {
        client = RefreshFixture.client(AWS.fake());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static FakeAws fake() {
        return AWS.fake();
    }

    private ExternalSecrets build(int count, String interval) {
        RefreshFixture.createSecrets(fake(), count);
        return fixture.builder(RefreshFixture.manifests(count, interval), client)
                .build();
    }

    @Test
    void startsWithOneHundredSecretsInFiveBatchCalls() {
        try (ExternalSecrets secrets = build(100, "1m")) {
            assertThat(secrets.all()).hasSize(100);
            assertThat(secrets.get("es42").string("password")).contains(RefreshFixture.value(42));
            assertThat(secrets.get("es42").versions()).containsOnlyKeys("app/s42");
            assertThat(secrets.get("es42").fetchedAt())
                    .isEqualTo(fixture.scheduler.clock().instant());
            assertThat(fake().calls("BatchGetSecretValue")).isEqualTo(5);
            assertThat(fake().calls("GetSecretValue")).isZero();
            assertThat(fixture.events(SecretEvent.Loaded.class)).hasSize(100);
        }
    }

    @Test
    void refreshOfUnchangedSecretsCostsAtMostOneCallPerTwentyAndPublishesNothing() {
        try (ExternalSecrets secrets = build(45, "1m")) {
            ResolvedSecret before = secrets.get("es7");
            fake().clearRequests();
            int callsBefore = fake().totalCalls();

            fixture.scheduler.advance(Duration.ofMinutes(1));

            assertThat(fake().totalCalls() - callsBefore).isEqualTo(3);
            assertThat(secrets.get("es7")).isSameAs(before);
            assertThat(fixture.events(SecretEvent.Changed.class)).isEmpty();
            assertThat(secrets.stats().cycles()).isEqualTo(2);
        }
    }

    @Test
    void rotationPublishesExactlyOneChangedEventNamingTheChangedKeys() {
        try (ExternalSecrets secrets = build(3, "1m")) {
            fake().secrets().rotate("app/s1", "{\"password\":\"rotated-Zq9\",\"user\":\"u1\"}");

            fixture.scheduler.advance(Duration.ofMinutes(1));

            assertThat(fixture.events(SecretEvent.Changed.class))
                    .containsExactly(new SecretEvent.Changed("es1", Set.of("password")));
            assertThat(secrets.get("es1").string("password")).contains("rotated-Zq9");
            assertThat(secrets.get("es0").string("password")).contains(RefreshFixture.value(0));
        }
    }

    @Test
    void refreshNowRefreshesEverythingAndCompletes() {
        try (ExternalSecrets secrets = build(2, "1h")) {
            fake().secrets().rotate("app/s0", "{\"password\":\"now-Zq9\"}");

            var done = secrets.refreshNow();
            fixture.scheduler.runDue();

            assertThat(done).isCompleted();
            assertThat(secrets.get("es0").keys()).containsExactly("password");
            assertThat(fixture.events(SecretEvent.Changed.class))
                    .containsExactly(new SecretEvent.Changed("es0", Set.of("password", "user")));
        }
    }

    @Test
    void deniedBatchFallsBackToGetSecretValueAndDoesNotTryBatchAgain() {
        fake().deny(DenyRule.operation("BatchGetSecretValue"));
        try (ExternalSecrets secrets = build(25, "1m")) {
            int batchCalls = fake().calls("BatchGetSecretValue");

            fixture.scheduler.advance(Duration.ofMinutes(1));

            assertThat(secrets.all()).hasSize(25);
            assertThat(batchCalls).isBetween(1, 2);
            assertThat(fake().calls("BatchGetSecretValue")).isEqualTo(batchCalls);
            assertThat(fake().calls("GetSecretValue")).isEqualTo(50);
        }
    }

    @Test
    void unreachableAwsKeepsLastGoodValuesRaisesStalenessAndRecoversWithinTheBackoffCap() {
        try (ExternalSecrets secrets = build(30, "1m")) {
            fake().inject(FaultRule.of(Fault.CONNECTION_RESET));
            for (int cycle = 0; cycle < 10; cycle++) {
                fixture.scheduler.advance(Duration.ofMinutes(1));
                assertThat(secrets.get("es3").string("password")).contains(RefreshFixture.value(3));
            }
            RefreshStats failing = secrets.stats();
            assertThat(failing.failing()).isEqualTo(30);
            assertThat(failing.maxStaleness()).isGreaterThanOrEqualTo(Duration.ofMinutes(9));
            assertThat(fixture.events(SecretEvent.RefreshFailed.class)).isNotEmpty();

            fake().clearFaults();
            fake().secrets().rotate("app/s3", "{\"password\":\"back-Zq9\"}");
            // The backoff grew past the 1-minute interval during the outage; it never exceeds its 5-minute cap.
            fixture.scheduler.advance(Duration.ofMinutes(5));

            assertThat(secrets.stats().failing()).isZero();
            assertThat(secrets.stats().maxStaleness()).isZero();
            assertThat(secrets.get("es3").string("password")).contains("back-Zq9");
            assertThat(fixture.events(SecretEvent.Recovered.class)).hasSize(30);
        }
    }

    @Test
    void throttlingOfHalfTheCallsStillBringsEverySecretCurrentWithBoundedCalls() {
        try (ExternalSecrets secrets = build(40, "1m")) {
            for (int i = 0; i < 40; i++) {
                fake().secrets().rotate("app/s" + i, "{\"password\":\"r" + i + "-Zq9\"}");
            }
            fake().inject(FaultRule.of(Fault.THROTTLING)
                    .onOperations("BatchGetSecretValue")
                    .times(1));
            fake().inject(FaultRule.of(Fault.THROTTLING)
                    .onOperations("GetSecretValue")
                    .times(20));
            int callsBefore = fake().totalCalls();

            fixture.scheduler.advance(Duration.ofMinutes(2));

            for (int i = 0; i < 40; i++) {
                assertThat(secrets.get("es" + i).string("password")).contains("r" + i + "-Zq9");
            }
            assertThat(fake().totalCalls() - callsBefore).isLessThanOrEqualTo(3 + 40 + 20 + 40);
        }
    }

    @Test
    void aListenerThatThrowsOrBlocksDoesNotStallRefresh() throws InterruptedException {
        RefreshFixture.createSecrets(fake(), 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        ExecutorService listenerThread = Executors.newSingleThreadExecutor();
        try (ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(RefreshFixture.manifests(2, "1m"))
                .awsClients(AwsClients.secretsManager(store -> client))
                .clock(fixture.scheduler.clock())
                .scheduler(fixture.scheduler)
                .listenerExecutor(listenerThread)
                .listener(event -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(event -> {
                    blocked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .build()) {
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            fake().secrets().rotate("app/s0", "{\"password\":\"while-blocked-Zq9\"}");

            fixture.scheduler.advance(Duration.ofMinutes(1));

            assertThat(secrets.get("es0").string("password")).contains("while-blocked-Zq9");
            assertThat(secrets.stats().cycles()).isEqualTo(2);
        } finally {
            release.countDown();
            listenerThread.shutdown();
            assertThat(listenerThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void deletedSecretUnderRetainKeepsTheLastGoodValueAndReportsTheFailure() {
        try (ExternalSecrets secrets = build(2, "1m")) {
            fake().secrets().forceDelete("app/s1");

            fixture.scheduler.advance(Duration.ofMinutes(1));

            assertThat(secrets.get("es1").string("password")).contains(RefreshFixture.value(1));
            assertThat(fixture.events(SecretEvent.RefreshFailed.class))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.externalSecret()).isEqualTo("es1"));
        }
    }

    @Test
    void terminalFailureWithTheDropPolicyWithdrawsTheValue() {
        RefreshFixture.createSecrets(fake(), 2);
        try (ExternalSecrets secrets = fixture.builder(RefreshFixture.manifests(2, "1m"), client)
                .failurePolicy(RefreshFailurePolicy.dropOnTerminalFailure())
                .build()) {
            fake().deny(DenyRule.operation("GetSecretValue").forSecretIds("app/s1"));

            fixture.scheduler.advance(Duration.ofMinutes(1));

            assertThatThrownBy(() -> secrets.get("es1")).isInstanceOf(NoSuchElementException.class);
            assertThat(secrets.failures()).containsOnlyKeys("es1");
            assertThat(fixture.events(SecretEvent.RefreshFailed.class))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.terminal()).isTrue());
            assertThat(secrets.get("es0").string("password")).contains(RefreshFixture.value(0));
        }
    }

    @Test
    void zeroIntervalResolvesOnce() {
        try (ExternalSecrets secrets = build(2, "0s")) {
            int calls = fake().totalCalls();

            fixture.scheduler.advance(Duration.ofDays(1));

            assertThat(fake().totalCalls()).isEqualTo(calls);
            assertThat(secrets.all()).hasSize(2);
            assertThat(fixture.scheduler.pending()).isZero();
        }
    }
}
