package io.eso4j.spec;

import java.util.Map;
import java.util.Optional;

/**
 * Where {@code templateFrom[].configMap} and {@code templateFrom[].secret} sources come from: the ConfigMap and
 * Secret manifests loaded next to the ExternalSecrets (core), or the cluster (the Kubernetes writer). Read on every
 * mapping, so an implementation may return the current state.
 *
 * <p>Implementations must be thread-safe. Values are templates and may hold secrets: never log them.
 */
public interface TemplateSources {

    /**
     * The {@code data} of a ConfigMap.
     *
     * @return empty when there is no such ConfigMap
     */
    Optional<Map<String, String>> configMap(String namespace, String name);

    /**
     * The {@code data} of a Secret, decoded from base64 (or its {@code stringData}).
     *
     * @return empty when there is no such Secret
     */
    Optional<Map<String, byte[]>> secret(String namespace, String name);

    /**
     * The {@code v1} ConfigMap and Secret documents among {@code manifests}' other documents: how a CLI run or an
     * application resolves template sources from the files given next to its ExternalSecrets. A document matches by
     * name and namespace (a missing namespace on either side matches any); Secret {@code data} is base64,
     * {@code stringData} wins over it.
     */
    static TemplateSources fromManifests(io.eso4j.spec.Manifests manifests) {
        return new ManifestTemplateSources(manifests.otherDocuments());
    }

    /** No sources: every ConfigMap and Secret is missing. */
    static TemplateSources none() {
        return new TemplateSources() {
            @Override
            public Optional<Map<String, String>> configMap(String namespace, String name) {
                return Optional.empty();
            }

            @Override
            public Optional<Map<String, byte[]>> secret(String namespace, String name) {
                return Optional.empty();
            }
        };
    }
}
