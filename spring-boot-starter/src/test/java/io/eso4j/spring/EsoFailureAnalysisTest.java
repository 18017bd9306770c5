package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretMappingException;
import io.eso4j.TransientAwsException;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.Fault;
import io.eso4j.testkit.FaultRule;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

/**
 * Issue 19: each start-up failure gets the advice that fits it. Before, a refused connection, an unknown host and a
 * malformed endpoint got "Give eso4j credentials: IRSA on EKS …", a plain-text secret through the short form "check
 * region/auth/endpoint", {@code eso:aws:} with no id a raw stack trace, and a mistyped placeholder a bare Spring
 * placeholder trace.
 */
class EsoFailureAnalysisTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final String MANIFESTS = "classpath:eso/store.yaml;classpath:eso/app.yaml";

    @BeforeEach
    void secrets() {
        AWS.secrets().createSecret("app/db", "{\"password\":\"s3cr3t\",\"user\":\"app\"}");
        AWS.secrets().createSecret("app/plain", "hunter2-plain-text");
    }

    @Test
    void refusedConnectionIsANetworkFailureNamingTheEndpointNotACredentialsOne() throws IOException {
        String endpoint = "http://127.0.0.1:" + closedPort();
        assertThatThrownBy(() -> start(endpoint, "--spring.config.import=eso:" + MANIFESTS))
                .satisfies(failure -> {
                    FailureAnalysis analysis = new EsoFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getCause()).isInstanceOf(TransientAwsException.class);
                    assertThat(analysis.getDescription())
                            .contains("could not reach AWS")
                            .contains(endpoint);
                    assertThat(analysis.getAction())
                            .contains("connection refused")
                            .contains("eso4j.endpoint")
                            .doesNotContain("IRSA")
                            .doesNotContain("credentials");
                });
    }

    @Test
    void unknownHostIsADnsFailureNamingTheEndpoint() {
        String endpoint = "http://secretsmanager.eso4j-test.invalid";
        assertThatThrownBy(() -> start(endpoint, "--spring.config.import=eso:" + MANIFESTS))
                .satisfies(failure -> {
                    FailureAnalysis analysis = new EsoFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getDescription()).contains(endpoint);
                    assertThat(analysis.getAction()).contains("DNS").doesNotContain("IRSA");
                });
    }

    @Test
    void malformedEndpointFailsOnTheSettingBeforeAnyCall() {
        assertThatThrownBy(() -> start("localhost:4566", "--spring.config.import=eso:" + MANIFESTS))
                .satisfies(failure -> {
                    assertThat(findCause(failure, InvalidConfigurationPropertyValueException.class))
                            .isNotNull()
                            .satisfies(e -> assertThat(e.getName()).isEqualTo("eso4j.endpoint"))
                            .satisfies(e -> assertThat(e.getReason()).contains("absolute http or https URL"));
                    assertThat(new EsoFailureAnalyzer().analyze(failure)).isNull();
                });
        assertThat(AWS.fake().requests()).isEmpty();
    }

    @Test
    void throttledAwsIsNeitherANetworkNorACredentialsFailure() {
        AWS.fake().inject(FaultRule.of(Fault.THROTTLING));
        assertThatThrownBy(() -> start(AWS.endpoint().toString(), "--spring.config.import=eso:" + MANIFESTS))
                .satisfies(failure -> {
                    FailureAnalysis analysis = new EsoFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getAction())
                            .contains("ThrottlingException")
                            .doesNotContain("IRSA")
                            .doesNotContain("endpoint");
                });
    }

    @Test
    void plainTextSecretThroughExtractGetsTheDataShapeFixAndNoValue() {
        assertThatThrownBy(() -> start(
                        AWS.endpoint().toString(),
                        "--spring.config.import=eso:classpath:eso/store.yaml;classpath:eso/extract-plain.yaml"))
                .satisfies(failure -> {
                    FailureAnalysis analysis = new EsoFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getCause()).isInstanceOf(SecretMappingException.class);
                    assertThat(analysis.getDescription()).contains("app/plain");
                    assertThat(analysis.getAction())
                            .contains("JSON object")
                            .contains("plain-text")
                            .contains("remoteRef.key")
                            .doesNotContain("region");
                    assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("hunter2");
                });
    }

    @Test
    void shortFormWithoutASecretIdIsAnalysedAsImportSyntax() {
        for (String location : List.of("eso:aws:", "eso:aws:?prefix=db.", "eso:aws:app/db?prefx=db.", "eso:")) {
            assertThatThrownBy(() -> start(AWS.endpoint().toString(), "--spring.config.import=" + location))
                    .as(location)
                    .satisfies(failure -> {
                        assertThat(findCause(failure, EsoImportSyntaxException.class))
                                .isNotNull();
                        FailureAnalysis analysis = new EsoImportFailureAnalyzer().analyze(failure);
                        assertThat(analysis.getDescription()).contains(location);
                        assertThat(analysis.getAction())
                                .contains("eso:aws:<secret id>")
                                .contains("?prefix=");
                    });
        }
        assertThat(AWS.fake().requests()).isEmpty();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void unresolvablePlaceholderListsTheLoadedKeyNamesAndTheClosestNeverValues(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TypoApp.class)
                        .web(WebApplicationType.NONE)
                        .run(args(AWS.endpoint().toString(), "--spring.config.import=eso:" + MANIFESTS)))
                .isNotNull();
        assertThat(output.getOut())
                .contains("Could not resolve placeholder 'db-password'")
                .contains("eso:app: db, db-pass")
                .contains("Did you mean 'db-pass'?")
                .doesNotContain("s3cr3t");
    }

    @Test
    void placeholderAnalyzerStaysOutOfApplicationsWithoutEsoImports() {
        assertThatThrownBy(() -> new StandardEnvironment().resolveRequiredPlaceholders("${x}"))
                .satisfies(failure -> {
                    assertThat(new EsoPlaceholderFailureAnalyzer(null).analyze(failure))
                            .isNull();
                    assertThat(new EsoPlaceholderFailureAnalyzer(new StandardEnvironment()).analyze(failure))
                            .isNull();
                });
    }

    @Test
    void closestMatchIsByEditDistanceIgnoringCase() {
        assertThat(EsoPlaceholderFailureAnalyzer.distance("db-password", "db-pass"))
                .isEqualTo(4);
        assertThat(EsoPlaceholderFailureAnalyzer.distance("DB-PASS", "db-pass")).isZero();
        assertThat(EsoPlaceholderFailureAnalyzer.distance("", "abc")).isEqualTo(3);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static <E extends Throwable> E findCause(Throwable failure, Class<E> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static ConfigurableApplicationContext start(String endpoint, String... args) {
        return new SpringApplicationBuilder(TestApp.class)
                .web(WebApplicationType.NONE)
                .run(args(endpoint, args));
    }

    private static String[] args(String endpoint, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--eso4j.endpoint=" + endpoint,
                "--eso4j.secret-keys.[aws-creds/id]=" + AWS.fake().accessKeyId(),
                "--eso4j.secret-keys.[aws-creds/secret]=" + AWS.fake().secretAccessKey(),
                "--eso4j.store.region=us-east-1",
                "--spring.main.banner-mode=off"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApp {}

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TypoApp {

        @Value("${db-password}")
        String dbPassword;
    }
}
