package io.eso4j.spec;

/** ESO {@code conversionStrategy} for keys of {@code dataFrom.extract} and {@code find}; default {@link #DEFAULT}. */
public enum ConversionStrategy implements SpecEnum {
    DEFAULT("Default"),
    UNICODE("Unicode");

    private final String specName;

    ConversionStrategy(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
