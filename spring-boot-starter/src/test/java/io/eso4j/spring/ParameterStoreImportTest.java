package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.testkit.DenyRule;
import io.eso4j.testkit.FakeAwsExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Parameter Store in the starter: a ParameterStore store in {@code eso:} manifests, and the short form for Spring
 * Cloud AWS users, {@code eso:aws-parameterstore:<path>}, giving the property names Spring Cloud AWS's
 * {@code ParameterStorePropertySource} gives for the same parameters ({@code /} to {@code .} after the path,
 * {@code _0_} to {@code [0]}, {@code ?prefix=} in front, no JSON flattening). Real SDK to the testkit's fake.
 */
class ParameterStoreImportTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    @BeforeEach
    void parameters() {
        AWS.parameters().putString("/config/my-app/server.port", "8081");
        AWS.parameters().putSecureString("/config/my-app/db/password", "ssm-pass-Zq9");
        AWS.parameters().putString("/config/my-app/hosts_0_", "a.example");
        AWS.parameters().putString("/config/my-app/hosts_1_", "b.example");
        AWS.parameters().putString("/config/my-app/feature/json", "{\"on\":true}");
        AWS.parameters().putString("/config/other/key", "other");
        AWS.parameters().putString("/prod/app/url", "https://app.example");
        AWS.parameters().putSecureString("/prod/app/db", "{\"password\":\"manifest-pass-Zq9\"}");
    }

    @Test
    void theShortFormGivesSpringCloudAwsPropertyNames() {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:aws-parameterstore:/config/my-app/")) {
            Environment env = context.getEnvironment();
            assertThat(env.getProperty("server.port")).isEqualTo("8081");
            assertThat(env.getProperty("db.password")).isEqualTo("ssm-pass-Zq9");
            assertThat(env.getProperty("hosts[0]")).isEqualTo("a.example");
            assertThat(env.getProperty("hosts[1]")).isEqualTo("b.example");
            assertThat(env.getProperty("feature.json")).isEqualTo("{\"on\":true}");
            assertThat(env.getProperty("feature.json.on")).isNull();
            assertThat(env.getProperty("key")).isNull();
            assertThat(AWS.fake().calls("GetParametersByPath")).isEqualTo(1);
        }
    }

    @Test
    void prefixAndSeveralPathsAsInSpringCloudAws() {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:aws-parameterstore:/config/my-app/?prefix=app.;/config/other/")) {
            Environment env = context.getEnvironment();
            assertThat(env.getProperty("app.db.password")).isEqualTo("ssm-pass-Zq9");
            assertThat(env.getProperty("db.password")).isNull();
            assertThat(env.getProperty("key")).isEqualTo("other");
        }
    }

    @Test
    void anOptionalShortFormThatFailsLeavesTheApplicationRunning() {
        AWS.fake().deny(DenyRule.operation("GetParametersByPath"));
        AWS.fake().deny(DenyRule.operation("DescribeParameters"));
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=optional:eso:aws-parameterstore:/config/my-app/")) {
            assertThat(context.getEnvironment().getProperty("server.port")).isNull();
        }
    }

    @Test
    void aParameterStoreStoreInManifestsWorksAsAnyOther() {
        try (ConfigurableApplicationContext context =
                start("--spring.config.import=eso:classpath:eso/parameterstore.yaml")) {
            Environment env = context.getEnvironment();
            assertThat(env.getProperty("ssm-url")).isEqualTo("https://app.example");
            assertThat(env.getProperty("ssm-pass")).isEqualTo("manifest-pass-Zq9");
            assertThat(AWS.fake().calls("GetParameters")).isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--eso4j.endpoint=" + AWS.endpoint(),
                "--eso4j.store.region=us-east-1",
                "--eso4j.store.auth.access-key-id=" + AWS.fake().accessKeyId(),
                "--eso4j.store.auth.secret-access-key=" + AWS.fake().secretAccessKey(),
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
    static class TestApp {}
}
