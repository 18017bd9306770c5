package io.eso4j;

/**
 * A remote secret (or the requested version of it) does not exist, or is scheduled for deletion. ESO calls this
 * {@code NoSecretErr}; under {@code deletionPolicy: Delete} or {@code Merge} it skips the entry instead of failing.
 */
public class SecretNotFoundException extends SecretsException {

    private static final long serialVersionUID = 1L;

    private final String secretId;

    public SecretNotFoundException(String secretId, String message, Throwable cause) {
        super(message, cause);
        this.secretId = secretId;
    }

    @Override
    public SecretNotFoundException withContext(String context) {
        return new SecretNotFoundException(secretId, context + getMessage(), this);
    }

    /** The secret id as requested from AWS (with the store prefix). */
    public String secretId() {
        return secretId;
    }
}
