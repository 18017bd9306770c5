package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.mapping.TemplateRenderer;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAwsExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Issue 20 item 1: whatever one ExternalSecret's refresh throws (mapping, template, provider, client, listener),
 * the others refresh on time, {@code refreshNow()} completes, the failing one keeps its last good value, backs
 * off, and status and events say what failed, never the throwable's message. Throwables are injected through real
 * paths: a template renderer (the package-private test seam {@code Builder.templateRenderer}) and an SDK
 * execution interceptor on one store's client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContainmentTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final String SENTINEL = "S3NTINEL-c0ntain";

    private final RefreshFixture fixture = new RefreshFixture();
    private final AtomicReference<Supplier<Throwable>> armed = new AtomicReference<>();

    static Stream<Arguments> throwables() {
        return Stream.of(
                Arguments.of("RuntimeException", (Supplier<Throwable>) () -> new IllegalStateException(SENTINEL)),
                Arguments.of("StackOverflowError", (Supplier<Throwable>) () -> new StackOverflowError(SENTINEL)),
                Arguments.of("OutOfMemoryError", (Supplier<Throwable>) () -> new OutOfMemoryError(SENTINEL)),
                Arguments.of("LinkageError", (Supplier<Throwable>) () -> new NoClassDefFoundError(SENTINEL)),
                Arguments.of("IOException", (Supplier<Throwable>) () -> new IOException(SENTINEL)),
                Arguments.of("InternalError", (Supplier<Throwable>) () -> new InternalError(SENTINEL)));
    }

    /** Stores {@code aws} and {@code other}; es0..es3 extract app/s0..3 and template them; es1 uses {@code other}. */
    private static Manifests manifests() {
        StringBuilder yaml = new StringBuilder();
        for (String store : List.of("aws", "other")) {
            yaml.append("""
                    apiVersion: external-secrets.io/v1
                    kind: SecretStore
                    metadata:
                      name: %s
                    spec:
                      provider:
                        aws:
                          service: SecretsManager
                          region: us-east-1
                    ---
                    """.formatted(store));
        }
        for (int i = 0; i < 4; i++) {
            yaml.append("""
                    apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata:
                      name: es%d
                    spec:
                      refreshInterval: 1m
                      secretStoreRef:
                        name: %s
                      target:
                        template:
                          data:
                            pw: "{{ .password }}-es%d"
                      dataFrom:
                        - extract:
                            key: app/s%d
                    ---
                    """.formatted(i, i == 1 ? "other" : "aws", i, i));
        }
        return Manifests.parse("containment.yaml", yaml.toString());
    }

    /** Throws the armed throwable for es1's template only. */
    private TemplateRenderer renderer() {
        TemplateRenderer real = TemplateRenderer.goTemplates();
        return (template, data) -> {
            Supplier<Throwable> thrower = armed.get();
            if (thrower != null && template.contains("-es1")) {
                throw ContainmentTest.<RuntimeException>sneaky(thrower.get());
            }
            return real.render(template, data);
        };
    }

    /** A client whose every call throws the armed throwable before it is sent. */
    private SecretsManagerClient throwingClient() {
        return AWS.fake()
                .secretsManagerClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1))
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeExecution(
                                    Context.BeforeExecution context, ExecutionAttributes attributes) {
                                Supplier<Throwable> thrower = armed.get();
                                if (thrower != null) {
                                    throw ContainmentTest.<RuntimeException>sneaky(thrower.get());
                                }
                            }
                        }))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @ParameterizedTest(name = "{0} from es1''s template")
    @MethodSource("throwables")
    void aThrowableFromOneTemplateIsContainedToThatExternalSecret(String kind, Supplier<Throwable> thrower) {
        run(kind, thrower, false, "spec.target.template");
    }

    @ParameterizedTest(name = "{0} from es1''s store client")
    @MethodSource("throwables")
    void aThrowableFromOneStoresClientIsContainedToThatStore(String kind, Supplier<Throwable> thrower) {
        run(kind, thrower, true, "spec.dataFrom[0]");
    }

    private void run(String kind, Supplier<Throwable> thrower, boolean fromClient, String field) {
        RefreshFixture.createSecrets(AWS.fake(), 4);
        SecretsManagerClient good = RefreshFixture.client(AWS.fake());
        SecretsManagerClient other = fromClient ? throwingClient() : good;
        ExternalSecrets.Builder builder = fixture.builder(manifests(), good)
                .awsClients(AwsClients.secretsManager(store -> store.name().equals("other") ? other : good))
                .jitter(0);
        builder.templateRenderer = renderer();
        try (ExternalSecrets secrets = builder.build()) {
            assertThat(secrets.failures()).isEmpty();
            armed.set(thrower);
            for (int i = 0; i < 4; i++) {
                AWS.fake().secrets().rotate("app/s" + i, "{\"password\":\"rotated" + i + "\"}");
            }

            fixture.scheduler.advance(Duration.ofMinutes(1));

            // The others refreshed on time; es1 keeps its last good value.
            for (int i : new int[] {0, 2, 3}) {
                assertThat(secrets.get("es" + i).string("pw")).contains("rotated" + i + "-es" + i);
                assertThat(secrets.status("", "es" + i).orElseThrow().failing()).isFalse();
            }
            assertThat(secrets.get("es1").string("pw")).contains(RefreshFixture.value(1) + "-es1");
            SecretStatus status = secrets.status("", "es1").orElseThrow();
            assertThat(status.consecutiveFailures()).isEqualTo(1);
            String expectedClass = kind.equals("RuntimeException") ? "IllegalStateException" : kind;
            if (kind.equals("LinkageError")) {
                expectedClass = "NoClassDefFoundError";
            }
            assertThat(status.lastErrorClass()).isEqualTo(expectedClass);
            List<SecretEvent.RefreshFailed> failed = fixture.events(SecretEvent.RefreshFailed.class);
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).externalSecret()).isEqualTo("es1");
            assertThat(failed.get(0).reason()).contains(field).doesNotContain(SENTINEL);

            // Bounded: it backs off (1 s, 2 s, 4 s, ...) instead of spinning, and the others stay on their interval.
            long cycles = secrets.stats().cycles();
            fixture.scheduler.advance(Duration.ofSeconds(30));
            assertThat(secrets.stats().cycles() - cycles).isBetween(3L, 6L);
            assertThat(secrets.status("", "es1").orElseThrow().consecutiveFailures())
                    .isBetween(4, 7);

            // refreshNow() completes, with es1 failing and the others fine.
            CompletableFuture<Void> now = secrets.refreshNow();
            fixture.scheduler.runDue();
            assertThat(now).isCompletedWithValue(null);
            assertThat(secrets.get("es0").string("pw")).contains("rotated0-es0");

            // No channel carries the throwable's message.
            for (SecretEvent event : fixture.events) {
                assertThat(event.toString()).doesNotContain(SENTINEL);
            }
            assertThat(secrets.statuses().toString()).doesNotContain(SENTINEL);

            // Recovery once the cause is gone.
            armed.set(null);
            secrets.refreshNow();
            fixture.scheduler.runDue();
            assertThat(secrets.get("es1").string("pw")).contains("rotated1-es1");
            assertThat(fixture.events(SecretEvent.Recovered.class))
                    .extracting(SecretEvent::externalSecret)
                    .containsExactly("es1");
        } finally {
            good.close();
            other.close();
        }
    }

    @ParameterizedTest(name = "{0} at build time")
    @MethodSource("throwables")
    void aThrowableAtBuildTimeIsAFailureOfThatExternalSecretWithARedactedCause(
            String kind, Supplier<Throwable> thrower) {
        RefreshFixture.createSecrets(AWS.fake(), 4);
        armed.set(thrower);
        try (SecretsManagerClient good = RefreshFixture.client(AWS.fake())) {
            ExternalSecrets.Builder builder = fixture.builder(manifests(), good).failOnError(false);
            builder.templateRenderer = renderer();
            try (ExternalSecrets secrets = builder.build()) {
                assertThat(secrets.all()).extracting(ResolvedSecret::name).containsExactly("es0", "es2", "es3");
                Map<String, SecretsException> failures = secrets.failures();
                assertThat(failures).containsOnlyKeys("es1");
                SecretsException failure = failures.get("es1");
                assertThat(failure.getMessage())
                        .contains("spec.target.template")
                        .doesNotContain(SENTINEL);
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                assertThat(trace.toString()).doesNotContain(SENTINEL).contains("RedactedException");
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t.getMessage())).doesNotContain(SENTINEL);
                    assertThat(t.toString()).doesNotContain(SENTINEL);
                }
            }
        }
    }

    @Test
    void anErrorFromOneListenerNeitherStopsTheOthersNorTheRefresh() {
        RefreshFixture.createSecrets(AWS.fake(), 4);
        try (SecretsManagerClient good = RefreshFixture.client(AWS.fake())) {
            ExternalSecrets.Builder builder = fixture.builder(manifests(), good).listener(event -> {
                throw new StackOverflowError(SENTINEL);
            });
            try (ExternalSecrets secrets = builder.build()) {
                AWS.fake().secrets().rotate("app/s2", "{\"password\":\"rotated2\"}");
                fixture.scheduler.advance(Duration.ofMinutes(1));
                assertThat(secrets.get("es2").string("pw")).contains("rotated2-es2");
                assertThat(fixture.events(SecretEvent.Loaded.class)).hasSize(4);
                assertThat(fixture.events(SecretEvent.Changed.class))
                        .extracting(SecretEvent::externalSecret)
                        .containsExactly("es2");
                assertThat(secrets.stats().cycles()).isEqualTo(2);
            }
        }
    }
}
