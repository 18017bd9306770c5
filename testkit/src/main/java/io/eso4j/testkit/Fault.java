package io.eso4j.testkit;

/**
 * A failure {@link FakeAws} can inject into a request instead of serving it, chosen per operation and/or secret id
 * through a {@link FaultRule}.
 */
public enum Fault {
    /** HTTP 400 {@code ThrottlingException} "Rate exceeded" (STS: {@code Throttling}); the SDK retries it. */
    THROTTLING,
    /** HTTP 500 {@code InternalServiceError} (STS: {@code InternalFailure}); the SDK retries it. */
    INTERNAL_ERROR,
    /** The connection is closed without any response, so the client sees an I/O error. */
    CONNECTION_RESET,
    /** HTTP 400 {@code AccessDeniedException} (STS: 403 {@code AccessDenied}). */
    ACCESS_DENIED
}
