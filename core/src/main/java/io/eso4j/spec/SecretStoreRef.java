package io.eso4j.spec;

import java.util.Objects;

/**
 * ESO {@code secretStoreRef} / {@code sourceRef.storeRef}: which store an ExternalSecret (or one of its entries)
 * reads from.
 *
 * @param name the store's {@code metadata.name}
 * @param kind {@code SecretStore} (default) or {@code ClusterSecretStore}
 */
public record SecretStoreRef(String name, StoreKind kind) {

    public SecretStoreRef {
        name = Specs.text(name);
        kind = Objects.requireNonNullElse(kind, StoreKind.SECRET_STORE);
    }

    public static SecretStoreRef of(String name) {
        return new SecretStoreRef(name, StoreKind.SECRET_STORE);
    }
}
