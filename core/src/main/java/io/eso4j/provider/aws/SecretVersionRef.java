package io.eso4j.provider.aws;

import java.util.Objects;

/**
 * One version of one remote value, as a fetch plan names it: the key as written in the spec (without the store
 * prefix) and {@code remoteRef.version} as written. An empty version means the current one; what a non-empty
 * version means is the provider's notation (Secrets Manager: a stage or {@code uuid/<version-id>}; Parameter Store:
 * a version number or label), and a provider may {@linkplain io.eso4j.provider.SecretsProvider#normalise normalise}
 * two spellings of one request to one ref.
 *
 * @param key the secret or parameter name (or ARN), without the store prefix
 * @param version the version in the provider's notation; empty for the current one
 */
public record SecretVersionRef(String key, String version) {

    /** Normalises a null version to empty (the current one). */
    public SecretVersionRef {
        Objects.requireNonNull(key, "key");
        version = version == null ? "" : version;
    }

    /** The current version of {@code key}. */
    public static SecretVersionRef current(String key) {
        return new SecretVersionRef(key, "");
    }

    /** Whether this names the current version (no version given). */
    public boolean isCurrent() {
        return version.isEmpty();
    }

    /**
     * Written out rather than generated: a record's generated {@code equals} / {@code hashCode} link through {@code
     * java.lang.runtime.ObjectMethods} on first use, and every fetch plan hashes refs before the first secret.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof SecretVersionRef ref && key.equals(ref.key) && version.equals(ref.version);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + version.hashCode();
    }
}
