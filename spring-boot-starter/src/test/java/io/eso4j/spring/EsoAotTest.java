package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.aot.AbstractAotProcessor;

/**
 * Issue 19: {@code spring-boot:process-aot} runs the {@code eso:} imports. Here Boot's own AOT processor (what the
 * Maven and Gradle plugins run) processes an application whose endpoint answers nothing (no AWS, no fake): before the
 * AOT mode the start failed on the fetch; now nothing is fetched and the generated bean definitions hold the same
 * eso4j beans as a regular start (health, metrics, masking, change publisher), with hints for the manifests.
 */
class EsoAotTest {

    @Test
    void processAotFetchesNothingAndGeneratesTheSameBeans(@TempDir Path out) {
        AbstractAotProcessor.Settings settings = AbstractAotProcessor.Settings.builder()
                .sourceOutput(out.resolve("sources"))
                .resourceOutput(out.resolve("resources"))
                .classOutput(out.resolve("classes"))
                .groupId("io.eso4j")
                .artifactId("aot-test")
                .build();
        String[] args = {
            "--spring.config.import=eso:classpath:eso/store.yaml;classpath:eso/app.yaml",
            // a port nothing listens on: any fetch would fail the processing
            "--eso4j.endpoint=http://127.0.0.1:9",
            "--eso4j.secret-keys.[aws-creds/id]=AKIDEXAMPLE",
            "--eso4j.secret-keys.[aws-creds/secret]=example",
            "--spring.main.banner-mode=off"
        };

        new SpringApplicationAotProcessor(AotApp.class, settings, args).process();

        String sources = text(out.resolve("sources"));
        assertThat(sources)
                .contains("externalSecretsHealthIndicator")
                .contains("eso4jMetrics")
                .contains("eso4jSanitizingFunction")
                .contains("eso4jChangePublisher");
        // Spring's JSON writer escapes '/' as "\/"
        String hints = text(out.resolve("resources")).replace("\\/", "/");
        assertThat(hints).contains("eso/store.yaml").contains("eso/app.yaml").contains("io.eso4j.spring.EsoProperties");
        assertThat(System.getProperty(AbstractAotProcessor.AOT_PROCESSING)).isNull();
    }

    private static String text(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> {
                        try {
                            return Files.readString(file);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application Boot's AOT processor starts through its main method. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    public static class AotApp {

        public static void main(String[] args) {
            new SpringApplicationBuilder(AotApp.class)
                    .web(WebApplicationType.NONE)
                    .run(args);
        }
    }
}
