package io.eso4j.spec;

/** ESO {@code spec.target.creationPolicy}; default {@link #OWNER}. */
public enum CreationPolicy implements SpecEnum {
    OWNER("Owner"),
    ORPHAN("Orphan"),
    MERGE("Merge"),
    NONE("None"),
    CREATE_OR_MERGE("CreateOrMerge");

    private final String specName;

    CreationPolicy(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
