package io.eso4j.examples.aot;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.testkit.FakeAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the application that {@code spring-boot:process-aot} processed in this build (with no AWS, no fake, no
 * credentials; before issue 19 that processing failed on the fetch) with {@code spring.aot.enabled=true} (set by
 * surefire in the pom) against the fake AWS: the generated bean definitions are used, the import is resolved at run
 * time, and the eso4j beans generated at build time are there.
 */
class AotApplicationTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    @Test
    void processedApplicationResolvesTheImportAtRunTime() throws Exception {
        AWS.secrets().createSecret("app/db", "{\"db-user\":\"app\",\"db-pass\":\"s3cr3t\"}");
        assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
        Class.forName(AotApplication.class.getName() + "__ApplicationContextInitializer");
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBean(AotApplication.Greeting.class).user()).isEqualTo("app");
            assertThat(context.getEnvironment().getProperty("db-pass")).isEqualTo("s3cr3t");
            assertThat(context.containsBean("externalSecretsHealthIndicator")).isTrue();
            assertThat(context.containsBean("eso4jSanitizingFunction")).isTrue();
            assertThat(context.containsBean("eso4jChangePublisher")).isTrue();
            assertThat(context.containsBean("eso4jExternalSecrets")).isTrue();
        }
    }

    @Test
    void killSwitchIsHonouredInTheProcessedApplication() {
        // no secret in the fake: any fetch would fail the start
        AWS.fake().clearRequests();
        try (ConfigurableApplicationContext context = start("--eso4j.enabled=false")) {
            assertThat(context.getBean(AotApplication.Greeting.class).user()).isEqualTo("none");
            assertThat(context.containsBean("eso4jExternalSecrets")).isFalse();
            assertThat(AWS.fake().requests()).isEmpty();
        }
    }

    private static ConfigurableApplicationContext start(String... extra) {
        String[] base = {
            "--eso4j.endpoint=" + AWS.endpoint(),
            "--eso4j.secret-keys.[aws-creds/id]=" + AWS.fake().accessKeyId(),
            "--eso4j.secret-keys.[aws-creds/secret]=" + AWS.fake().secretAccessKey(),
            "--spring.main.banner-mode=off"
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        SpringApplication application = new SpringApplication(AotApplication.class);
        // Boot finds the generated initializer by the main class, which it otherwise takes from the stack (surefire's)
        application.setMainApplicationClass(AotApplication.class);
        return application.run(args);
    }
}
