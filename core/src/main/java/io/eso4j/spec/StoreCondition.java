package io.eso4j.spec;

import java.util.List;
import java.util.Map;

/**
 * One {@code spec.conditions[]} entry of a ClusterSecretStore ({@code ClusterSecretStoreCondition}): the namespaces
 * whose ExternalSecrets may use the store. The rule is ESO's {@code shouldProcessSecret}
 * ({@code pkg/controllers/secretstore/client_manager.go}): a namespace may use the store when any condition's
 * selector matches its labels, any of its {@code namespaces} is its name (as the selector
 * {@code kubernetes.io/metadata.name=<name>}), or any of its {@code namespaceRegexes} matches its name (Go's
 * {@code regexp.MatchString}, unanchored).
 *
 * @param namespaceSelector a label selector, or {@code null}
 * @param namespaces namespace names
 * @param namespaceRegexes Go regular expressions over the namespace name
 */
public record StoreCondition(LabelSelector namespaceSelector, List<String> namespaces, List<String> namespaceRegexes) {

    /** The label every namespace carries with its own name. */
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    /** Copies. */
    public StoreCondition {
        namespaces = Specs.list(namespaces);
        namespaceRegexes = Specs.list(namespaceRegexes);
    }

    /** Whether the namespace {@code name} with {@code labels} is allowed by this condition. */
    public boolean allows(String name, Map<String, String> labels) {
        if (namespaceSelector != null && namespaceSelector.matches(labels)) {
            return true;
        }
        if (namespaces.contains(labels.getOrDefault(NAME_LABEL, name))) {
            return true;
        }
        for (String regex : namespaceRegexes) {
            try {
                if (GoRegexp.compile(regex).matches(name)) {
                    return true;
                }
            } catch (GoRegexp.SyntaxException e) {
                // reported by the validator at load: "failed to compile regex"
            }
        }
        return false;
    }
}
