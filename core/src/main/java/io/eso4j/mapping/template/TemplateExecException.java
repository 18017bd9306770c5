package io.eso4j.mapping.template;

/**
 * Internal signal for an execution failure. Messages are written by eso4j and never carry data values; {@link
 * GoTemplate} adds the position and the failing node.
 */
final class TemplateExecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TemplateExecException(String message) {
        super(message, null, false, false);
    }
}
