package io.eso4j.spec;

/** ESO {@code nullBytePolicy}: whether a fetched value may contain NUL bytes; default {@link #IGNORE}. */
public enum NullBytePolicy implements SpecEnum {
    IGNORE("Ignore"),
    FAIL("Fail");

    private final String specName;

    NullBytePolicy(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
