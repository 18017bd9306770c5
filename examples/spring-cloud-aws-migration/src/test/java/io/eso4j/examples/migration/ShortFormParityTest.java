package io.eso4j.examples.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.secretsmanager.SecretsManagerPropertySource;
import io.eso4j.spring.EsoImportPropertySource;
import io.eso4j.testkit.FakeAws;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

/**
 * The short form {@code eso:aws:<id>} against Spring Cloud AWS 4.1's {@link SecretsManagerPropertySource} for the
 * same secret in the same fake AWS: the same property names and values, for a JSON object, a plain-text value (its
 * property is the last path segment of the id) and a JSON value that is not an object (plain text in both).
 */
class ShortFormParityTest {

    private static FakeAws aws;

    @BeforeAll
    static void start() {
        aws = SideBySide.startFake();
        aws.secrets().createSecret("prod/app/api-key", "k3y-Plain-Zq9");
        aws.secrets().createSecret("plain-root", "r00t-plain");
        aws.secrets().createSecret("team/counter", "42");
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DB-CREDENTIALS", "prod/app/api-key", "plain-root", "team/counter"})
    void eso4jGivesThePropertiesSpringCloudAwsGives(String secretId) {
        assertThat(eso4j(secretId)).isNotEmpty().isEqualTo(springCloudAws(secretId));
    }

    private static Map<String, Object> springCloudAws(String secretId) {
        SecretsManagerPropertySource source = new SecretsManagerPropertySource(secretId, aws.secretsManagerClient());
        source.init();
        Map<String, Object> properties = new TreeMap<>();
        for (String name : source.getPropertyNames()) {
            properties.put(name, source.getProperty(name));
        }
        return properties;
    }

    private static Map<String, Object> eso4j(String secretId) {
        SpringApplication application = new SpringApplication(ParityApp.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        Map<String, Object> properties = new TreeMap<>();
        try (ConfigurableApplicationContext context = application.run(
                "--spring.config.import=eso:aws:" + secretId,
                "--eso4j.endpoint=" + aws.endpoint(),
                "--eso4j.store.region=us-east-1",
                "--eso4j.store.auth.access-key-id=" + SideBySide.ACCESS_KEY_ID,
                "--eso4j.store.auth.secret-access-key=" + SideBySide.SECRET_ACCESS_KEY,
                "--spring.cloud.aws.secretsmanager.enabled=false",
                "--spring.cloud.aws.region.static=us-east-1")) {
            for (PropertySource<?> source : context.getEnvironment().getPropertySources()) {
                if (source instanceof EsoImportPropertySource secrets) {
                    for (String name : secrets.getPropertyNames()) {
                        properties.put(name, secrets.getProperty(name));
                    }
                }
            }
        }
        return properties;
    }

    /** An application with nothing but the import. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ParityApp {}
}
