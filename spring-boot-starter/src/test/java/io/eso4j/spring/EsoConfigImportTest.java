package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.ExternalSecrets;
import io.eso4j.InvalidSpecException;
import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.testkit.DenyRule;
import io.eso4j.testkit.FakeAwsExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

class EsoConfigImportTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final String MANIFESTS = "classpath:eso/store.yaml;classpath:eso/app.yaml";

    @BeforeEach
    void secrets() {
        AWS.secrets().createSecret("app/db", "{\"password\":\"s3cr3t\",\"user\":\"app\"}");
        AWS.secrets().createSecret("app/api", "{\"token\":\"t0ken\"}");
    }

    @Test
    void importsEveryExternalSecretAsAPropertySourceInOnePlan() {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:" + MANIFESTS + ";classpath:eso/other.yaml")) {
            assertThat(context.getBean(TestApp.class).dbPass).isEqualTo("s3cr3t");
            assertThat(context.getEnvironment().getProperty("token")).isEqualTo("t0ken");
            // One property source for the import (all its items), its ExternalSecrets as members (the
            // per-ExternalSecret view).
            var sources = context.getEnvironment().getPropertySources();
            assertThat(sources.stream().filter(source -> source.getName().startsWith("eso:")))
                    .singleElement()
                    .isInstanceOfSatisfying(EsoImportPropertySource.class, item -> {
                        assertThat(item.getName()).isEqualTo("eso:" + MANIFESTS + ";classpath:eso/other.yaml");
                        assertThat(item.members())
                                .extracting(ExternalSecretPropertySource::externalSecret)
                                .containsExactly("app", "other");
                        assertThat(item.getProperty("token")).isEqualTo("t0ken");
                    });
            assertThat(AWS.fake().calls("GetSecretValue") + AWS.fake().calls("BatchGetSecretValue"))
                    .isEqualTo(1);
        }
    }

    @Test
    void prefixNamespacesTheKeysOfOneItem() {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:" + MANIFESTS + ";classpath:eso/other.yaml?prefix=api.")) {
            assertThat(context.getEnvironment().getProperty("api.token")).isEqualTo("t0ken");
            assertThat(context.getEnvironment().getProperty("token")).isNull();
        }
    }

    @Test
    void flattensJsonValuesIntoDottedPropertiesWhenAsked() {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:" + MANIFESTS, "--eso4j.flatten-json=true")) {
            assertThat(context.getEnvironment().getProperty("db.user")).isEqualTo("app");
            assertThat(context.getBean(DbProperties.class).getPassword()).isEqualTo("s3cr3t");
        }
    }

    @Test
    void optionalImportThatFailsStartsWithoutItsPropertiesAndHealthSaysSo() {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:" + MANIFESTS + ",optional:eso:classpath:eso/optional.yaml")) {
            assertThat(context.getEnvironment().getProperty("db-pass")).isEqualTo("s3cr3t");
            assertThat(context.getEnvironment().getProperty("nothing")).isNull();
            BootLine.Result health = BootLine.of(context.getBean("externalSecretsHealthIndicator"));
            assertThat(health.status()).isEqualTo("DOWN");
            assertThat(health.details()).containsKey("missing");
        }
    }

    @Test
    void optionalLocationThatDoesNotExistIsIgnored() {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:" + MANIFESTS + ",optional:eso:classpath:eso/nowhere.yaml")) {
            assertThat(context.getEnvironment().getProperty("db-pass")).isEqualTo("s3cr3t");
        }
    }

    @Test
    void missingSecretFailsTheStartWithAnActionNamingTheSecret() {
        assertThatThrownBy(() -> start("--spring.config.import=eso:" + MANIFESTS + ";classpath:eso/missing.yaml"))
                .satisfies(failure -> {
                    FailureAnalysis analysis = new EsoFailureAnalyzer().analyze(failure);
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getCause()).isInstanceOf(SecretNotFoundException.class);
                    assertThat(analysis.getDescription()).contains("missing").doesNotContain("s3cr3t");
                    assertThat(analysis.getAction()).contains("app/does-not-exist");
                });
    }

    @Test
    void accessDeniedFailsTheStartWithThePermissionToGrant() {
        AWS.fake().deny(DenyRule.operation("BatchGetSecretValue"));
        AWS.fake().deny(DenyRule.operation("GetSecretValue").forSecretIds("app/db"));
        assertThatThrownBy(() -> start("--spring.config.import=eso:" + MANIFESTS))
                .satisfies(failure -> {
                    FailureAnalysis analysis = new EsoFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getCause()).isInstanceOf(SecretAccessDeniedException.class);
                    assertThat(analysis.getAction())
                            .contains("secretsmanager:GetSecretValue")
                            .contains("app/db");
                    assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("s3cr3t");
                });
    }

    @Test
    void storeWhoseCredentialsCannotResolveFailsTheStartWithACredentialsAction() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TestApp.class)
                        .web(WebApplicationType.NONE)
                        .run(
                                "--spring.config.import=eso:" + MANIFESTS,
                                "--eso4j.endpoint=" + AWS.endpoint(),
                                "--spring.main.banner-mode=off"))
                .satisfies(failure -> {
                    FailureAnalysis analysis = new EsoFailureAnalyzer().analyze(failure);
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("aws-creds");
                    assertThat(analysis.getAction()).contains("eso4j.secret-keys");
                });
    }

    @Test
    void customizerFromTheBootstrapRegistryAdjustsTheBuilder() {
        List<String> operations = new CopyOnWriteArrayList<>();
        List<String> args = new ArrayList<>(List.of(
                "--spring.config.import=eso:" + MANIFESTS,
                "--eso4j.endpoint=" + AWS.endpoint(),
                "--eso4j.secret-keys.[aws-creds/id]=" + AWS.fake().accessKeyId(),
                "--eso4j.secret-keys.[aws-creds/secret]=" + AWS.fake().secretAccessKey(),
                "--spring.main.banner-mode=off"));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApp.class)
                .web(WebApplicationType.NONE)
                .addBootstrapRegistryInitializer(registry -> registry.register(
                        ExternalSecretsCustomizer.class,
                        bootstrap -> builder ->
                                builder.awsCallListener((operation, success, latency) -> operations.add(operation))))
                .run(args.toArray(String[]::new))) {
            assertThat(context.getEnvironment().getProperty("db-pass")).isEqualTo("s3cr3t");
            assertThat(operations).isNotEmpty().allMatch(operation -> operation.endsWith("SecretValue"));
        }
    }

    @Test
    void invalidManifestFailsTheStartWithTheFieldToFix() {
        assertThatThrownBy(() -> start("--spring.config.import=eso:" + MANIFESTS + ";classpath:eso/invalid.yaml"))
                .satisfies(failure -> {
                    FailureAnalysis analysis = new EsoFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getCause()).isInstanceOf(InvalidSpecException.class);
                    assertThat(analysis.getDescription()).contains("remoteRef.key");
                    assertThat(analysis.getAction()).contains("manifest");
                });
    }

    @Test
    void shortFormReadsEachSecretIdAgainstThePropertyStore() {
        try (ConfigurableApplicationContext context = start(
                "--spring.config.import=eso:aws:app/db;app/api?prefix=api.",
                "--eso4j.store.region=us-east-1",
                "--eso4j.store.auth.access-key-id=" + AWS.fake().accessKeyId(),
                "--eso4j.store.auth.secret-access-key=" + AWS.fake().secretAccessKey())) {
            assertThat(context.getEnvironment().getProperty("password")).isEqualTo("s3cr3t");
            assertThat(context.getEnvironment().getProperty("api.token")).isEqualTo("t0ken");
        }
    }

    /**
     * Issue 19 item 6: a plain-text secret through the short form failed with advice; Spring Cloud AWS's
     * aws-secretsmanager: gives it the last path segment of the id, and so does eso4j now. The instance built before
     * the value was known to be plain text is closed and is not among the registry's.
     */
    @Test
    void shortFormGivesAPlainTextSecretTheLastPathSegmentOfItsId() {
        AWS.secrets().createSecret("prod/app/api-key", "k3y-plain");
        try (ConfigurableApplicationContext context = start(
                "--spring.config.import=eso:aws:prod/app/api-key?prefix=ext.;app/db",
                "--eso4j.store.region=us-east-1",
                "--eso4j.store.auth.access-key-id=" + AWS.fake().accessKeyId(),
                "--eso4j.store.auth.secret-access-key=" + AWS.fake().secretAccessKey())) {
            assertThat(context.getEnvironment().getProperty("ext.api-key")).isEqualTo("k3y-plain");
            assertThat(context.getEnvironment().getProperty("password")).isEqualTo("s3cr3t");
            ExternalSecretsRegistry registry = context.getBean(ExternalSecretsRegistry.class);
            assertThat(registry.instances()).hasSize(1);
            assertThat(registry.instances().get(0).failures()).isEmpty();
        }
    }

    /** Issue 19: the same id imported twice with different ?prefix= silently lost one (Spring Cloud AWS keeps both). */
    @Test
    void sameSecretImportedTwiceWithDifferentPrefixesKeepsBoth() {
        try (ConfigurableApplicationContext context = start(
                "--spring.config.import=eso:aws:app/db?prefix=primary.;app/db?prefix=replica.,eso:aws:app/db",
                "--eso4j.store.region=us-east-1",
                "--eso4j.store.auth.access-key-id=" + AWS.fake().accessKeyId(),
                "--eso4j.store.auth.secret-access-key=" + AWS.fake().secretAccessKey())) {
            assertThat(context.getEnvironment().getProperty("primary.password")).isEqualTo("s3cr3t");
            assertThat(context.getEnvironment().getProperty("replica.password")).isEqualTo("s3cr3t");
            assertThat(context.getEnvironment().getProperty("password")).isEqualTo("s3cr3t");
            assertThat(AWS.fake().calls("GetSecretValue") + AWS.fake().calls("BatchGetSecretValue"))
                    .isEqualTo(BootLine.IMPORTS_RESOLVED_TOGETHER ? 1 : 2); // Boot 3.5 loads each import on its own
        }
    }

    @Test
    void anItemInTwoImportsLoadsOnceAndTheSecondImportKeepsItsOtherItems() {
        try (ConfigurableApplicationContext context = start(
                "--spring.config.import=eso:aws:app/db,eso:aws:app/db;app/api?prefix=api.",
                "--eso4j.store.region=us-east-1",
                "--eso4j.store.auth.access-key-id=" + AWS.fake().accessKeyId(),
                "--eso4j.store.auth.secret-access-key=" + AWS.fake().secretAccessKey())) {
            assertThat(context.getEnvironment().getProperty("password")).isEqualTo("s3cr3t");
            assertThat(context.getEnvironment().getProperty("api.token")).isEqualTo("t0ken");
            assertThat(AWS.fake().requests().stream()
                            .filter(r -> r.resourceIds().contains("app/db"))
                            .count())
                    .isEqualTo(1);
        }
    }

    /**
     * Issue 19 item 5: eso4j.* in a profile file was ignored silently (bound once, at the first import), then failed
     * the start; now it is honoured: the imports are resolved again with it, and only its property sources remain.
     */
    @Test
    void settingFromAProfileFileThatArrivesAfterTheFirstImportIsHonoured() {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:" + MANIFESTS, "--spring.profiles.active=late")) {
            assertThat(context.getEnvironment().getProperty("late-prefix.db-pass"))
                    .isEqualTo("s3cr3t");
            assertThat(context.getEnvironment().getProperty("db-pass")).isNull();
            assertThat(context.getEnvironment().getPropertySources().stream()
                            .filter(source -> source instanceof EsoImportPropertySource))
                    .hasSize(1);
            ExternalSecretsRegistry registry = context.getBean(ExternalSecretsRegistry.class);
            assertThat(registry.instances()).hasSize(1);
            assertThat(context.getBean(ExternalSecrets.class))
                    .isSameAs(registry.instances().get(0));
        }
    }

    /**
     * Issue 19: eso4j.enabled=false from a profile file that arrives after the import was resolved turns eso4j off
     * as if it had been seen first: no eso4j property source, no registry bean, no instance left open.
     */
    @Test
    void aLateEnabledFalseRemovesTheImportsAndTheirInstances() {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:" + MANIFESTS, "--spring.profiles.active=lateoff")) {
            assertThat(context.getEnvironment().getProperty("db-pass")).isNull();
            assertThat(context.getEnvironment().getPropertySources().stream()
                            .filter(source -> source instanceof EsoImportPropertySource))
                    .isEmpty();
            assertThat(context.getBeansOfType(ExternalSecretsRegistry.class)).isEmpty();
            assertThat(context.getBeansOfType(ExternalSecrets.class)).isEmpty();
        }
    }

    /**
     * Issue 19 item 5: a late setting (eso4j.prefix from a profile file) applies to every item of the imports, manifests
     * and short form alike, and they are resolved again together, in one instance.
     */
    @Test
    void aLateSettingAppliesToEveryImportAndTheyShareOneInstance() {
        try (ConfigurableApplicationContext context = start(
                "--spring.config.import=eso:" + MANIFESTS + ",eso:aws:app/api",
                "--spring.profiles.active=late",
                "--eso4j.store.region=us-east-1",
                "--eso4j.store.auth.access-key-id=" + AWS.fake().accessKeyId(),
                "--eso4j.store.auth.secret-access-key=" + AWS.fake().secretAccessKey())) {
            assertThat(context.getEnvironment().getProperty("late-prefix.db-pass"))
                    .isEqualTo("s3cr3t");
            assertThat(context.getEnvironment().getProperty("late-prefix.token"))
                    .isEqualTo("t0ken");
            assertThat(context.getBean(ExternalSecretsRegistry.class).instances())
                    .hasSize(1);
        }
    }

    @Test
    void shortFormWithoutRegionFailsWithARegionAction() {
        assertThatThrownBy(
                        () -> start("--spring.config.import=eso:aws:app/db", "--aws.region=", "--eso4j.store.region="))
                .satisfies(failure -> {
                    FailureAnalysis analysis = new EsoFailureAnalyzer().analyze(failure);
                    if (System.getenv("AWS_REGION") == null && System.getProperty("aws.region") == null) {
                        assertThat(analysis.getAction()).contains("eso4j.store.region");
                    }
                });
    }

    @Test
    void disabledImportsGiveNoProperties() {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=optional:eso:" + MANIFESTS, "--eso4j.enabled=false")) {
            assertThat(context.getEnvironment().getProperty("db-pass")).isNull();
            assertThat(context.getBeansOfType(ExternalSecrets.class)).isEmpty();
        }
    }

    /** Issue 19: eso4j.enabled=false failed every required import ("Config data location 'eso:…' does not exist"). */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void disabledMakesEveryRequiredImportANoOpWithOneInfo(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start(
                "--spring.config.import=eso:" + MANIFESTS + ",eso:aws:app/db,eso:classpath:eso/nowhere.yaml",
                "--eso4j.enabled=false")) {
            assertThat(context.getEnvironment().getProperty("db-pass")).isNull();
            assertThat(context.getEnvironment().getProperty("password")).isNull();
            assertThat(context.getBeansOfType(ExternalSecrets.class)).isEmpty();
            assertThat(AWS.fake().requests()).isEmpty();
        }
        assertThat(output.getOut().split("eso4j.enabled=false", -1)).hasSize(2);
    }

    @Test
    void rotationReachesEnvironmentConfigurationPropertiesHandleAndOneEvent() throws Exception {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:" + MANIFESTS, "--eso4j.flatten-json=true")) {
            ExternalSecrets handle = context.getBean(ExternalSecrets.class);
            Changes changes = context.getBean(Changes.class);
            assertThat(context.getBean(DbProperties.class).getPassword()).isEqualTo("s3cr3t");

            AWS.secrets().rotate("app/db", "{\"password\":\"n3w\",\"user\":\"app\"}");
            handle.refreshNow().get(10, TimeUnit.SECONDS);

            assertThat(changes.latch.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(context.getEnvironment().getProperty("db-pass")).isEqualTo("n3w");
            assertThat(context.getBean(DbProperties.class).getPassword()).isEqualTo("n3w");
            assertThat(handle.get("app").string("db-pass")).contains("n3w");
            assertThat(changes.events).hasSize(1);
            assertThat(changes.events.get(0).externalSecret()).isEqualTo("app");
            assertThat(changes.events.get(0).changedKeys()).containsExactlyInAnyOrder("db-pass", "db");
            assertThat(changes.events.get(0).toString()).doesNotContain("n3w");
        }
    }

    /** Issue 19: ExternalSecrets.refreshNow() completes before rebinding and events (rebound in 2 of 10 checks). */
    @Test
    void registryRefreshNowCompletesAfterTheChangeIsReboundAndPublished() throws Exception {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:" + MANIFESTS, "--eso4j.flatten-json=true")) {
            ExternalSecretsRegistry registry = context.getBean(ExternalSecretsRegistry.class);
            Changes changes = context.getBean(Changes.class);
            for (int i = 1; i <= 10; i++) {
                AWS.secrets().rotate("app/db", "{\"password\":\"n3w-" + i + "\",\"user\":\"app\"}");
                registry.refreshNow().get(10, TimeUnit.SECONDS);

                assertThat(context.getBean(DbProperties.class).getPassword()).isEqualTo("n3w-" + i);
                assertThat(changes.events).hasSize(i);
            }
            registry.refreshNow().get(10, TimeUnit.SECONDS); // nothing changed: completes without an event
            assertThat(changes.events).hasSize(10);
        }
    }

    @Test
    void actuatorEndpointsNeverShowSecretValues() throws Exception {
        try (ConfigurableApplicationContext context = start(
                "--spring.config.import=eso:" + MANIFESTS,
                "--eso4j.flatten-json=true",
                "--management.endpoints.web.exposure.include=*",
                "--management.endpoint.env.show-values=always",
                "--management.endpoint.configprops.show-values=always")) {
            ObjectMapper json = new ObjectMapper();
            String env = json.writeValueAsString(
                    context.getBean(EnvironmentEndpoint.class).environment(null));
            String entry = json.writeValueAsString(
                    context.getBean(EnvironmentEndpoint.class).environmentEntry("db-pass"));
            String configprops = json.writeValueAsString(
                    context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
            assertThat(env).contains("eso:" + MANIFESTS).doesNotContain("s3cr3t");
            assertThat(entry).contains("******").doesNotContain("s3cr3t");
            assertThat(configprops).contains("\"prefix\":\"db\"").doesNotContain("s3cr3t");
            assertThat(env + entry + configprops).doesNotContain(AWS.fake().secretAccessKey());
        }
    }

    @Test
    void healthIsUpWhenEverySecretIsCurrent() {
        try (ConfigurableApplicationContext context = start("--spring.config.import=eso:" + MANIFESTS)) {
            BootLine.Result health = BootLine.of(context.getBean("externalSecretsHealthIndicator"));
            assertThat(health.status()).isEqualTo("UP");
            assertThat(health.details().toString()).doesNotContain("s3cr3t");
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--eso4j.endpoint=" + AWS.endpoint(),
                "--eso4j.secret-keys.[aws-creds/id]=" + AWS.fake().accessKeyId(),
                "--eso4j.secret-keys.[aws-creds/secret]=" + AWS.fake().secretAccessKey(),
                "--spring.main.banner-mode=off"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(TestApp.class)
                .web(WebApplicationType.NONE)
                .run(all.toArray(String[]::new));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableConfigurationProperties(DbProperties.class)
    static class TestApp {

        @Value("${db-pass:}")
        String dbPass;

        @Bean
        Changes changes() {
            return new Changes();
        }
    }

    @Component
    static class Changes implements ApplicationListener<ExternalSecretChangedEvent> {

        final List<ExternalSecretChangedEvent> events = new CopyOnWriteArrayList<>();
        final CountDownLatch latch = new CountDownLatch(1);

        @Override
        public void onApplicationEvent(ExternalSecretChangedEvent event) {
            events.add(event);
            latch.countDown();
        }
    }

    @ConfigurationProperties("db")
    static class DbProperties {

        private String password;
        private String user;

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }
    }
}
