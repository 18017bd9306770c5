package io.eso4j;

import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Builds refresh scenarios: N remote secrets {@code app/s<i>} and one ExternalSecret per secret. */
final class RefreshFixture {

    final List<SecretEvent> events = new CopyOnWriteArrayList<>();
    final ManualScheduler scheduler = new ManualScheduler();

    static String value(int i) {
        return "fixture-value-" + i + "-Zq9";
    }

    static void createSecrets(FakeAws fake, int count) {
        for (int i = 0; i < count; i++) {
            fake.secrets().createSecret("app/s" + i, "{\"password\":\"" + value(i) + "\",\"user\":\"u" + i + "\"}");
        }
    }

    /** One store and {@code count} ExternalSecrets {@code es<i>}, each extracting {@code app/s<i>}. */
    static Manifests manifests(int count, String refreshInterval) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata:
                  name: aws
                spec:
                  provider:
                    aws:
                      service: SecretsManager
                      region: us-east-1
                """);
        for (int i = 0; i < count; i++) {
            yaml.append("""
                    ---
                    apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata:
                      name: es%d
                    spec:
                      refreshInterval: %s
                      secretStoreRef:
                        name: aws
                      dataFrom:
                        - extract:
                            key: app/s%d
                    """.formatted(i, refreshInterval, i));
        }
        return Manifests.parse("refresh.yaml", yaml.toString());
    }

    /** A client without SDK retries, so faults show up as they were injected. */
    static SecretsManagerClient client(FakeAws fake) {
        return fake.secretsManagerClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    ExternalSecrets.Builder builder(Manifests manifests, SecretsManagerClient client) {
        return builder(manifests).awsClients(AwsClients.secretsManager(store -> client));
    }

    /**
     * A builder on the manual scheduler and its clock, events collected; clients are eso4j's own. Jitter is off, so
     * every refresh comes exactly one interval (or backoff) after the previous one and a test's counts do not depend
     * on a random draw (the first refresh's random phase and the jitter are tested in {@code RefreshSchedulerTest}).
     */
    ExternalSecrets.Builder builder(Manifests manifests) {
        return ExternalSecrets.builder()
                .manifests(manifests)
                .jitter(0)
                .clock(scheduler.clock())
                .scheduler(scheduler)
                .listenerExecutor(Runnable::run)
                .listener(events::add);
    }

    <T extends SecretEvent> List<T> events(Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (SecretEvent event : events) {
            if (type.isInstance(event)) {
                matching.add(type.cast(event));
            }
        }
        return matching;
    }
}
