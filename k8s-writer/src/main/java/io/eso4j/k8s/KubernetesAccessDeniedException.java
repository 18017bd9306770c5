package io.eso4j.k8s;

import io.eso4j.SecretsException;

/**
 * The Kubernetes API refused a request of the writer (HTTP 403: RBAC), as opposed to AWS refusing a secret
 * ({@link io.eso4j.SecretAccessDeniedException}). The message names the Secret, the RBAC verb and the resource
 * the writer's service account lacks; the fabric8 exception is the cause. Holds no secret value.
 */
public class KubernetesAccessDeniedException extends SecretsException {

    private static final long serialVersionUID = 1L;

    private final String secret;
    private final String verb;

    public KubernetesAccessDeniedException(String secret, String verb, String message, Throwable cause) {
        super(message, cause);
        this.secret = secret;
        this.verb = verb;
    }

    @Override
    public KubernetesAccessDeniedException withContext(String context) {
        return new KubernetesAccessDeniedException(secret, verb, context + getMessage(), this);
    }

    /** The Secret the request was about, {@code namespace/name}. */
    public String secret() {
        return secret;
    }

    /** The RBAC verb refused: {@code get}, {@code list}, {@code create}, {@code patch} or {@code delete}. */
    public String verb() {
        return verb;
    }
}
