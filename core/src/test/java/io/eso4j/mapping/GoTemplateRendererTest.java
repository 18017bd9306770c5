package io.eso4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The production renderer builds its parse cache with the first template (issue #16 item 3: cold start). */
class GoTemplateRendererTest {

    @Test
    void theParseCacheIsBuiltByTheFirstTemplateAndThenReused() {
        GoTemplateRenderer renderer = new GoTemplateRenderer();
        assertThat(renderer.cacheBuilt())
                .as("a mapper that renders no template needs no cache")
                .isFalse();

        assertThat(renderer.render("{{ .user }}@db", Map.of("user", "u"))).isEqualTo("u@db");

        assertThat(renderer.cacheBuilt()).isTrue();
        assertThat(renderer.parse("{{ .user }}@db")).isSameAs(renderer.parse("{{ .user }}@db"));
    }
}
