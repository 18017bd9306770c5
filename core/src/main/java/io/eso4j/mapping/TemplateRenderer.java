package io.eso4j.mapping;

import java.util.Map;

/**
 * Renders one ESO template (Go {@code text/template} with Sprig and ESO's helpers) against a data context. Used
 * for {@code target.template} values and {@code rewrite[].transform}. eso4j's Go-template engine implements it;
 * {@link SecretMapper} only calls it.
 *
 * <p>Implementations must be thread-safe and must not put values of {@code data} into exception messages.
 */
@FunctionalInterface
public interface TemplateRenderer {

    /**
     * Renders {@code template}.
     *
     * @param data the context ({@code .}): target key to value. A value is a {@link String} when the bytes are valid
     *     UTF-8, otherwise the raw {@code byte[]}. For a transform rewrite it is {@code {"value": <key>}}.
     * @return the rendered text
     * @throws io.eso4j.SecretMappingException when the template does not parse or fails to execute
     */
    String render(String template, Map<String, Object> data);

    /** eso4j's Go {@code text/template} + Sprig subset (see {@link io.eso4j.mapping.template}), with a parse cache. */
    static TemplateRenderer goTemplates() {
        return new GoTemplateRenderer();
    }
}
