package io.eso4j.spec;

import java.util.Objects;

/**
 * One {@code spec.data[]} entry: the value at {@code remoteRef} becomes the target key {@code secretKey}.
 *
 * @param storeRef the entry's {@code sourceRef.storeRef}, or {@code null} for the ExternalSecret's store
 */
public record ExternalSecretData(String secretKey, RemoteRef remoteRef, SecretStoreRef storeRef) {

    public ExternalSecretData {
        secretKey = Specs.text(secretKey);
        Objects.requireNonNull(remoteRef, "remoteRef");
    }

    public static ExternalSecretData of(String secretKey, RemoteRef remoteRef) {
        return new ExternalSecretData(secretKey, remoteRef, null);
    }
}
