package io.eso4j.refresh;

import io.eso4j.SecretsException;

/**
 * What a refresh does with a <em>terminal</em> failure of an ExternalSecret that was resolved before: access denied
 * or a decryption failure, which retrying will not fix. Transient failures (throttling, 5xx, I/O) always keep the
 * last good value and back off. Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface RefreshFailurePolicy {

    /** The outcome for the last good value. */
    enum Decision {
        /** Keep serving the last good value (and keep retrying with backoff). */
        KEEP_LAST_GOOD,
        /** Withdraw it: reads of that ExternalSecret fail until a refresh succeeds again. */
        DROP
    }

    /**
     * Decides for one ExternalSecret.
     *
     * @param externalSecret {@code namespace/name}, or {@code name} without a namespace
     * @param failure the failure; its message names the secret, never a value
     */
    Decision onTerminalFailure(String externalSecret, SecretsException failure);

    /** The default: keep serving the last good value. */
    static RefreshFailurePolicy keepLastGood() {
        return (externalSecret, failure) -> Decision.KEEP_LAST_GOOD;
    }

    /** Withdraw the value on a terminal failure, so that access that was revoked stops being served. */
    static RefreshFailurePolicy dropOnTerminalFailure() {
        return (externalSecret, failure) -> Decision.DROP;
    }
}
