package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.SecretKeySelector;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.Fault;
import io.eso4j.testkit.FaultRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Issue 20 item 3, the engine's bounds: the {@code refreshInterval} floor, backoff that grows past a short
 * interval, one bounded queue per listener, and the key file size limit.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundsTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private final RefreshFixture fixture = new RefreshFixture();

    @Test
    void aRefreshIntervalBelowOneSecondIsRaisedToTheFloorWithOneWarning() {
        RefreshFixture.createSecrets(AWS.fake(), 2);
        String logs;
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (SecretsManagerClient client = RefreshFixture.client(AWS.fake());
                ExternalSecrets secrets = fixture.builder(RefreshFixture.manifests(2, "1ns"), client)
                        .jitter(0)
                        .coalesceWindow(Duration.ZERO)
                        .build()) {
            AWS.fake().clearRequests();
            fixture.scheduler.advance(Duration.ofSeconds(3));
            // Before: ~237 calls in 3 s. Now one batch call per second.
            assertThat(AWS.fake().totalCalls()).isEqualTo(3);
            assertThat(secrets.stats().cycles()).isEqualTo(4);
        } finally {
            System.setErr(original);
            logs = captured.toString(StandardCharsets.UTF_8);
        }
        assertThat(logs.lines().filter(line -> line.contains("below the floor")))
                .containsExactlyInAnyOrder(
                        logs.lines()
                                .filter(line -> line.contains("ExternalSecret es0: refreshInterval PT0.000000001S"))
                                .findFirst()
                                .orElseThrow(),
                        logs.lines()
                                .filter(line -> line.contains("ExternalSecret es1: refreshInterval PT0.000000001S"))
                                .findFirst()
                                .orElseThrow());
        assertThat(logs).contains("is below the floor of PT1S; refreshing every PT1S");
    }

    @Test
    void backoffGrowsPastAShortIntervalWhileFailuresPersist() {
        RefreshFixture.createSecrets(AWS.fake(), 1);
        try (SecretsManagerClient client = RefreshFixture.client(AWS.fake());
                ExternalSecrets secrets = fixture.builder(RefreshFixture.manifests(1, "2s"), client)
                        .jitter(0)
                        .build()) {
            AWS.fake().inject(FaultRule.of(Fault.INTERNAL_ERROR));
            long cycles = secrets.stats().cycles();
            fixture.scheduler.advance(Duration.ofMinutes(10));
            // Capped at the interval this was 300 cycles; now 1 s, 2 s, 4 s ... 256 s, then 5 min: at most 11.
            assertThat(secrets.stats().cycles() - cycles).isBetween(9L, 12L);
            AWS.fake().clearFaults();
            fixture.scheduler.advance(Duration.ofMinutes(5));
            assertThat(secrets.status("", "es0").orElseThrow().failing()).isFalse();
        }
    }

    @Test
    void aBlockedListenerNeitherStarvesTheOthersNorGrowsWithoutBound() throws Exception {
        RefreshFixture.createSecrets(AWS.fake(), 5);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<SecretEvent> good = new CopyOnWriteArrayList<>();
        CountDownLatch goodGotLoaded = new CountDownLatch(5);
        CountDownLatch goodGotChanged = new CountDownLatch(10);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (SecretsManagerClient client = RefreshFixture.client(AWS.fake());
                ExternalSecrets secrets = ExternalSecrets.builder()
                        .manifests(RefreshFixture.manifests(5, "1m"))
                        .awsClients(AwsClients.secretsManager(store -> client))
                        .clock(fixture.scheduler.clock())
                        .scheduler(fixture.scheduler)
                        .listenerQueueCapacity(5)
                        .listener(event -> {
                            blocked.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        })
                        .listener(event -> {
                            good.add(event);
                            goodGotLoaded.countDown();
                            goodGotChanged.countDown();
                        })
                        .build()) {
            // Bounded waits for the listener threads (no sleeping): the good listener gets its five Loaded events
            // although the first listener is blocked on its first one.
            assertThat(goodGotLoaded.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 5; i++) {
                AWS.fake().secrets().rotate("app/s" + i, "{\"password\":\"r" + i + "\"}");
            }
            fixture.scheduler.advance(Duration.ofMinutes(1));
            assertThat(goodGotChanged.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(good).hasSize(10);
            // The blocked one holds one event and queues four more plus one Changed; the other four are dropped.
            assertThat(secrets.stats().droppedEvents()).isEqualTo(4);
            release.countDown();
        } finally {
            System.setErr(original);
        }
        // One WARN for the overflow episode, however many events it dropped.
        assertThat(captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("is not keeping up")))
                .hasSize(1)
                .allMatch(l -> l.contains("WARN") && l.contains("queue of 5 events is full"));
    }

    @Test
    void aKeyFileLargerThanTheLimitIsRefusedUnread(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("keys"));
        try (RandomAccessFile huge =
                new RandomAccessFile(root.resolve("keys/secret").toFile(), "rw")) {
            huge.setLength(3L << 30); // 3 GiB, sparse: it used to be read whole (OutOfMemoryError)
        }
        Files.writeString(root.resolve("keys/id"), "AKIDEXAMPLE\n");
        SecretKeyResolver resolver = SecretKeyResolver.mountedSecrets(root);
        assertThat(resolver.resolve("", new SecretKeySelector("keys", "id", "")))
                .contains("AKIDEXAMPLE");
        assertThatThrownBy(() -> resolver.resolve("", new SecretKeySelector("keys", "secret", "")))
                .isInstanceOf(SecretsException.class)
                .hasMessageContaining("mounted secret file " + root.resolve("keys/secret"))
                .hasMessageContaining("larger than the limit of 65536 bytes; not read");
    }
}
