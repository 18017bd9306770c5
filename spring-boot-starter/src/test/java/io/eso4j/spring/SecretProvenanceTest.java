package io.eso4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

class SecretProvenanceTest {

    private final StandardEnvironment environment = new StandardEnvironment();
    private final MapPropertySource config;

    SecretProvenanceTest() {
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("eso:app", Map.of("db-pass", "pw", "host", "h")));
        config = new MapPropertySource(
                "application.yaml",
                Map.of(
                        "spring.datasource.password", "${db-pass}",
                        "a", "${b}",
                        "b", "x${c}y",
                        "c", "${db-pass}",
                        "with-default", "${nothing:${db-pass}}",
                        "url", "jdbc:postgresql://${host}:5432/app",
                        "plain", "eu-west-1",
                        "other", "${plain}",
                        "loop", "${loop2}",
                        "loop2", "${loop}"));
        environment.getPropertySources().addLast(config);
    }

    @ParameterizedTest(name = "{0} from a secret: {1}")
    @CsvSource({
        "spring.datasource.password, true",
        "a, true",
        "b, true",
        "c, true",
        "with-default, true",
        "url, true",
        "plain, false",
        "other, false",
        "loop, false",
        "db-pass, true",
    })
    void followsPlaceholdersToTheSource(String name, boolean fromSecret) {
        SecretProvenance provenance = new SecretProvenance(environment);
        PropertySource<?> source = config.containsProperty(name) ? config : null;
        assertThat(provenance.fromSecret(source, name, "shown")).isEqualTo(fromSecret);
        // The same without the source: found where the environment finds it (relaxed, first source wins).
        assertThat(provenance.fromSecret(null, name, "shown")).isEqualTo(fromSecret);
    }

    @Test
    void dependentsAreThePropertiesAChangeReachesThroughPlaceholders() {
        SecretProvenance provenance = new SecretProvenance(environment);
        assertThat(provenance.dependents(Set.of("db-pass")))
                .containsExactlyInAnyOrder("spring.datasource.password", "a", "b", "c", "with-default");
        assertThat(provenance.dependents(Set.of("host"))).containsExactly("url");
        assertThat(provenance.dependents(Set.of("plain"))).containsExactly("other");
    }

    @Test
    void referencesAreEveryPlaceholderNameDefaultsIncluded() {
        assertThat(SecretProvenance.references("${a:${b}}-${c}")).contains("a", "b", "c");
        assertThat(SecretProvenance.references("no placeholder")).isEmpty();
    }
}
