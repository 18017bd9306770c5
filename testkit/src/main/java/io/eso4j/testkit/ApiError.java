package io.eso4j.testkit;

/**
 * An AWS error the fake answers with: the HTTP status, the error code AWS uses and its message. Thrown inside the
 * engine and turned into the service's wire format (JSON for Secrets Manager, XML for STS) by the HTTP handler.
 * Messages name secret ids or operations only, never values, keys or tokens.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
