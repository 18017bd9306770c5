package io.eso4j.spec;

/** ESO {@code spec.refreshPolicy}; unset means {@link #PERIODIC}. */
public enum RefreshPolicy implements SpecEnum {
    PERIODIC("Periodic"),
    ON_CHANGE("OnChange"),
    CREATED_ONCE("CreatedOnce");

    private final String specName;

    RefreshPolicy(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
