package io.eso4j.internal.engine;

import io.eso4j.SecretStatus;
import java.time.Duration;
import java.time.Instant;

/** Per ExternalSecret refresh bookkeeping. Not thread-safe: the engine guards each instance with its state map. */
final class EntryState {
    Instant lastSuccess;
    boolean failing;
    int consecutiveFailures;
    Instant firstFailure;
    Instant lastFailure;
    String lastErrorClass;

    SecretStatus status(String key, Instant now) {
        return new SecretStatus(key, lastSuccess, consecutiveFailures, lastFailure, lastErrorClass, staleness(now));
    }

    /**
     * The one staleness of eso4j, used by stats, status, events, health and metrics: while failing, the time since
     * the last success (since the first failure when there never was one); zero while current.
     */
    Duration staleness(Instant now) {
        if (!failing) {
            return Duration.ZERO;
        }
        Instant since = lastSuccess != null ? lastSuccess : firstFailure;
        return since == null || now.isBefore(since) ? Duration.ZERO : Duration.between(since, now);
    }

    /** A refresh succeeded at {@code now}: the staleness it recovered from when it was failing, else null. */
    Duration succeeded(Instant now) {
        Duration recoveredAfter = failing ? staleness(now) : null;
        failing = false;
        consecutiveFailures = 0;
        lastSuccess = now;
        return recoveredAfter;
    }

    /** A refresh failed at {@code now} with {@code errorClass}: the staleness after it. */
    Duration failed(Instant now, String errorClass) {
        failing = true;
        consecutiveFailures++;
        if (consecutiveFailures == 1) {
            firstFailure = now;
        }
        lastFailure = now;
        lastErrorClass = errorClass;
        return staleness(now);
    }
}
