package io.eso4j.k8s;

import io.eso4j.SecretsException;
import io.eso4j.spec.ExternalSecretId;
import java.util.Objects;
import java.util.Optional;

/**
 * What one mirror pass did to one ExternalSecret's target Secret, with ESO's {@code Ready} condition reason and
 * message so results read like ESO's status. Immutable; holds no secret value.
 *
 * @param namespace the namespace of the ExternalSecret and its Secret
 * @param externalSecret the ExternalSecret's name
 * @param targetName the Secret's name
 * @param outcome what happened
 * @param reason ESO's condition reason: {@code SecretSynced}, {@code SecretDeleted}, {@code SecretMissing} or
 *     {@code SecretSyncedError}
 * @param message ESO's condition message, e.g. {@code secret synced}
 * @param writes the API writes made (create, patch, delete), retries included
 * @param error the failure when {@code outcome} is {@link Outcome#FAILED}, else {@code null}
 */
public record MirrorResult(
        String namespace,
        String externalSecret,
        String targetName,
        Outcome outcome,
        String reason,
        String message,
        int writes,
        SecretsException error) {

    /** What a mirror pass did to the target Secret. */
    public enum Outcome {
        /** The Secret did not exist and was created. */
        CREATED,
        /** The Secret existed and was changed. */
        UPDATED,
        /** The Secret already held exactly what it should: no write. */
        UNCHANGED,
        /** The Secret was deleted (or was already gone) under {@code deletionPolicy: Delete}. */
        DELETED,
        /** The result was empty and {@code deletionPolicy: Retain} left the Secret alone. */
        RETAINED,
        /** Nothing written on purpose: {@code creationPolicy: None}, or {@code Merge} with no Secret to merge into. */
        SKIPPED,
        /** Nothing (or only metadata) written; see {@link #error()}. */
        FAILED
    }

    public MirrorResult {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(externalSecret, "externalSecret");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        if ((outcome == Outcome.FAILED) != (error != null)) {
            throw new IllegalArgumentException("error must be set exactly when the outcome is FAILED");
        }
    }

    /** The failure, when the pass failed. */
    public Optional<SecretsException> failure() {
        return Optional.ofNullable(error);
    }

    /** The ExternalSecret, in the namespace its Secret is in. */
    public ExternalSecretId id() {
        return ExternalSecretId.of(namespace, externalSecret);
    }

    /** True unless the pass failed. */
    public boolean ok() {
        return outcome != Outcome.FAILED;
    }
}
