package io.eso4j.spec;

import java.util.Objects;

/**
 * One {@code target.template.templateFrom[]} source. eso4j supports {@code literal} sources; ConfigMap and Secret
 * sources need a cluster and are rejected at validation.
 *
 * @param literal the template text
 * @param target where the rendering goes: data, annotations or labels
 */
public record TemplateFrom(String literal, TemplateScope target) {

    public TemplateFrom {
        literal = Specs.text(literal);
        target = Objects.requireNonNullElse(target, TemplateScope.DATA);
    }
}
