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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * A rotation with and without Spring Cloud Context: with it, one EnvironmentChangeEvent naming the changed properties,
 * Spring Cloud's rebinding (and not ours as well) and refreshed {@code @RefreshScope} beans; without it, the starter's
 * own rebinding. Either way one ExternalSecretChangedEvent.
 */
class SpringCloudRefreshTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private ExternalSecretsRegistry registry;
    private ExternalSecrets secrets;

    private ApplicationContextRunner runner(Class<?> userConfiguration) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EsoAutoConfiguration.class))
                .withBean(EsoImports.REGISTRY_BEAN, ExternalSecretsRegistry.class, () -> registry)
                .withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new ExternalSecretPropertySource(secrets, ExternalSecretId.of("", "app"), "", true)))
                .withUserConfiguration(userConfiguration);
    }

    private ApplicationContextRunner withSpringCloud() {
        return runner(RefreshScopedApp.class)
                .withConfiguration(AutoConfigurations.of(
                        RefreshAutoConfiguration.class, ConfigurationPropertiesRebinderAutoConfiguration.class));
    }

    @BeforeEach
    void resolve() throws IOException {
        AWS.secrets().createSecret("app/db", "{\"password\":\"s3cr3t\",\"user\":\"app\"}");
        AWS.secrets().createSecret("app/api", "{\"token\":\"t0ken\"}");
        registry = new ExternalSecretsRegistry();
        secrets = build("eso/store.yaml", "eso/app.yaml");
        registry.register(secrets);
    }

    @AfterEach
    void close() {
        secrets.close();
    }

    @Test
    void withSpringCloudContextAChangeIsOneEnvironmentChangeEventNamingTheChangedProperties() {
        withSpringCloud().run(context -> {
            assertThat(context).hasBean("eso4jSpringCloudRebinder");
            rotateAndWait(context);

            List<Set<String>> keys = context.getBean(EnvironmentChanges.class).keys;
            assertThat(keys).hasSize(1);
            assertThat(keys.get(0)).contains("db-pass", "db", "db.password").doesNotContain("n3w");
            assertThat(context.getBean(Changes.class).events).hasSize(1);
        });
    }

    @Test
    void withSpringCloudContextConfigurationPropertiesAreReboundExactlyOnce() {
        withSpringCloud().run(context -> {
            DbProperties db = context.getBean(DbProperties.class);
            int bindsBefore = db.binds.get();
            rotateAndWait(context);

            assertThat(db.getPassword()).isEqualTo("n3w");
            assertThat(db.binds.get() - bindsBefore).isEqualTo(1);
        });
    }

    @Test
    void withSpringCloudContextRefreshScopeBeansSeeTheNewValue() {
        withSpringCloud().run(context -> {
            DbPass dbPass = context.getBean(DbPass.class);
            assertThat(dbPass.value()).isEqualTo("s3cr3t");
            assertThat(context.getBean(RefreshScope.class)).isNotNull();

            rotateAndWait(context);

            assertThat(dbPass.value()).isEqualTo("n3w");
            assertThat(context.getBean(DbPass.class).value()).isEqualTo("n3w");
        });
    }

    @Test
    void withoutSpringCloudContextTheStarterRebindsByItself() {
        runner(PlainApp.class)
                .withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean("eso4jSpringCloudRebinder");
                    DbProperties db = context.getBean(DbProperties.class);
                    int bindsBefore = db.binds.get();

                    rotateAndWait(context);

                    assertThat(db.getPassword()).isEqualTo("n3w");
                    assertThat(db.binds.get() - bindsBefore).isEqualTo(1);
                    assertThat(context.getBean(Changes.class).events).hasSize(1);
                });
    }

    @Test
    void springCloudContextWithoutItsRebinderLeavesTheRebindingToTheStarter() {
        runner(PlainApp.class).run(context -> {
            assertThat(context).doesNotHaveBean("eso4jSpringCloudRebinder");
            DbProperties db = context.getBean(DbProperties.class);
            int bindsBefore = db.binds.get();

            rotateAndWait(context);

            assertThat(db.getPassword()).isEqualTo("n3w");
            assertThat(db.binds.get() - bindsBefore).isEqualTo(1);
        });
    }

    private void rotateAndWait(AssertableApplicationContext context) throws Exception {
        assertThat(context.getBean(DbProperties.class).getPassword()).isEqualTo("s3cr3t");
        AWS.secrets().rotate("app/db", "{\"password\":\"n3w\",\"user\":\"app\"}");
        secrets.refreshNow().get(10, TimeUnit.SECONDS);
        assertThat(context.getBean(Changes.class).latch.await(10, TimeUnit.SECONDS))
                .isTrue();
    }

    private ExternalSecrets build(String... resources) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String resource : resources) {
            sources.put(resource, new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8));
        }
        return ExternalSecrets.builder()
                .manifests(Manifests.parse(sources))
                .endpointOverride(AWS.endpoint())
                .secretKeyResolver(SecretKeyResolver.fromMap(Map.of(
                        "aws-creds/id", AWS.fake().accessKeyId(),
                        "aws-creds/secret", AWS.fake().secretAccessKey())))
                .coalesceWindow(Duration.ZERO)
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DbProperties.class)
    static class PlainApp {

        @Bean
        Changes changes() {
            return new Changes();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DbProperties.class)
    static class RefreshScopedApp {

        @Bean
        Changes changes() {
            return new Changes();
        }

        @Bean
        EnvironmentChanges environmentChanges() {
            return new EnvironmentChanges();
        }

        @Bean
        @org.springframework.cloud.context.config.annotation.RefreshScope
        DbPass dbPass(@Value("${db-pass}") String value) {
            return new DbPass(value);
        }
    }

    /** A refresh-scoped bean holding a value injected once per instance. */
    static class DbPass {

        private final String value;

        DbPass() {
            this("");
        }

        DbPass(String value) {
            this.value = value;
        }

        String value() {
            return value;
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

    static class EnvironmentChanges implements ApplicationListener<EnvironmentChangeEvent> {

        final List<Set<String>> keys = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(EnvironmentChangeEvent event) {
            keys.add(event.getKeys());
        }
    }

    /** JavaBean-bound properties that count how often they were bound. */
    @ConfigurationProperties("db")
    static class DbProperties implements InitializingBean {

        final AtomicInteger binds = new AtomicInteger();
        private String password;

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        @Override
        public void afterPropertiesSet() {
            binds.incrementAndGet();
        }
    }
}
