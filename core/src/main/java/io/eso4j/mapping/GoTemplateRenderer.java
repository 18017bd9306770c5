package io.eso4j.mapping;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.eso4j.mapping.template.GoTemplate;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The production {@link TemplateRenderer}: eso4j's Go {@code text/template} subset. Parsed templates are cached
 * (bounded), since the same manifests render on every refresh. Binary values enter the template as UTF-8 text with
 * invalid sequences replaced, the closest a Java string gets to Go's byte strings.
 */
final class GoTemplateRenderer implements TemplateRenderer {

    private static final int MAX_CACHED_TEMPLATES = 1024;

    private final Cache<String, GoTemplate> parsed =
            Caffeine.newBuilder().maximumSize(MAX_CACHED_TEMPLATES).build();

    @Override
    public String render(String template, Map<String, Object> data) {
        Map<String, Object> context = new LinkedHashMap<>();
        data.forEach((key, value) ->
                context.put(key, value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value));
        return parsed.get(template, GoTemplate::parse).execute(context);
    }
}
