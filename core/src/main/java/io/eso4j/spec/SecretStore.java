package io.eso4j.spec;

import java.util.Objects;

/**
 * A {@code SecretStore} or {@code ClusterSecretStore} with an AWS provider.
 *
 * @param kind which of the two kinds
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}; empty for a ClusterSecretStore
 * @param aws {@code spec.provider.aws}
 * @param retrySettings {@code spec.retrySettings}, or {@code null} for the SDK's defaults
 */
public record SecretStore(StoreKind kind, String name, String namespace, AwsProvider aws, RetrySettings retrySettings) {

    public SecretStore {
        kind = Objects.requireNonNullElse(kind, StoreKind.SECRET_STORE);
        name = Specs.text(name);
        namespace = Specs.text(namespace);
        Objects.requireNonNull(aws, "aws");
    }

    /** The reference an ExternalSecret uses to name this store. */
    public SecretStoreRef ref() {
        return new SecretStoreRef(name, kind);
    }
}
