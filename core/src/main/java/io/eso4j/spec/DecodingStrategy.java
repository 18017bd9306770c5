package io.eso4j.spec;

/** ESO {@code decodingStrategy}, applied to fetched values with Go's base64 rules; default {@link #NONE}. */
public enum DecodingStrategy implements SpecEnum {
    NONE("None"),
    BASE64("Base64"),
    BASE64_URL("Base64URL"),
    AUTO("Auto");

    private final String specName;

    DecodingStrategy(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
