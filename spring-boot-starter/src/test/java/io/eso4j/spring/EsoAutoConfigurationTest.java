package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.ExternalSecrets;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAwsExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The auto-configuration's beans, present or absent, over a registry of ExternalSecrets resolved against the testkit. */
class EsoAutoConfigurationTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private ExternalSecretsRegistry registry;
    private int callsAtStart;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EsoAutoConfiguration.class))
            .withBean(EsoImports.REGISTRY_BEAN, ExternalSecretsRegistry.class, () -> registry);

    @BeforeEach
    void resolve() throws IOException {
        AWS.secrets().createSecret("app/db", "{\"password\":\"s3cr3t\",\"user\":\"app\"}");
        AWS.secrets().createSecret("app/api", "{\"token\":\"t0ken\"}");
        registry = new ExternalSecretsRegistry();
        registry.register(build("eso/store.yaml", "eso/app.yaml"));
    }

    @AfterEach
    void close() {
        registry.instances().forEach(ExternalSecrets::close);
    }

    @Test
    void withResolvedImportsItAddsChangeEventsHealthAndSanitizingButNoMetricsWithoutARegistry() {
        runner.run(context -> {
            assertThat(context).hasBean("eso4jChangePublisher");
            assertThat(context).hasSingleBean(ExternalSecretsHealthIndicator.class);
            assertThat(context).hasBean("eso4jSanitizingFunction");
            assertThat(context).hasSingleBean(EsoProperties.class);
            assertThat(context).doesNotHaveBean(EsoMetrics.class);
        });
    }

    @Test
    void withoutResolvedImportsOnlyPropertiesAndSanitizingRemain() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EsoAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).doesNotHaveBean("eso4jChangePublisher");
                    assertThat(context).doesNotHaveBean(ExternalSecretsHealthIndicator.class);
                    assertThat(context).hasBean("eso4jSanitizingFunction");
                });
    }

    @Test
    void disabledTurnsTheWholeAutoConfigurationOff() {
        runner.withPropertyValues("eso4j.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(EsoProperties.class);
            assertThat(context).doesNotHaveBean("eso4jChangePublisher");
            assertThat(context).doesNotHaveBean(ExternalSecretsHealthIndicator.class);
            assertThat(context).doesNotHaveBean("eso4jSanitizingFunction");
        });
    }

    @Test
    void beansOfTheSameNameReplaceOurs() {
        HealthIndicator own = () -> Health.up().build();
        SanitizingFunction none = data -> data;
        runner.withBean("externalSecretsHealthIndicator", HealthIndicator.class, () -> own)
                .withBean("eso4jSanitizingFunction", SanitizingFunction.class, () -> none)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ExternalSecretsHealthIndicator.class);
                    assertThat(context.getBean("externalSecretsHealthIndicator"))
                            .isSameAs(own);
                    assertThat(context.getBean("eso4jSanitizingFunction")).isSameAs(none);
                });
    }

    @Test
    void healthIndicatorNeedsTheActuatorOnTheClasspath() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ExternalSecretsHealthIndicator.class);
                    assertThat(context).hasBean("eso4jChangePublisher");
                });
    }

    @Test
    void sanitizingNeedsTheActuatorEndpointsOnTheClasspath() {
        runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean("eso4jSanitizingFunction");
                });
    }

    @Test
    void metricsNeedMicrometerOnTheClasspath() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(EsoMetrics.class);
                });
    }

    @Test
    void metricsCountAwsCallsByOperationAndOutcomeAndTimeThem() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, () -> meters)
                .run(context -> {
                    assertThat(context).hasSingleBean(EsoMetrics.class);
                    registry.instances().get(0).refreshNow().get(10, TimeUnit.SECONDS);

                    double calls = meters.find("eso4j.aws.calls").tag("outcome", "success").counters().stream()
                            .mapToDouble(c -> c.count())
                            .sum();
                    assertThat(calls).isEqualTo(AWS.fake().totalCalls() - callsAtStart);
                    assertThat(meters.find("eso4j.aws.call.duration").timers())
                            .isNotEmpty()
                            .allSatisfy(timer -> assertThat(timer.count()).isPositive());
                    assertThat(meters.find("eso4j.secret.age")
                                    .tag("external.secret", "app")
                                    .gauge())
                            .isNotNull();
                    assertThat(meters.find("eso4j.refresh.cycles")
                                    .functionCounter()
                                    .count())
                            .isEqualTo(2);
                });
    }

    @Test
    void healthAndMetricsCoverEveryInstanceOfTheImports() throws Exception {
        registry.register(build("eso/store.yaml", "eso/other.yaml", "eso/missing.yaml"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, () -> meters)
                .run(context -> {
                    Health health = context.getBean(ExternalSecretsHealthIndicator.class)
                            .health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsOnlyKeys("app", "other", "missing");
                    assertThat(detail(health, "missing"))
                            .containsEntry("state", "missing")
                            .containsEntry("lastError", "SecretNotFoundException")
                            .containsEntry("consecutiveFailures", 1)
                            .doesNotContainKey("lastSuccess");
                    assertThat(detail(health, "other"))
                            .containsEntry("state", "current")
                            .containsKey("lastSuccess");
                    assertThat(meters.find("eso4j.refresh.cycles")
                                    .functionCounter()
                                    .count())
                            .isEqualTo(2);
                    assertThat(meters.find("eso4j.secrets.failing").gauge().value())
                            .isEqualTo(1);
                });
    }

    @Test
    void healthTurnsDownWhenASecretHasBeenFailingForTheThresholdAndNamesTheErrorClass() throws Exception {
        runner.withPropertyValues("eso4j.health.staleness-threshold=0s").run(context -> {
            HealthIndicator health = context.getBean(ExternalSecretsHealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(detail(health.health(), "app")).containsEntry("state", "current");

            AWS.secrets().forceDelete("app/db");
            registry.instances().get(0).refreshNow().get(10, TimeUnit.SECONDS);

            Health down = health.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(detail(down, "app"))
                    .containsEntry("state", "stale")
                    .containsEntry("consecutiveFailures", 1)
                    .containsEntry("lastError", "SecretNotFoundException")
                    .containsKeys("lastSuccess", "staleness");
            assertThat(down.toString()).doesNotContain("s3cr3t");
        });
    }

    @Test
    void failingSecretWithinTheThresholdKeepsHealthUp() throws Exception {
        runner.withPropertyValues("eso4j.health.staleness-threshold=1h").run(context -> {
            AWS.secrets().forceDelete("app/db");
            registry.instances().get(0).refreshNow().get(10, TimeUnit.SECONDS);

            Health health =
                    context.getBean(ExternalSecretsHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(detail(health, "app")).containsEntry("state", "failing");
        });
    }

    static Stream<Arguments> sanitizing() {
        PropertySource<?> eso = new MapPropertySource("eso:app", Map.of());
        PropertySource<?> other = new MapPropertySource("applicationConfig", Map.of());
        return Stream.of(
                Arguments.of(eso, "db-pass", true),
                Arguments.of(eso, "anything.at.all", true),
                Arguments.of(other, "db-pass", false),
                Arguments.of(other, "eso4j.store.auth.secret-access-key", true),
                Arguments.of(other, "eso4j.secret-keys.[aws-creds/secret]", true),
                Arguments.of(other, "eso4j.store.region", false),
                Arguments.of(null, "secretAccessKey", true),
                Arguments.of(null, "sessionToken", true),
                Arguments.of(null, "region", false));
    }

    @ParameterizedTest(name = "{0} {1} masked: {2}")
    @MethodSource("sanitizing")
    void sanitizingFunctionMasksEsoSourcesAndCredentialSettingsOnly(
            PropertySource<?> source, String key, boolean masked) {
        SanitizingFunction function =
                new EsoAutoConfiguration.Sanitizing().eso4jSanitizingFunction(new StandardEnvironment());
        SanitizableData result = function.apply(new SanitizableData(source, key, "v4lue"));
        assertThat(result.getValue()).isEqualTo(masked ? SanitizableData.SANITIZED_VALUE : "v4lue");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Health health, String externalSecret) {
        return (Map<String, Object>) health.getDetails().get(externalSecret);
    }

    private ExternalSecrets build(String... resources) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String resource : resources) {
            sources.put(resource, new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8));
        }
        ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(Manifests.parse(sources))
                .failOnError(false)
                .endpointOverride(AWS.endpoint())
                .secretKeyResolver(SecretKeyResolver.fromMap(Map.of(
                        "aws-creds/id", AWS.fake().accessKeyId(),
                        "aws-creds/secret", AWS.fake().secretAccessKey())))
                .awsCallListener(registry.callRelay())
                .coalesceWindow(Duration.ZERO)
                .build();
        callsAtStart = AWS.fake().totalCalls();
        return secrets;
    }
}
