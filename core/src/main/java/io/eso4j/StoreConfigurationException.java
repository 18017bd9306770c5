package io.eso4j;

/**
 * A store cannot be used as configured: no region, no credentials, a key its {@code auth.secretRef} names that
 * cannot be found, a web identity token file or role that is missing. Fixing the configuration fixes it; the
 * message names the store (when known) and the setting, never a key or a token.
 */
public class StoreConfigurationException extends SecretsException {

    private static final long serialVersionUID = 1L;

    /** What is missing or wrong. */
    public enum Setting {
        /** The region (of the store, or of STS). */
        REGION,
        /** Credentials: static keys, the keys an {@code auth.secretRef} names, the web identity token or role. */
        CREDENTIALS,
        /** The service the store names ({@code spec.provider.aws.service}) has no provider. */
        SERVICE
    }

    private final String store;
    private final Setting setting;

    /**
     * @param store the store as messages name it ({@code SecretStore ns/name}), or {@code ""} when not known
     * @param setting what is missing or wrong
     */
    public StoreConfigurationException(String store, Setting setting, String message, Throwable cause) {
        super(message, cause);
        this.store = store == null ? "" : store;
        this.setting = java.util.Objects.requireNonNull(setting, "setting");
    }

    /** What is missing or wrong. */
    public Setting setting() {
        return setting;
    }

    /** The store as messages name it, {@code ""} when not known. */
    public String store() {
        return store;
    }

    @Override
    public StoreConfigurationException withContext(String context) {
        return new StoreConfigurationException(store, setting, context + getMessage(), this);
    }
}
