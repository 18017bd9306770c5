package io.eso4j.spec;

/**
 * Kubernetes' name rules, checked by hand in linear time: RFC 1123 subdomains (object names, at most 253
 * characters) and labels (namespaces, at most 63). The messages follow {@code IsDNS1123Subdomain} /
 * {@code IsDNS1123Label} of {@code k8s.io/apimachinery/pkg/util/validation}, which the API server applies to
 * {@code metadata.name} and which ESO's CRD schemas repeat as patterns for every reference
 * ({@code apis/meta/v1/types.go}). Stateless.
 */
final class KubernetesNames {

    static final int MAX_SUBDOMAIN_LENGTH = 253;
    static final int MAX_LABEL_LENGTH = 63;

    private static final String SUBDOMAIN_RULE = "a lowercase RFC 1123 subdomain must consist of lower case"
            + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g."
            + " 'example.com')";
    private static final String LABEL_RULE = "a lowercase RFC 1123 label must consist of lower case alphanumeric"
            + " characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or"
            + " '123-abc')";

    private KubernetesNames() {}

    /** Why {@code name} is not a valid object name, or {@code null} when it is. */
    static String subdomainProblem(String name) {
        if (name.length() > MAX_SUBDOMAIN_LENGTH) {
            return "must be no more than " + MAX_SUBDOMAIN_LENGTH + " characters (has " + name.length() + ")";
        }
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            if (!isLabel(name, start, end)) {
                return "invalid name " + GoDuration.quote(name) + ": " + SUBDOMAIN_RULE;
            }
            if (dot < 0) {
                return null;
            }
            start = dot + 1;
        }
    }

    /** Why {@code name} is not a valid namespace name, or {@code null} when it is. */
    static String labelProblem(String name) {
        if (name.length() > MAX_LABEL_LENGTH) {
            return "must be no more than " + MAX_LABEL_LENGTH + " characters (has " + name.length() + ")";
        }
        if (isLabel(name, 0, name.length())) {
            return null;
        }
        if (subdomainProblem(name) == null) {
            return "invalid name " + GoDuration.quote(name) + ": must not contain dots";
        }
        return "invalid name " + GoDuration.quote(name) + ": " + LABEL_RULE;
    }

    private static boolean isLabel(String name, int start, int end) {
        if (start >= end || !alphanumeric(name.charAt(start)) || !alphanumeric(name.charAt(end - 1))) {
            return false;
        }
        for (int i = start + 1; i < end - 1; i++) {
            char c = name.charAt(i);
            if (c != '-' && !alphanumeric(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
