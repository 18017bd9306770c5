package io.eso4j.mapping.template;

/**
 * The error of a template function from a {@link TemplateFunctionProvider}; the template reports it as Go does:
 * {@code error calling NAME: message}. The message must not contain secret data.
 */
public final class TemplateFunctionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message Go's or ESO's error text, without argument values */
    public TemplateFunctionException(String message) {
        super(message, null, false, false);
    }
}
