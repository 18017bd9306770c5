package io.eso4j.k8s;

import io.eso4j.ResolvedSecret;
import io.eso4j.TargetSecretPlan;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Target;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an ExternalSecret wants its target Secret to hold: the resolved data, type and template metadata, plus the
 * target's policies. Package-private input of {@link SecretWriter}; its toString names keys only.
 */
record DesiredSecret(
        String namespace,
        String externalSecret,
        String targetName,
        Map<String, byte[]> data,
        String type,
        Map<String, String> labels,
        Map<String, String> annotations,
        Target target,
        boolean providerReturnedData) {

    DesiredSecret {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        data.forEach((key, value) -> copy.put(key, value.clone()));
        data = Collections.unmodifiableMap(copy);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** A desired Secret whose provider data was empty exactly when {@code data} is. */
    DesiredSecret(
            String namespace,
            String externalSecret,
            String targetName,
            Map<String, byte[]> data,
            String type,
            Map<String, String> labels,
            Map<String, String> annotations,
            Target target) {
        this(namespace, externalSecret, targetName, data, type, labels, annotations, target, !data.isEmpty());
    }

    static DesiredSecret of(ExternalSecret externalSecret, ResolvedSecret resolved, String defaultNamespace) {
        if (!externalSecret.name().equals(resolved.name())
                || !externalSecret.namespace().equals(resolved.namespace())) {
            throw new IllegalArgumentException(
                    "resolved secret " + resolved.id() + " does not belong to ExternalSecret " + externalSecret.id());
        }
        String namespace = externalSecret.namespace().isEmpty() ? defaultNamespace : externalSecret.namespace();
        return new DesiredSecret(
                namespace,
                externalSecret.name(),
                externalSecret.targetName(),
                resolved.data(),
                resolved.type(),
                resolved.labels(),
                resolved.annotations(),
                externalSecret.target(),
                resolved.providerReturnedData());
    }

    /** The input of core's {@link TargetSecretPlan}. */
    TargetSecretPlan.Desired plan() {
        return new TargetSecretPlan.Desired(
                id(), targetName, data, type, labels, annotations, target, providerReturnedData);
    }

    /** The ExternalSecret, in the namespace it is mirrored to. */
    ExternalSecretId id() {
        return ExternalSecretId.of(namespace, externalSecret);
    }

    @Override
    public String toString() {
        return "DesiredSecret[" + id() + " -> " + targetName + ", keys " + data.keySet() + ", values redacted]";
    }
}
