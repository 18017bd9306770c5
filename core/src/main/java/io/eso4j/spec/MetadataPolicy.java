package io.eso4j.spec;

/** ESO {@code remoteRef.metadataPolicy}: {@link #FETCH} reads the secret's tags instead of its value; default {@link #NONE}. */
public enum MetadataPolicy implements SpecEnum {
    NONE("None"),
    FETCH("Fetch");

    private final String specName;

    MetadataPolicy(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
