package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStore;
import io.eso4j.testkit.FakeAwsExtension;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What building an {@link ExternalSecrets} starts (issue #16 item 3, cold start): threads are started by the work that
 * needs them, not by {@code build()}.
 */
class StartupTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    /**
     * The live refresh threads that were not alive in {@code before}. (Event threads are checked on the engine, in
     * {@code EnginePoolsTest}: a cached pool of an earlier test's engine may start one at any time.)
     */
    private static Set<String> newRefreshThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .map(Thread::getName)
                .filter(name -> name.startsWith("eso4j-refresh"))
                .collect(Collectors.toSet());
    }

    private static ExternalSecrets build(String refreshInterval) {
        AWS.fake().secrets().createSecret("app/creds", "{\"user\":\"u\"}");
        return ExternalSecrets.builder()
                .manifests(Manifests.of(
                        List.of(SecretStore.builder()
                                .name("aws")
                                .region("us-east-1")
                                .build()),
                        List.of(ExternalSecret.builder()
                                .name("app")
                                .refreshInterval(refreshInterval)
                                .secretStore("aws")
                                .extract("app/creds")
                                .build())))
                .endpointOverride(AWS.fake().endpoint())
                .credentialsProvider(AWS.fake().credentialsProvider())
                .build();
    }

    @Test
    void readingSecretsOnceStartsNoRefreshThread() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (ExternalSecrets secrets = build("0s")) {
            assertThat(secrets.get("app").string("user", null)).isEqualTo("u");
            assertThat(newRefreshThreads(before))
                    .as("refreshInterval 0: nothing to schedule")
                    .isEmpty();
        }
    }

    @Test
    void aPeriodicRefreshStartsItsThreadWhenItIsScheduled() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (ExternalSecrets secrets = build("1h")) {
            assertThat(secrets.get("app").string("user", null)).isEqualTo("u");
            assertThat(newRefreshThreads(before)).anyMatch(name -> name.startsWith("eso4j-refresh"));
        }
    }
}
