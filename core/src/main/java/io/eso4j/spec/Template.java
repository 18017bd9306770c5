package io.eso4j.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ESO {@code target.template}: the blueprint of the resulting Secret. Values of {@code data}, {@code labels} and
 * {@code annotations} are Go templates rendered against the fetched data.
 *
 * @param type the Secret type; empty keeps the default ({@code Opaque})
 * @param engineVersion {@code v2} (the only engine ESO still has)
 * @param mergePolicy whether fetched keys are kept next to templated ones
 */
public record Template(
        String type,
        String engineVersion,
        TemplateMergePolicy mergePolicy,
        Map<String, String> labels,
        Map<String, String> annotations,
        Map<String, String> data,
        List<TemplateFrom> templateFrom) {

    public Template {
        type = Specs.text(type);
        engineVersion = engineVersion == null || engineVersion.isEmpty() ? "v2" : engineVersion;
        mergePolicy = Objects.requireNonNullElse(mergePolicy, TemplateMergePolicy.REPLACE);
        labels = Specs.map(labels);
        annotations = Specs.map(annotations);
        data = Specs.map(data);
        templateFrom = Specs.list(templateFrom);
    }
}
