package io.eso4j.spec;

import java.util.Objects;

/**
 * Which ExternalSecret: its namespace and name. The one place the text form is made: {@code namespace/name}, or
 * {@code name} alone when the manifest has no namespace, as keys of {@code failures()} and {@code statuses()},
 * events, health details and metric tags name an ExternalSecret.
 *
 * @param namespace {@code metadata.namespace}; empty when the manifest has none
 * @param name {@code metadata.name}
 */
public record ExternalSecretId(String namespace, String name) {

    public ExternalSecretId {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** The id of {@code namespace/name} ({@code ""} for no namespace). */
    public static ExternalSecretId of(String namespace, String name) {
        return new ExternalSecretId(namespace, name);
    }

    /** The id of an ExternalSecret. */
    public static ExternalSecretId of(ExternalSecret externalSecret) {
        return new ExternalSecretId(externalSecret.namespace(), externalSecret.name());
    }

    /**
     * The id that {@link #toString()} printed: {@code namespace/name}, or {@code name} for no namespace.
     * Kubernetes names contain no {@code /}, so the first one separates the two.
     */
    public static ExternalSecretId parse(String text) {
        int slash = text.indexOf('/');
        return slash < 0
                ? new ExternalSecretId("", text)
                : new ExternalSecretId(text.substring(0, slash), text.substring(slash + 1));
    }

    /** The same name in {@code namespace}, when this id has none; else this id. */
    public ExternalSecretId inNamespaceIfNone(String namespace) {
        return this.namespace.isEmpty() ? new ExternalSecretId(namespace, name) : this;
    }

    /** {@code namespace/name}, or {@code name} when there is no namespace. */
    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
