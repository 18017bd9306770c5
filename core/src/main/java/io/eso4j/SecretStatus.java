package io.eso4j;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one ExternalSecret's refreshes are going, as of the moment it was taken: when it last succeeded, how many
 * refreshes in a row failed since, and the class of the latest error. Holds names and times only, never values or
 * error messages. Immutable.
 *
 * @param externalSecret {@code namespace/name}, or {@code name} without a namespace
 * @param lastSuccess when a refresh last succeeded, {@code null} if none ever did
 * @param consecutiveFailures refreshes that failed since the last success; zero while current
 * @param lastFailure when the latest failure happened, {@code null} if none ever did
 * @param lastErrorClass the simple class name of the latest failure (for example {@code
 *     SecretNotFoundException}), {@code null} if none ever happened; kept after a recovery
 * @param staleness while failing, how long since the last success (since the first failure if there never was
 *     one) as of when this status was taken; zero while current
 */
public record SecretStatus(
        String externalSecret,
        Instant lastSuccess,
        int consecutiveFailures,
        Instant lastFailure,
        String lastErrorClass,
        Duration staleness) {

    public SecretStatus {
        Objects.requireNonNull(externalSecret, "externalSecret");
        Objects.requireNonNull(staleness, "staleness");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures must not be negative");
        }
    }

    /** Whether the latest refresh failed. */
    public boolean failing() {
        return consecutiveFailures > 0;
    }

    /** Whether it has never been resolved successfully. */
    public boolean neverSucceeded() {
        return lastSuccess == null;
    }
}
