package io.eso4j;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Something that happened to one ExternalSecret's resolved value. Events name the ExternalSecret ({@code
 * namespace/name}, or {@code name} without a namespace) and key names, never values. Immutable.
 */
public sealed interface SecretEvent {

    /** The ExternalSecret, {@code namespace/name} or {@code name}. */
    String externalSecret();

    /** Its first successful resolution, with the keys it holds. */
    record Loaded(String externalSecret, Set<String> keys) implements SecretEvent {
        public Loaded {
            keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
        }
    }

    /**
     * A refresh published new data: {@code changedKeys} were added, removed or given another value. A change of
     * type, labels or annotations only gives an empty set.
     */
    record Changed(String externalSecret, Set<String> changedKeys) implements SecretEvent {
        public Changed {
            changedKeys = Collections.unmodifiableSortedSet(new TreeSet<>(changedKeys));
        }
    }

    /**
     * A refresh failed; the last good value (if any) is still served unless the failure policy withdrew it.
     *
     * @param reason the error message, which names secrets and fields, never values
     * @param terminal whether retrying cannot help (access denied, decryption failure)
     * @param staleness {@link SecretStatus#staleness()} as of this failure: since the last success (since the first
     *     failure when there never was one)
     */
    record RefreshFailed(String externalSecret, String reason, boolean terminal, Duration staleness)
            implements SecretEvent {}

    /**
     * A refresh succeeded after failures.
     *
     * @param staleness {@link SecretStatus#staleness()} just before this success: how stale the value had become
     */
    record Recovered(String externalSecret, Duration staleness) implements SecretEvent {}
}
