package io.eso4j.mapping;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.eso4j.mapping.template.GoBytes;
import io.eso4j.mapping.template.GoTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The production {@link TemplateRenderer}: eso4j's Go {@code text/template} subset. Parsed templates are cached
 * (bounded), since the same manifests render on every refresh. Binary values enter the template byte for byte as Go
 * strings ({@link GoBytes}), so {@code b64dec}, {@code pkcs12key} and friends see the bytes ESO's templates see.
 *
 * <p>The cache is built on the first template, not with the renderer: most applications render no template, and
 * Caffeine (with the JDK logging it initialises) is about a hundred classes in a cold JVM before the first secret.
 * Thread-safe: the cache is published once through a volatile field.
 */
final class GoTemplateRenderer implements TemplateRenderer {

    private static final int MAX_CACHED_TEMPLATES = 1024;

    private volatile Cache<String, GoTemplate> parsed;

    @Override
    public String render(String template, Map<String, Object> data) {
        return execute(parse(template), data);
    }

    /** The parsed template, from the cache. */
    GoTemplate parse(String template) {
        return cache().get(template, GoTemplate::parse);
    }

    /** The cache, built by the first caller (double-checked: at most one cache per renderer). */
    private Cache<String, GoTemplate> cache() {
        Cache<String, GoTemplate> cache = parsed;
        if (cache == null) {
            synchronized (this) {
                cache = parsed;
                if (cache == null) {
                    cache = Caffeine.newBuilder()
                            .maximumSize(MAX_CACHED_TEMPLATES)
                            .build();
                    parsed = cache;
                }
            }
        }
        return cache;
    }

    /** Whether a template was parsed yet (the cache exists); for tests. */
    boolean cacheBuilt() {
        return parsed != null;
    }

    /** Executes {@code template} over {@code data}, binary values as Go strings. */
    static String execute(GoTemplate template, Map<String, Object> data) {
        Map<String, Object> context = new LinkedHashMap<>();
        data.forEach((key, value) -> context.put(key, value instanceof byte[] bytes ? GoBytes.string(bytes) : value));
        return template.execute(context);
    }
}
