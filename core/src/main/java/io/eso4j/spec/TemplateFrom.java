package io.eso4j.spec;

import java.util.Objects;

/**
 * One {@code target.template.templateFrom[]} source: a {@code literal} template, or a ConfigMap or Secret whose
 * items are templates. ESO renders, per entry, the ConfigMap, then the Secret, then the literal.
 *
 * @param literal the literal template text (rendered as {@code KeysAndValues}); empty when the entry has none, and
 *     an empty literal renders to nothing, as in ESO
 * @param target where the rendering goes: data, annotations or labels
 * @param valuesDecodingStrategy how each rendered value is decoded before it is stored; default {@code None}
 * @param configMap the ConfigMap source, or {@code null}
 * @param secret the Secret source, or {@code null}
 * @param path for a generic target ({@code target.manifest}), a nested {@code target} such as {@code spec.database};
 *     empty when {@code target} is one of {@code Data}, {@code Annotations}, {@code Labels}
 */
public record TemplateFrom(
        String literal,
        TemplateScope target,
        DecodingStrategy valuesDecodingStrategy,
        TemplateRef configMap,
        TemplateRef secret,
        String path) {

    public TemplateFrom {
        literal = Specs.text(literal);
        target = Objects.requireNonNullElse(target, TemplateScope.DATA);
        valuesDecodingStrategy = Objects.requireNonNullElse(valuesDecodingStrategy, DecodingStrategy.NONE);
        path = Specs.text(path);
    }

    /** A source whose target is data, annotations or labels, without a nested path. */
    public TemplateFrom(
            String literal,
            TemplateScope target,
            DecodingStrategy valuesDecodingStrategy,
            TemplateRef configMap,
            TemplateRef secret) {
        this(literal, target, valuesDecodingStrategy, configMap, secret, "");
    }

    /** A literal source, its values not decoded. */
    public TemplateFrom(String literal, TemplateScope target) {
        this(literal, target, DecodingStrategy.NONE, null, null, "");
    }
}
