package io.eso4j.spec;

/**
 * ESO {@code templateFrom[].configMap.items[].templateAs} (ESO's {@code TemplateScope}): how an item of a ConfigMap
 * or Secret template source is read; default {@link #VALUES}.
 */
public enum TemplateAs implements SpecEnum {
    /** The item's value is one template; its rendering is stored under the item's key. */
    VALUES("Values"),
    /** The item's value is a template that renders to a YAML map of keys to values. */
    KEYS_AND_VALUES("KeysAndValues");

    private final String specName;

    TemplateAs(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
