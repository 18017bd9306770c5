package io.eso4j.spec;

/** ESO {@code templateFrom[].target}: where a template source renders to; default {@link #DATA}. */
public enum TemplateScope implements SpecEnum {
    DATA("Data"),
    ANNOTATIONS("Annotations"),
    LABELS("Labels");

    private final String specName;

    TemplateScope(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
