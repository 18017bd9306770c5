package io.eso4j.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Kubernetes {@code metav1.LabelSelector}: {@code matchLabels} and {@code matchExpressions}, all of which must
 * hold ({@code metav1.LabelSelectorAsSelector}). An empty selector matches everything, as in Kubernetes.
 *
 * @param matchLabels labels that must be present with these values
 * @param matchExpressions further requirements
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    /** Copies. */
    public LabelSelector {
        matchLabels = Specs.map(matchLabels);
        matchExpressions = Specs.list(matchExpressions);
    }

    /** One {@code matchExpressions} entry. */
    public record Requirement(String key, String operator, List<String> values) {

        /** Copies. */
        public Requirement {
            key = Specs.text(key);
            operator = Specs.text(operator);
            values = Specs.list(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
        }
    }

    /** Whether {@code labels} (a namespace's) satisfy this selector. */
    public boolean matches(Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        for (Map.Entry<String, String> entry : matchLabels.entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (Requirement requirement : matchExpressions) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
