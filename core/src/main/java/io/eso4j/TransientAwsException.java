package io.eso4j;

/**
 * AWS could not answer now: throttling, a 5xx, a timeout or an I/O failure. Retrying later may succeed, so a refresh
 * keeps the last good value and backs off. Carries the AWS error code when AWS sent one.
 */
public class TransientAwsException extends SecretsException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final int statusCode;

    /**
     * @param errorCode the AWS error code (for example {@code ThrottlingException}), {@code ""} for a client-side
     *     failure (I/O, timeout) or a response without one
     * @param statusCode the HTTP status, {@code 0} when there was no response
     */
    public TransientAwsException(String errorCode, int statusCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode == null ? "" : errorCode;
        this.statusCode = statusCode;
    }

    /** The AWS error code, {@code ""} when there is none. */
    public String errorCode() {
        return errorCode;
    }

    /** The HTTP status, {@code 0} when no response came. */
    public int statusCode() {
        return statusCode;
    }

    @Override
    public TransientAwsException withContext(String context) {
        return new TransientAwsException(errorCode, statusCode, context + getMessage(), this);
    }
}
