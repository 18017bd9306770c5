package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.ExternalSecrets;
import io.eso4j.testkit.FakeAws;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * A whole Boot application importing manifests against the testkit. Config data is imported before test property
 * sources exist, so the fake's endpoint and the store's keys reach the application as system properties, set in a
 * static initialiser before the context starts.
 */
@SpringBootTest(classes = EsoSpringBootTest.App.class)
class EsoSpringBootTest {

    private static final FakeAws AWS = FakeAws.start();

    static {
        AWS.secrets().createSecret("app/db", "{\"password\":\"s3cr3t\",\"user\":\"app\"}");
        AWS.secrets().createSecret("app/api", "{\"token\":\"t0ken\"}");
        System.setProperty(
                "spring.config.import", "eso:classpath:eso/store.yaml;classpath:eso/app.yaml;classpath:eso/other.yaml");
        System.setProperty("eso4j.endpoint", AWS.endpoint().toString());
        System.setProperty("eso4j.secret-keys.[aws-creds/id]", AWS.accessKeyId());
        System.setProperty("eso4j.secret-keys.[aws-creds/secret]", AWS.secretAccessKey());
    }

    @Value("${db-pass}")
    String dbPass;

    @Autowired
    Environment environment;

    @Autowired
    ExternalSecrets secrets;

    @Autowired
    ExternalSecretsRegistry registry;

    @Autowired
    ExternalSecretsHealthIndicator externalSecretsHealthIndicator;

    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void stop() {
        System.clearProperty("spring.config.import");
        System.clearProperty("eso4j.endpoint");
        System.clearProperty("eso4j.secret-keys.[aws-creds/id]");
        System.clearProperty("eso4j.secret-keys.[aws-creds/secret]");
        AWS.close();
    }

    @Test
    void injectsValuesAndServesRotationsLive() throws Exception {
        assertThat(dbPass).isEqualTo("s3cr3t");
        assertThat(environment.getProperty("token")).isEqualTo("t0ken");

        AWS.secrets().rotate("app/api", "{\"token\":\"n3w-t0ken\"}");
        secrets.refreshNow().get(10, TimeUnit.SECONDS);

        assertThat(environment.getProperty("token")).isEqualTo("n3w-t0ken");
        assertThat(registry.instances()).containsExactly(secrets);
    }

    @Test
    void healthIsUpWithDetailsPerExternalSecretAndAwsCallsAreMetered() throws Exception {
        secrets.refreshNow().get(10, TimeUnit.SECONDS);

        BootLine.Result health = BootLine.of(externalSecretsHealthIndicator);
        assertThat(health.status()).isEqualTo("UP");
        assertThat(health.details()).containsOnlyKeys("app", "other");
        assertThat(meters.find("eso4j.aws.calls").tag("outcome", "success").counters())
                .isNotEmpty();
        assertThat(meters.find("eso4j.aws.call.duration").timers()).isNotEmpty();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}
}
