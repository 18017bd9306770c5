package io.eso4j.spec;

/** ESO {@code target.template.mergePolicy}; default {@link #REPLACE}. */
public enum TemplateMergePolicy implements SpecEnum {
    REPLACE("Replace"),
    MERGE("Merge");

    private final String specName;

    TemplateMergePolicy(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
