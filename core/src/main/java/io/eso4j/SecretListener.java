package io.eso4j;

/**
 * Notified of {@link SecretEvent}s: an ExternalSecret loaded, changed, failed to refresh, or recovered. Called on
 * the listener executor, never on the refresh thread, one event at a time in the order they happened; an exception
 * it throws is logged (without its message) and otherwise ignored. Implementations must be thread-safe if
 * registered on several {@link ExternalSecrets}.
 */
@FunctionalInterface
public interface SecretListener {

    void onEvent(SecretEvent event);
}
