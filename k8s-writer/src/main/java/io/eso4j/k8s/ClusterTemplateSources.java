package io.eso4j.k8s;

import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretsException;
import io.eso4j.spec.TemplateSources;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads {@code templateFrom[].configMap} and {@code .secret} sources from the cluster, in the ExternalSecret's
 * namespace, as ESO's controller does ({@code pkg/controllers/templating/parser.go}):
 * {@code ExternalSecrets.builder().templateSources(new ClusterTemplateSources(client))}.
 *
 * <p>One read per source per mapping. An ExternalSecret is re-mapped when its remote data changes (or on its
 * refresh when the data-hash says so); a change to a template source alone is picked up by the next mapping, not
 * watched. Thread-safe; never logs values.
 */
public final class ClusterTemplateSources implements TemplateSources {

    private final KubernetesClient client;

    public ClusterTemplateSources(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The ConfigMap's {@code data}, or empty when it does not exist.
     *
     * @throws SecretAccessDeniedException when RBAC forbids reading it
     */
    @Override
    public Optional<Map<String, String>> configMap(String namespace, String name) {
        String effective = effective(namespace);
        ConfigMap configMap = read(
                "configmaps",
                effective,
                name,
                () -> client.configMaps().inNamespace(effective).withName(name).get());
        if (configMap == null) {
            return Optional.empty();
        }
        return Optional.of(configMap.getData() == null ? Map.of() : Collections.unmodifiableMap(configMap.getData()));
    }

    /**
     * The Secret's {@code data}, decoded, or empty when it does not exist.
     *
     * @throws SecretAccessDeniedException when RBAC forbids reading it
     */
    @Override
    public Optional<Map<String, byte[]>> secret(String namespace, String name) {
        String effective = effective(namespace);
        Secret secret = read(
                "secrets",
                effective,
                name,
                () -> client.secrets().inNamespace(effective).withName(name).get());
        if (secret == null) {
            return Optional.empty();
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.of(Collections.unmodifiableMap(data));
    }

    private String effective(String namespace) {
        return namespace.isEmpty() ? Objects.requireNonNullElse(client.getNamespace(), "default") : namespace;
    }

    private static <T> T read(String resource, String namespace, String name, java.util.function.Supplier<T> get) {
        try {
            return get.get();
        } catch (KubernetesClientException e) {
            String id = namespace + "/" + name;
            if (e.getCode() == 403) {
                throw new SecretAccessDeniedException(
                        id,
                        "cannot read template source " + id + ": forbidden: the reader needs RBAC verb \"get\" on"
                                + " resource \"" + resource + "\" in namespace \"" + namespace + "\"",
                        e);
            }
            throw new SecretsException("cannot read template source " + id + ": HTTP " + e.getCode(), e);
        }
    }

    @Override
    public String toString() {
        return "ClusterTemplateSources";
    }
}
