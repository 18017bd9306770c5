package io.eso4j.spec;

import java.util.Objects;

/**
 * One {@code target.template.templateFrom[]} source. eso4j supports {@code literal} sources; ConfigMap and Secret
 * sources need a cluster and are rejected at validation.
 *
 * @param literal the template text
 * @param target where the rendering goes: data, annotations or labels
 * @param path for a generic target ({@code target.manifest}), a nested {@code target} such as {@code spec.database};
 *     empty when {@code target} is one of {@code Data}, {@code Annotations}, {@code Labels}
 */
public record TemplateFrom(String literal, TemplateScope target, String path) {

    /** A source whose target is data, annotations or labels. */
    public TemplateFrom(String literal, TemplateScope target) {
        this(literal, target, "");
    }

    public TemplateFrom {
        literal = Specs.text(literal);
        target = Objects.requireNonNullElse(target, TemplateScope.DATA);
        path = Specs.text(path);
    }
}
