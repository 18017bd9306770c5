package io.eso4j.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ESO {@code ClusterExternalSecret} ({@code apis/externalsecrets/v1/clusterexternalsecret_types.go}). In a
 * cluster, ESO's controller creates one ExternalSecret from {@code externalSecretSpec} in every namespace it
 * selects. An application runs in one namespace, so eso4j gives it <b>the ExternalSecrets of the namespaces the
 * caller names</b> ({@link Manifests.Builder#namespace(String, Map)}) that this object selects: named in {@code namespaces}, or
 * matched by {@code namespaceSelector} / any of {@code namespaceSelectors} (ESO's {@code GetTargetNamespaces}; a
 * namespace always carries {@code kubernetes.io/metadata.name=<name>}). Each is named {@code externalSecretName}
 * (default: this object's name) and carries {@code externalSecretMetadata}'s labels and annotations.
 *
 * @param name {@code metadata.name}
 * @param externalSecret the ExternalSecret it stands for, without a namespace: name, metadata and spec
 * @param namespaceSelectors {@code namespaceSelector} (deprecated) followed by {@code namespaceSelectors}
 * @param namespaces {@code namespaces} (deprecated): names, ORed with the selectors
 */
public record ClusterExternalSecret(
        String name, ExternalSecret externalSecret, List<LabelSelector> namespaceSelectors, List<String> namespaces) {

    /** Copies. */
    public ClusterExternalSecret {
        name = Specs.text(name);
        Objects.requireNonNull(externalSecret, "externalSecret");
        namespaceSelectors = Specs.list(namespaceSelectors);
        namespaces = Specs.list(namespaces);
    }

    /** Whether the namespace {@code namespace} with {@code labels} is one this object deploys to. */
    public boolean selects(String namespace, Map<String, String> labels) {
        Map<String, String> withName = new HashMap<>(labels);
        withName.putIfAbsent(StoreCondition.NAME_LABEL, namespace);
        if (namespaces.contains(withName.get(StoreCondition.NAME_LABEL))) {
            return true;
        }
        return namespaceSelectors.stream().anyMatch(selector -> selector.matches(withName));
    }

    /** The ExternalSecret ESO creates in {@code namespace}. */
    public ExternalSecret externalSecretIn(String namespace) {
        ExternalSecret es = externalSecret;
        return new ExternalSecret(
                es.name(),
                namespace,
                es.labels(),
                es.annotations(),
                es.refreshInterval(),
                es.refreshPolicy(),
                es.secretStoreRef(),
                es.target(),
                es.data(),
                es.dataFrom());
    }

    /** The selectors' and names' count, for messages. */
    List<String> describeSelection() {
        List<String> parts = new ArrayList<>();
        if (!namespaces.isEmpty()) {
            parts.add("namespaces " + namespaces);
        }
        if (!namespaceSelectors.isEmpty()) {
            parts.add(namespaceSelectors.size() + " namespace selector" + (namespaceSelectors.size() == 1 ? "" : "s"));
        }
        return parts;
    }
}
