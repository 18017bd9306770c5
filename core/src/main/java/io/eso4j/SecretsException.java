package io.eso4j;

/**
 * The root of every exception eso4j throws for a failure of the secrets themselves: a spec that is invalid, a
 * remote secret that is missing or unreadable, a value that cannot be mapped. Unchecked.
 *
 * <p>Messages name what failed (manifest, field path, secret id, version, key) and never carry a secret value,
 * token or key; the AWS exception, where there is one, is the cause. Builders throw the JDK's exceptions for
 * programming errors instead.
 */
public class SecretsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretsException(String message) {
        super(message);
    }

    public SecretsException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * This failure with {@code context} in front of its message, of the same type and with the same fields (secret
     * id, error code, problems, …), and this exception as its cause: context is added without losing what failed.
     * Every subclass overrides it.
     */
    public SecretsException withContext(String context) {
        return new SecretsException(context + getMessage(), this);
    }
}
