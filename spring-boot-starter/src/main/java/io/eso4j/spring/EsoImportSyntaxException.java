package io.eso4j.spring;

/**
 * A {@code spring.config.import=eso:…} value that cannot be read: no item at all ({@code eso:}, {@code eso:aws:}), a
 * short-form item with no secret id ({@code eso:aws:?prefix=db.}) or with a parameter other than {@code ?prefix=}.
 * Thrown while Spring resolves config data locations, before anything is read or fetched; {@link
 * EsoImportFailureAnalyzer} explains it. The message quotes the import as written (a location, never a value).
 */
public final class EsoImportSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String location;

    EsoImportSyntaxException(String location, String problem) {
        super("spring.config.import " + location + ": " + problem);
        this.location = location;
    }

    /** The import as written, for example {@code eso:aws:}. */
    public String location() {
        return location;
    }
}
