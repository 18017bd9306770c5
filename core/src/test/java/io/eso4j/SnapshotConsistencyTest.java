package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.testkit.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

class SnapshotConsistencyTest {

    /** Two secrets that always hold the same generation, swapped together between refreshes. */
    private static final class InMemorySecrets implements SecretsManagerClient {
        private volatile long generation;

        private String valueOf(String id) {
            return "{\"g\":\"" + generation + "\"}";
        }

        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            return GetSecretValueResponse.builder()
                    .name(request.secretId())
                    .versionId("v" + generation)
                    .secretString(valueOf(request.secretId()))
                    .build();
        }

        @Override
        public BatchGetSecretValueResponse batchGetSecretValue(BatchGetSecretValueRequest request) {
            List<SecretValueEntry> entries = new ArrayList<>();
            for (String id : request.secretIdList()) {
                entries.add(SecretValueEntry.builder()
                        .name(id)
                        .versionId("v" + generation)
                        .secretString(valueOf(id))
                        .build());
            }
            return BatchGetSecretValueResponse.builder().secretValues(entries).build();
        }

        @Override
        public BatchGetSecretValueResponse batchGetSecretValue(Consumer<BatchGetSecretValueRequest.Builder> request) {
            return batchGetSecretValue(
                    BatchGetSecretValueRequest.builder().applyMutation(request).build());
        }

        @Override
        public String serviceName() {
            return "secretsmanager";
        }

        @Override
        public void close() {}
    }

    @Test
    void readersNeverSeeATornSnapshotDuringTenThousandRefreshes() throws Exception {
        String yaml = """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata:
                  name: aws
                spec:
                  provider:
                    aws:
                      service: SecretsManager
                      region: us-east-1
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: pair
                spec:
                  refreshInterval: 1m
                  secretStoreRef:
                    name: aws
                  data:
                    - secretKey: a
                      remoteRef: {key: first, property: g}
                    - secretKey: b
                      remoteRef: {key: second, property: g}
                """;
        InMemorySecrets source = new InMemorySecrets();
        ManualScheduler scheduler = new ManualScheduler();
        ExecutorService readers = Executors.newFixedThreadPool(16);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        try (ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(io.eso4j.spec.Manifests.parse("pair.yaml", yaml))
                .awsClients(AwsClients.secretsManager(store -> source))
                .clock(scheduler.clock())
                .scheduler(scheduler)
                .listenerExecutor(Runnable::run)
                .build()) {
            List<Future<Long>> torn = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                torn.add(readers.submit(() -> {
                    long mismatches = 0;
                    while (!done.get()) {
                        ResolvedSecret pair = secrets.get("pair");
                        if (!pair.string("a").equals(pair.string("b"))) {
                            mismatches++;
                        }
                        reads.incrementAndGet();
                        Thread.yield();
                    }
                    return mismatches;
                }));
            }
            for (int i = 0; i < 10_000; i++) {
                source.generation++;
                secrets.refreshNow();
                scheduler.runDue();
            }
            done.set(true);
            long mismatches = 0;
            for (Future<Long> reader : torn) {
                mismatches += reader.get();
            }
            assertThat(mismatches).isZero();
            assertThat(reads.get()).isPositive();
            assertThat(secrets.get("pair").string("a")).contains("10000");
        } finally {
            readers.shutdownNow();
        }
    }
}
