package io.eso4j.k8s;

import io.eso4j.spec.Manifests;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Objects;

/**
 * Namespaces with their labels as the cluster has them, for {@link Manifests.Builder#namespace(String, Map)}: so
 * ClusterExternalSecret {@code namespaceSelectors} and ClusterSecretStore {@code conditions} are decided against the
 * cluster's namespace labels, as ESO's controller decides them. Needs RBAC {@code get} (or {@code list}) on
 * {@code namespaces}. Stateless.
 */
public final class ClusterNamespaces {

    private ClusterNamespaces() {}

    /**
     * Adds each of {@code namespaces} with its labels read from the cluster (one {@code get} each); a namespace
     * that does not exist is added without labels beyond its name.
     *
     * @return {@code builder}
     */
    public static Manifests.Builder addTo(Manifests.Builder builder, KubernetesClient client, String... namespaces) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(client, "client");
        for (String name : namespaces) {
            Namespace namespace = client.namespaces().withName(name).get();
            builder.namespace(name, labels(namespace));
        }
        return builder;
    }

    /**
     * Adds every namespace of the cluster (one {@code list}), as ESO's ClusterExternalSecret controller sees them.
     *
     * @return {@code builder}
     */
    public static Manifests.Builder addAll(Manifests.Builder builder, KubernetesClient client) {
        Objects.requireNonNull(builder, "builder");
        for (Namespace namespace : client.namespaces().list().getItems()) {
            builder.namespace(namespace.getMetadata().getName(), labels(namespace));
        }
        return builder;
    }

    private static Map<String, String> labels(Namespace namespace) {
        if (namespace == null
                || namespace.getMetadata() == null
                || namespace.getMetadata().getLabels() == null) {
            return Map.of();
        }
        return namespace.getMetadata().getLabels();
    }
}
