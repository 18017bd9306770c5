package io.eso4j.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.spring.ExternalSecretsRegistry;
import io.eso4j.testkit.FakeAws;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * Issue 19: the testkit's JUnit pattern plus {@code @DynamicPropertySource} did not reach the {@code eso:} import
 * (config data is imported before test property sources exist), so a test talked to real AWS; the working pattern
 * took 13 lines of system properties. With {@code @EsoFakeAws} the imports reach the fake only, even when the
 * application names a real endpoint, and each test starts from the fixtures' values.
 */
@SpringBootTest(
        classes = EsoFakeAwsTest.App.class,
        properties = {
            "spring.config.import=eso:classpath:eso/app.yaml,eso:aws:app/api?prefix=api.",
            // an application's own setting for real AWS: the fake must win
            "eso4j.endpoint=https://secretsmanager.us-east-1.amazonaws.com",
            "spring.main.banner-mode=off"
        })
@EsoFakeAws(fixtures = "src/test/resources/secrets.json")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EsoFakeAwsTest {

    @Autowired
    Environment environment;

    @Autowired
    FakeAws aws;

    @Autowired
    ExternalSecretsRegistry registry;

    @Test
    @Order(1)
    void importsReadTheFixturesFromTheFakeWithoutSystemProperties() {
        assertThat(environment.getProperty("db-pass")).isEqualTo("s3cr3t");
        assertThat(environment.getProperty("api.token")).isEqualTo("t0ken");
        assertThat(environment.getProperty("eso4j.endpoint"))
                .isEqualTo(aws.endpoint().toString());
        assertThat(System.getProperty("aws.accessKeyId")).isNull();
        assertThat(System.getProperty("eso4j.endpoint")).isNull();
    }

    @Test
    @Order(2)
    void aRotationInOneTestIsSeenAfterRefreshNow() throws Exception {
        aws.secrets().rotate("app/db", "{\"password\":\"rotated\",\"user\":\"app\"}");
        registry.refreshNow().get(10, TimeUnit.SECONDS);

        assertThat(environment.getProperty("db-pass")).isEqualTo("rotated");
        assertThat(aws.calls("GetSecretValue") + aws.calls("BatchGetSecretValue"))
                .isPositive();
    }

    @Test
    @Order(3)
    void theNextTestStartsFromTheBaselineAgainWithItsOwnCallCounts() {
        assertThat(environment.getProperty("db-pass")).isEqualTo("s3cr3t");
        assertThat(aws.totalCalls()).isZero();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}
}
