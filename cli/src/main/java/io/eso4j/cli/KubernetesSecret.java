package io.eso4j.cli;

import io.eso4j.EsoMarkers;
import io.eso4j.ResolvedSecret;
import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.ExternalSecret;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@code v1/Secret} as ESO's controller would write it for one ExternalSecret: the resolved data, type, labels and
 * annotations plus ESO's markers (managed label, data-hash annotation, and the created-by label under
 * {@code creationPolicy: Owner}). Immutable; {@link #toString()} names keys only, never values.
 *
 * @param externalSecret the ExternalSecret it comes from, {@code namespace/name} or {@code name}
 * @param namespace empty when neither the manifest nor {@code --namespace} gives one
 * @param data key to value bytes, sorted by key
 */
record KubernetesSecret(
        String externalSecret,
        String name,
        String namespace,
        Map<String, String> labels,
        Map<String, String> annotations,
        String type,
        boolean immutable,
        Map<String, byte[]> data) {

    KubernetesSecret {
        Objects.requireNonNull(externalSecret, "externalSecret");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
        Objects.requireNonNull(type, "type");
        TreeMap<String, byte[]> copy = new TreeMap<>();
        data.forEach((key, value) -> copy.put(key, value.clone()));
        data = Collections.unmodifiableMap(copy);
    }

    /**
     * The Secret for {@code resolved}, the result of {@code spec}.
     *
     * @param defaultNamespace used when the ExternalSecret has no namespace; may be empty
     */
    static KubernetesSecret of(ExternalSecret spec, ResolvedSecret resolved, String defaultNamespace) {
        String namespace = resolved.namespace().isEmpty() ? defaultNamespace : resolved.namespace();
        Map<String, byte[]> data = resolved.data();
        Map<String, String> labels = new TreeMap<>(resolved.labels());
        labels.put(EsoMarkers.MANAGED_LABEL, "true");
        if (spec.target().creationPolicy() == CreationPolicy.OWNER) {
            labels.put(EsoMarkers.CREATED_BY_LABEL, EsoMarkers.createdBy(namespace, spec.name()));
        }
        Map<String, String> annotations = new TreeMap<>(resolved.annotations());
        annotations.put(EsoMarkers.DATA_HASH_ANNOTATION, EsoMarkers.dataHash(data));
        return new KubernetesSecret(
                spec.id().inNamespaceIfNone(namespace).toString(),
                resolved.targetName(),
                namespace,
                labels,
                annotations,
                resolved.type(),
                spec.target().immutable(),
                data);
    }

    /** The Secret as {@code namespace/name}, or {@code name} without a namespace. */
    String qualifiedName() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "KubernetesSecret[" + qualifiedName() + " from ExternalSecret " + externalSecret + ", type " + type
                + ", keys " + data.keySet() + ", values redacted]";
    }
}
