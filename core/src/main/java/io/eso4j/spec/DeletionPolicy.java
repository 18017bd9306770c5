package io.eso4j.spec;

/** ESO {@code spec.target.deletionPolicy}: what a missing remote secret does; default {@link #RETAIN}. */
public enum DeletionPolicy implements SpecEnum {
    RETAIN("Retain"),
    DELETE("Delete"),
    MERGE("Merge");

    private final String specName;

    DeletionPolicy(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
