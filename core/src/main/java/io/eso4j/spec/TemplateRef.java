package io.eso4j.spec;

import java.util.List;
import java.util.Objects;

/**
 * ESO {@code templateFrom[].configMap} / {@code .secret}: a ConfigMap or Secret in the ExternalSecret's namespace
 * whose items are templates. eso4j resolves it from the ConfigMap and Secret manifests loaded next to the
 * ExternalSecrets; the Kubernetes writer reads it from the cluster.
 *
 * @param name the ConfigMap's or Secret's name
 * @param items the keys to use as templates, in order
 */
public record TemplateRef(String name, List<Item> items) {

    public TemplateRef {
        name = Specs.text(name);
        items = Specs.list(items);
    }

    /**
     * One {@code items[]} entry.
     *
     * @param key the key in the ConfigMap's {@code data} or the Secret's {@code data}
     * @param templateAs how the value is read; default {@link TemplateAs#VALUES}
     */
    public record Item(String key, TemplateAs templateAs) {

        public Item {
            key = Specs.text(key);
            templateAs = Objects.requireNonNullElse(templateAs, TemplateAs.VALUES);
        }
    }
}
