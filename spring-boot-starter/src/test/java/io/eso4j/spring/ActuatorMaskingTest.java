package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.eso4j.ExternalSecrets;
import io.eso4j.testkit.FakeAwsExtension;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.beans.BeansEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Masking follows the secret, not the property name: a Boot application with the actuator, {@code show-values:
 * always}, and {@code spring.datasource.password: ${db-pass}} (Boot's DataSource and Hikari pool, never connected),
 * a user's properties bean fed through two placeholders, and sentinel credentials from the testkit's fake AWS.
 * Every endpoint that shows values ({@code /actuator/info} included, which Boot does not sanitize), and the logs, must be free of the sentinels, before and after a rotation, while
 * values that do not come from a secret stay visible. Tagged {@code postgres}: it runs in the execution that has
 * Boot's JDBC support on the classpath.
 */
@Tag("postgres")
@ExtendWith(OutputCaptureExtension.class)
class ActuatorMaskingTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final String USER = "s3ntinel-user-Kq";
    private static final String PASSWORD = "s3ntinel-pass-Zr";
    private static final String ROTATED = "s3ntinel-rotated-Wx";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void noEndpointAndNoLogLineShowsAValueThatCameFromASecretThroughPlaceholders(CapturedOutput output)
            throws Exception {
        AWS.secrets().createSecret("app/pg", "{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.config.name=masking",
                        "--eso4j.endpoint=" + AWS.endpoint(),
                        "--eso4j.secret-keys.[aws-creds/id]=" + AWS.fake().accessKeyId(),
                        "--eso4j.secret-keys.[aws-creds/secret]=" + AWS.fake().secretAccessKey(),
                        "--spring.main.banner-mode=off")) {
            // The application does see the secret through every placeholder.
            assertThat(context.getBean(AppDb.class).getPassword()).isEqualTo(PASSWORD);
            assertThat(context.getBean(AppDb.class).getFallback()).isEqualTo(USER);
            assertThat(context.getBean(HikariDataSource.class).getPassword()).isEqualTo(PASSWORD);

            String everything = views(context);
            assertThat(everything).doesNotContain(USER).doesNotContain(PASSWORD);
            assertThat(everything).doesNotContain(AWS.fake().secretAccessKey());

            JsonNode entry = json.valueToTree(
                    context.getBean(EnvironmentEndpoint.class).environmentEntry("spring.datasource.password"));
            assertThat(entry.path("property").path("value").asText()).isEqualTo("******");
            JsonNode beans = configprops(context);
            assertThat(bean(beans, "spring.datasource")
                            .path("properties")
                            .path("password")
                            .asText())
                    .isEqualTo("******");
            assertThat(bean(beans, "spring.datasource.hikari")
                            .path("properties")
                            .path("password")
                            .asText())
                    .isEqualTo("******");
            assertThat(bean(beans, "spring.datasource.hikari")
                            .path("properties")
                            .path("username")
                            .asText())
                    .isEqualTo("******");
            assertThat(bean(beans, "app.db").path("properties").path("password").asText())
                    .isEqualTo("******");
            assertThat(bean(beans, "app.db").path("properties").path("fallback").asText())
                    .isEqualTo("******");
            // What does not come from a secret stays visible: masking follows the secret, not every value.
            assertThat(bean(beans, "app.db").path("properties").path("region").asText())
                    .isEqualTo("eu-west-1");
            assertThat(bean(beans, "spring.datasource.hikari")
                            .path("properties")
                            .path("poolName")
                            .asText())
                    .isEqualTo("main-pool");
            // Boot shows info.* unsanitized; the starter masks what is a secret's value there too.
            JsonNode info = json.valueToTree(context.getBean(InfoEndpoint.class).info());
            assertThat(info.path("owner").asText()).isEqualTo("******");
            assertThat(info.path("team").asText()).isEqualTo("payments");
            JsonNode url = json.valueToTree(
                    context.getBean(EnvironmentEndpoint.class).environmentEntry("spring.datasource.url"));
            assertThat(url.path("property").path("value").asText()).isEqualTo("jdbc:postgresql://127.0.0.1:1/none");

            // After a rotation the new values are masked as well, wherever they were copied to.
            Changed changed = context.getBean(Changed.class);
            AWS.secrets().rotate("app/pg", "{\"username\":\"" + USER + "\",\"password\":\"" + ROTATED + "\"}");
            context.getBean(ExternalSecrets.class).refreshNow().get(10, TimeUnit.SECONDS);
            assertThat(changed.latch.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(context.getBean(HikariDataSource.class).getPassword()).isEqualTo(ROTATED);
            assertThat(views(context)).doesNotContain(ROTATED).doesNotContain(USER);
        }
        assertThat(output.getAll())
                .doesNotContain(USER)
                .doesNotContain(PASSWORD)
                .doesNotContain(ROTATED);
    }

    /** Everything the env, configprops and beans endpoints show, as JSON. */
    private String views(ConfigurableApplicationContext context) throws Exception {
        EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
        StringBuilder all = new StringBuilder();
        all.append(json.writeValueAsString(env.environment(null)));
        for (String name : new String[] {
            "spring.datasource.password",
            "spring.datasource.username",
            "db-pass",
            "db-user",
            "app-pass",
            "app.db.password",
            "app.db.fallback"
        }) {
            all.append(json.writeValueAsString(env.environmentEntry(name)));
        }
        all.append(json.writeValueAsString(
                context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties()));
        all.append(json.writeValueAsString(context.getBean(BeansEndpoint.class).beans()));
        all.append(json.writeValueAsString(context.getBean(InfoEndpoint.class).info()));
        return all.toString();
    }

    private JsonNode configprops(ConfigurableApplicationContext context) {
        return json.valueToTree(context.getBean(ConfigurationPropertiesReportEndpoint.class)
                        .configurationProperties())
                .path("contexts")
                .elements()
                .next()
                .path("beans");
    }

    private static JsonNode bean(JsonNode beans, String prefix) {
        for (JsonNode bean : beans) {
            if (prefix.equals(bean.path("prefix").asText())) {
                return bean;
            }
        }
        throw new AssertionError("no @ConfigurationProperties bean with prefix " + prefix + " in " + beans);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableConfigurationProperties(AppDb.class)
    static class App {

        @Bean
        Changed changed() {
            return new Changed();
        }
    }

    /** Counts down on the first change event. */
    static class Changed implements ApplicationListener<ExternalSecretChangedEvent> {

        final CountDownLatch latch = new CountDownLatch(1);

        @Override
        public void onApplicationEvent(ExternalSecretChangedEvent event) {
            latch.countDown();
        }
    }

    /** A user's own properties, fed through {@code app.db.password: ${app-pass}} and {@code app-pass: ${db-pass}}. */
    @ConfigurationProperties("app.db")
    static class AppDb {

        private String password;
        private String fallback;
        private String region;

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getFallback() {
            return fallback;
        }

        public void setFallback(String fallback) {
            this.fallback = fallback;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }
    }
}
