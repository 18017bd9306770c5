package io.eso4j.mapping.template;

/** Internal signal for a parse failure at a source offset; {@link GoTemplate} turns it into a public exception. */
final class TemplateSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int pos;

    TemplateSyntaxException(int pos, String message) {
        super(message, null, false, false);
        this.pos = pos;
    }

    int pos() {
        return pos;
    }
}
