package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.FakeEcr;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * An {@code ECRAuthorizationToken} generator in {@code eso:} manifests: its output keys become properties, a refresh
 * runs it again (as ESO regenerates on every reconcile) and the environment serves the new token, and a generator
 * whose keys cannot be resolved fails the start naming the generator. Real SDK to the testkit's fake ECR.
 */
class GeneratorImportTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    @Test
    void anEcrTokenIsAPropertySetAndARefreshRegeneratesIt() throws Exception {
        try (ConfigurableApplicationContext context = start(
                "--spring.config.import=eso:classpath:eso/ecr-generator.yaml",
                "--eso4j.secret-keys.[aws-creds/id]=" + AWS.fake().accessKeyId(),
                "--eso4j.secret-keys.[aws-creds/secret]=" + AWS.fake().secretAccessKey())) {
            Environment env = context.getEnvironment();
            FakeEcr.Token first = AWS.fake().ecr().issued().get(0);
            assertThat(env.getProperty("username")).isEqualTo("AWS");
            assertThat(env.getProperty("password")).isEqualTo(first.password());
            assertThat(env.getProperty("proxy_endpoint")).isEqualTo(first.proxyEndpoint());
            assertThat(env.getProperty("expires_at"))
                    .isEqualTo(Long.toString(first.expiresAt().getEpochSecond()));

            context.getBean(ExternalSecretsRegistry.class).refreshNow().get(10, TimeUnit.SECONDS);

            List<FakeEcr.Token> issued = AWS.fake().ecr().issued();
            assertThat(issued).hasSize(2);
            assertThat(env.getProperty("password"))
                    .isEqualTo(issued.get(1).password())
                    .isNotEqualTo(first.password());
        }
    }

    @Test
    void aGeneratorWhoseKeysAreMissingFailsTheStartNamingTheGenerator() {
        assertThatThrownBy(() -> start("--spring.config.import=eso:classpath:eso/ecr-generator.yaml"))
                .hasStackTraceContaining("ECRAuthorizationToken ecr-gen spec.auth.secretRef.")
                .hasStackTraceContaining("could not resolve key");
        assertThat(AWS.fake().calls("GetAuthorizationToken")).isZero();
    }

    private static ConfigurableApplicationContext start(String... args) {
        List<String> all =
                new ArrayList<>(List.of("--eso4j.endpoint=" + AWS.endpoint(), "--spring.main.banner-mode=off"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(TestApp.class)
                .web(WebApplicationType.NONE)
                .run(all.toArray(String[]::new));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApp {}
}
