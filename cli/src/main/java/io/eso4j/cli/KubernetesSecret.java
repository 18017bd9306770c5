package io.eso4j.cli;

import io.eso4j.ResolvedSecret;
import io.eso4j.integration.GenericTarget;
import io.eso4j.integration.TargetSecretPlan;
import io.eso4j.spec.ExternalSecret;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@code v1/Secret} as ESO's controller would write it for one ExternalSecret: the resolved data, type, labels and
 * annotations plus ESO's markers (managed label, data-hash annotation, and the created-by label under
 * {@code creationPolicy: Owner}), as core's {@link TargetSecretPlan#contents} makes them for a new Secret. Immutable; {@link #toString()} names keys only, never values.
 *
 * @param externalSecret the ExternalSecret it comes from, {@code namespace/name} or {@code name}
 * @param namespace empty when neither the manifest nor {@code --namespace} gives one
 * @param data key to value bytes, sorted by key
 * @param object for a generic target ({@code target.manifest}), the whole object ESO writes instead of a Secret
 *     ({@link GenericTarget}); {@code null} for a Secret
 */
record KubernetesSecret(
        String externalSecret,
        String name,
        String namespace,
        Map<String, String> labels,
        Map<String, String> annotations,
        String type,
        boolean immutable,
        Map<String, byte[]> data,
        Map<String, Object> object) {

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
        TargetSecretPlan.Desired desired = TargetSecretPlan.Desired.of(spec, resolved, defaultNamespace);
        TargetSecretPlan.Contents contents = TargetSecretPlan.contents(desired);
        return new KubernetesSecret(
                desired.externalSecret().toString(),
                desired.targetName(),
                desired.externalSecret().namespace(),
                contents.labels(),
                contents.annotations(),
                contents.type(),
                contents.immutable(),
                contents.data(),
                null);
    }

    /** The generic target ESO writes for {@code resolved}: its string data stand for the object in -o env / keys. */
    static KubernetesSecret generic(ExternalSecret spec, ResolvedSecret resolved, String defaultNamespace) {
        GenericTarget.Rendered rendered = GenericTarget.render(spec, resolved, defaultNamespace);
        Map<String, byte[]> data = new TreeMap<>();
        rendered.data().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        String namespace = spec.namespace().isEmpty() ? defaultNamespace : spec.namespace();
        return new KubernetesSecret(
                spec.id().inNamespaceIfNone(defaultNamespace).toString(),
                rendered.name(),
                namespace,
                rendered.labels(),
                rendered.annotations(),
                rendered.kind(),
                false,
                data,
                rendered.object());
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
