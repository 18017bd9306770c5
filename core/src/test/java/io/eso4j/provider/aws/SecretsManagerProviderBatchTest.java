package io.eso4j.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.testkit.DenyRule;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.Fault;
import io.eso4j.testkit.FaultRule;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class SecretsManagerProviderBatchTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static ExecutorService executor;
    private static SecretsManagerClient client;

    @BeforeAll
    static void start() {
        executor = Executors.newFixedThreadPool(4);
        client = AWS.fake()
                .secretsManagerClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        executor.shutdownNow();
    }

    private static FakeAws fake() {
        return AWS.fake();
    }

    private static List<SecretVersionRef> createSecrets(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    fake().secrets().createSecret("app/s" + i, "{\"n\":" + i + "}");
                    return SecretVersionRef.current("s" + i);
                })
                .toList();
    }

    @Test
    void readsOneHundredSecretsWithFiveBatchCalls() {
        List<SecretVersionRef> refs = createSecrets(100);

        FetchResult result = new SecretsManagerProvider(client, "app/", executor).getValues(refs);

        assertThat(result.values()).hasSize(100);
        assertThat(result.get(refs.get(42)).string()).isEqualTo("{\"n\":42}");
        assertThat(result.get(refs.get(42)).versionId()).isNotEmpty();
        assertThat(fake().calls("BatchGetSecretValue")).isEqualTo(5);
        assertThat(fake().calls("GetSecretValue")).isZero();
    }

    @Test
    void readsPinnedVersionsAndALoneSecretWithGetSecretValue() {
        List<SecretVersionRef> refs = createSecrets(1);
        fake().secrets().rotate("app/s0", "{\"n\":\"new\"}");

        FetchResult result = new SecretsManagerProvider(client, "app/", executor)
                .getValues(List.of(refs.get(0), new SecretVersionRef("s0", "AWSPREVIOUS")));

        assertThat(result.get(new SecretVersionRef("s0", "AWSPREVIOUS")).string())
                .isEqualTo("{\"n\":0}");
        assertThat(result.get(refs.get(0)).string()).isEqualTo("{\"n\":\"new\"}");
        assertThat(fake().calls("BatchGetSecretValue")).isZero();
        assertThat(fake().calls("GetSecretValue")).isEqualTo(2);
    }

    @Test
    void classifiesEachIdsBatchErrorOnItsOwn() {
        List<SecretVersionRef> refs = createSecrets(3);
        fake().secrets().delete("app/s1");
        fake().deny(DenyRule.operation("GetSecretValue").forSecretIds("app/s2"));
        SecretVersionRef missing = SecretVersionRef.current("never-created");

        FetchResult result = new SecretsManagerProvider(client, "app/", executor)
                .getValues(List.of(refs.get(0), refs.get(1), refs.get(2), missing));

        assertThat(result.values()).containsOnlyKeys(refs.get(0));
        assertThat(result.failure(refs.get(1))).containsInstanceOf(SecretNotFoundException.class);
        assertThat(result.failure(missing)).containsInstanceOf(SecretNotFoundException.class);
        assertThat(result.failure(refs.get(2))).containsInstanceOf(SecretAccessDeniedException.class);
        assertThat(fake().calls("BatchGetSecretValue")).isEqualTo(1);
        assertThat(fake().calls("GetSecretValue")).isZero();
    }

    @Test
    void fallsBackToGetSecretValueWhenBatchIsDeniedAndRemembersIt() {
        List<SecretVersionRef> refs = createSecrets(30);
        fake().deny(DenyRule.operation("BatchGetSecretValue"));
        SecretsManagerProvider provider = new SecretsManagerProvider(client, "app/", executor);

        FetchResult first = provider.getValues(refs);
        int batchCallsAfterFirst = fake().calls("BatchGetSecretValue");
        FetchResult second = provider.getValues(refs);

        assertThat(first.values()).hasSize(30);
        assertThat(second.values()).hasSize(30);
        assertThat(provider.batchUnavailable()).isTrue();
        assertThat(batchCallsAfterFirst).isBetween(1, 2);
        assertThat(fake().calls("BatchGetSecretValue")).isEqualTo(batchCallsAfterFirst);
        assertThat(fake().calls("GetSecretValue")).isEqualTo(60);
    }

    @Test
    void fallsBackToGetSecretValueWhenBatchIsThrottled() {
        List<SecretVersionRef> refs = createSecrets(5);
        fake().inject(FaultRule.of(Fault.THROTTLING).onOperations("BatchGetSecretValue"));
        SecretsManagerProvider provider = new SecretsManagerProvider(client, "app/", executor);

        FetchResult result = provider.getValues(refs);

        assertThat(result.values()).hasSize(5);
        assertThat(result.failures()).isEmpty();
        assertThat(provider.batchUnavailable()).isTrue(); // paused for the next call, then tried again
        assertThat(fake().calls("GetSecretValue")).isEqualTo(5);
    }

    @Test
    void reProbesBatchAfterThrottlingWithAGrowingPauseAndResumesIt() {
        List<SecretVersionRef> refs = createSecrets(40); // two batch chunks
        SecretsManagerProvider provider = new SecretsManagerProvider(client, "app/", executor);
        fake().inject(FaultRule.of(Fault.THROTTLING)
                .onOperations("BatchGetSecretValue")
                .times(4));
        int[] batch = new int[8];
        int[] single = new int[8];
        for (int call = 0; call < 8; call++) {
            int batchBefore = fake().calls("BatchGetSecretValue");
            int singleBefore = fake().calls("GetSecretValue");
            assertThat(provider.getValues(refs).values()).hasSize(40);
            batch[call] = fake().calls("BatchGetSecretValue") - batchBefore;
            single[call] = fake().calls("GetSecretValue") - singleBefore;
        }
        // Throttled (both chunks), paused 1 call, throttled again (both), paused 2 calls, then batch works:
        // 2 calls per refresh instead of 40 for the rest of the process.
        assertThat(batch).containsExactly(2, 0, 2, 0, 0, 2, 2, 2);
        assertThat(single).containsExactly(40, 40, 40, 40, 40, 0, 0, 0);
        assertThat(provider.batchUnavailable()).isFalse();
    }

    @Test
    void reportsACallLevelBatchFailureAgainstEveryIdOfTheChunk() {
        List<SecretVersionRef> refs = createSecrets(3);
        fake().inject(FaultRule.of(Fault.INTERNAL_ERROR).onOperations("BatchGetSecretValue"));

        FetchResult result = new SecretsManagerProvider(client, "app/", executor).getValues(refs);

        assertThat(result.values()).isEmpty();
        assertThat(result.failures()).hasSize(3);
        assertThat(result.failure(refs.get(0)).orElseThrow()).hasMessageContaining("InternalServiceError");
    }
}
