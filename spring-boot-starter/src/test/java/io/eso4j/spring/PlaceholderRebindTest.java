package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.ExternalSecrets;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAwsExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * The starter's own rebinding (no Spring Cloud) follows placeholders: a JavaBean {@code @ConfigurationProperties}
 * fed through {@code app.db.password: ${alias}}, {@code alias: ${db-pass}} is rebound when {@code db-pass} changes,
 * and a bean whose rebind fails half-way (a setter that refuses once sealed, as a running Hikari pool's does) keeps
 * every value it had, is reported by bean and property (never a value), and the change event still goes out.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlaceholderRebindTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private ExternalSecretsRegistry registry;
    private ExternalSecrets secrets;

    @BeforeEach
    void resolve() throws IOException {
        AWS.secrets().createSecret("app/db", "{\"password\":\"s3cr3t-old\",\"user\":\"app\"}");
        registry = new ExternalSecretsRegistry();
        Map<String, String> sources = new LinkedHashMap<>();
        for (String resource : List.of("eso/store.yaml", "eso/app.yaml")) {
            sources.put(resource, new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8));
        }
        secrets = ExternalSecrets.builder()
                .manifests(Manifests.parse(sources))
                .endpointOverride(AWS.endpoint())
                .secretKeyResolver(SecretKeyResolver.fromMap(Map.of(
                        "aws-creds/id", AWS.fake().accessKeyId(),
                        "aws-creds/secret", AWS.fake().secretAccessKey())))
                .coalesceWindow(Duration.ZERO)
                .build();
        registry.register(secrets);
    }

    @AfterEach
    void close() {
        secrets.close();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EsoAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class))
                .withBean(EsoImports.REGISTRY_BEAN, ExternalSecretsRegistry.class, () -> registry)
                .withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new ExternalSecretPropertySource(secrets, ExternalSecretId.of("", "app"), "", false)))
                .withPropertyValues(
                        "app.db.password=${alias}",
                        "alias=${db-pass}",
                        "app.db.region=eu-west-1",
                        "sealed.password=${db-pass}",
                        "sealed.pool-name=main",
                        "sealed.tags.team=${db-pass}")
                .withUserConfiguration(App.class);
    }

    @Test
    void aBeanFedThroughPlaceholdersIsReboundAndASealedOneKeepsAllItsValues(CapturedOutput output) {
        runner().run(context -> {
            AppDb db = context.getBean(AppDb.class);
            Sealed sealed = context.getBean(Sealed.class);
            assertThat(db.getPassword()).isEqualTo("s3cr3t-old");
            assertThat(sealed.getPassword()).isEqualTo("s3cr3t-old");
            sealed.seal();

            AWS.secrets().rotate("app/db", "{\"password\":\"s3cr3t-new\",\"user\":\"app\"}");
            secrets.refreshNow().get(10, TimeUnit.SECONDS);
            assertThat(context.getBean(Changes.class).latch.await(10, TimeUnit.SECONDS))
                    .isTrue();

            assertThat(db.getPassword()).isEqualTo("s3cr3t-new");
            assertThat(db.getRegion()).isEqualTo("eu-west-1");
            // Not half applied: the setter that ran before the refusing one is undone, the map's contents too.
            assertThat(sealed.getPassword()).isEqualTo("s3cr3t-old");
            assertThat(sealed.getPoolName()).isEqualTo("main");
            assertThat(sealed.getTags()).containsExactly(Map.entry("team", "s3cr3t-old"));
            assertThat(sealed.passwordSets).hasSizeGreaterThanOrEqualTo(2);
            assertThat(context.getEnvironment().getProperty("sealed.password")).isEqualTo("s3cr3t-new");
            assertThat(context.getBean(Changes.class).events).hasSize(1);
        });
        assertThat(output.getAll())
                .contains("Could not rebind @ConfigurationProperties bean 'sealed")
                .contains("prefix 'sealed'")
                .contains("binding sealed.pool-name failed with java.lang.IllegalStateException")
                .doesNotContain("s3cr3t");
    }

    @Test
    void describingAFailureNamesThePropertyAndTheCauseClassOnly() {
        RuntimeException failure = new IllegalArgumentException("value s3cr3t is not a number");
        assertThat(BootPropertyRebinder.describe(failure))
                .isEqualTo("binding failed with java.lang.IllegalArgumentException")
                .doesNotContain("s3cr3t");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({AppDb.class, Sealed.class})
    static class App {

        @Bean
        Changes changes() {
            return new Changes();
        }
    }

    static class Changes implements ApplicationListener<ExternalSecretChangedEvent> {

        final List<ExternalSecretChangedEvent> events = new CopyOnWriteArrayList<>();
        final CountDownLatch latch = new CountDownLatch(1);

        @Override
        public void onApplicationEvent(ExternalSecretChangedEvent event) {
            events.add(event);
            latch.countDown();
        }
    }

    /** A user's properties whose prefix names no secret key: it depends on one through two placeholders. */
    @ConfigurationProperties("app.db")
    static class AppDb {

        private String password;
        private String region;

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }
    }

    /** Like a running Hikari pool's configuration: once sealed, {@code setPoolName} refuses, whatever the value. */
    @ConfigurationProperties("sealed")
    static class Sealed {

        final List<String> passwordSets = new ArrayList<>();
        private volatile boolean sealed;
        private String password;
        private String poolName;
        private Map<String, String> tags = new LinkedHashMap<>();

        void seal() {
            sealed = true;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            passwordSets.add(password);
            this.password = password;
        }

        public String getPoolName() {
            return poolName;
        }

        public void setPoolName(String poolName) {
            if (sealed) {
                throw new IllegalStateException("The configuration is sealed");
            }
            this.poolName = poolName;
        }

        public Map<String, String> getTags() {
            return tags;
        }
    }
}
