package io.eso4j.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.AwsClients;
import io.eso4j.SecretEvent;
import io.eso4j.SecretListener;
import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.refresh.Backoff;
import io.eso4j.refresh.RefreshFailurePolicy;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStore;
import io.eso4j.testkit.FakeAwsExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine builds its pools when work needs them (issue #16 item 3): the first resolve builds the fetch pool, and
 * the listener pool exists only once there is an event for a listener.
 */
class EnginePoolsTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static RefreshEngine engine(List<SecretListener> listeners) {
        AWS.fake().secrets().createSecret("app/creds", "{\"user\":\"u\"}");
        Manifests manifests = Manifests.of(
                List.of(SecretStore.builder().name("aws").region("us-east-1").build()),
                List.of(ExternalSecret.builder()
                        .name("app")
                        .refreshInterval("0s")
                        .secretStore("aws")
                        .extract("app/creds")
                        .build()));
        return new RefreshEngine(new EngineSettings(
                manifests,
                SecretKeyResolver.none(),
                AuthOptions.defaults(),
                AWS.fake().endpoint(),
                AWS.fake().credentialsProvider(),
                AwsClients.none(),
                List.of(),
                Clock.systemUTC(),
                null,
                null,
                listeners,
                RefreshFailurePolicy.keepLastGood(),
                Backoff.defaults(),
                0.1,
                Duration.ofSeconds(5),
                8,
                1000,
                null,
                null));
    }

    @Test
    void withoutListenersNoListenerPoolIsBuiltAndTheFetchPoolOnlyByTheFirstResolve() {
        try (RefreshEngine engine = engine(List.of())) {
            assertThat(engine.fetchPoolBuilt()).as("built, not yet resolved").isFalse();
            assertThat(engine.listenerPoolBuilt()).isFalse();

            engine.start();

            assertThat(engine.snapshot().byKey).hasSize(1);
            assertThat(engine.fetchPoolBuilt()).isTrue();
            assertThat(engine.listenerPoolBuilt())
                    .as("no listener, nothing to deliver")
                    .isFalse();
        }
    }

    @Test
    void aListenerGetsItsPoolWithTheFirstEvent() {
        List<SecretEvent> events = new CopyOnWriteArrayList<>();
        try (RefreshEngine engine = engine(List.of(events::add))) {
            assertThat(engine.listenerPoolBuilt()).isFalse();

            engine.start();

            assertThat(engine.listenerPoolBuilt())
                    .as("the Loaded event was handed to the listener's pool")
                    .isTrue();
        }
    }
}
