package io.eso4j;

/** AWS refused access to a secret (IAM, KMS key policy or credentials); retrying will not help. */
public class SecretAccessDeniedException extends SecretsException {

    private static final long serialVersionUID = 1L;

    private final String secretId;

    public SecretAccessDeniedException(String secretId, String message, Throwable cause) {
        super(message, cause);
        this.secretId = secretId;
    }

    @Override
    public SecretAccessDeniedException withContext(String context) {
        return new SecretAccessDeniedException(secretId, context + getMessage(), this);
    }

    /** The secret id as requested from AWS (with the store prefix), or empty for a call about many secrets. */
    public String secretId() {
        return secretId;
    }
}
