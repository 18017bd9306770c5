package io.eso4j.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The fake Parameter Store's state, for tests to arrange and inspect directly (no HTTP, no signature): put
 * parameters ({@code String}, {@code StringList}, {@code SecureString}) as new versions, label versions, tag,
 * delete, and manage the fake KMS keys SecureStrings are encrypted with. Every change follows the same rules as the
 * API ({@code PutParameter} with overwrite: each put adds the next version number; a label moves from the version
 * that had it). Obtain it from {@link FakeAws#parameters()}. Thread-safe; each call is atomic.
 *
 * <p>The AWS managed key {@code alias/aws/ssm} always exists and is the default. Other keys must be created with
 * {@link #createKmsKey(String)} before a SecureString can use them; a disabled or deleted key makes reads with
 * decryption fail as AWS does ({@code InvalidKeyId} "… is disabled.", {@code AccessDeniedException}).
 *
 * <p>Failures throw {@link IllegalArgumentException} for an unknown parameter and {@link IllegalStateException}
 * otherwise, with the AWS error code and message.
 */
public final class FakeParameterStore {

    private final ParameterEngine engine;

    FakeParameterStore(ParameterEngine engine) {
        this.engine = engine;
    }

    /**
     * Puts a {@code String} parameter: creates it (version 1) or adds the next version.
     *
     * @return the new version number
     */
    public long putString(String name, String value) {
        return put(name, value, ParameterEngine.STRING, null);
    }

    /**
     * Puts a {@code StringList} parameter holding the values joined with commas.
     *
     * @return the new version number
     */
    public long putStringList(String name, List<String> values) {
        return put(name, String.join(",", values), ParameterEngine.STRING_LIST, null);
    }

    /**
     * Puts a {@code SecureString} parameter encrypted with the AWS managed key {@code alias/aws/ssm}.
     *
     * @return the new version number
     */
    public long putSecureString(String name, String value) {
        return put(name, value, ParameterEngine.SECURE_STRING, null);
    }

    /**
     * Puts a {@code SecureString} parameter encrypted with a fake KMS key created by {@link #createKmsKey(String)}.
     *
     * @return the new version number
     */
    public long putSecureString(String name, String value, String kmsKeyId) {
        return put(name, value, ParameterEngine.SECURE_STRING, Objects.requireNonNull(kmsKeyId, "kmsKeyId"));
    }

    private long put(String name, String value, String type, String keyId) {
        Objects.requireNonNull(value, "value");
        return call(() -> engine.put(name, value, type, keyId, null, null, true, Map.of(), null));
    }

    /** Moves labels to a version (as LabelParameterVersion does); labels AWS rejects are returned. */
    public List<String> label(String name, long version, String... labels) {
        return call(() -> engine.label(name, version, Arrays.asList(labels))).invalidLabels();
    }

    /** Adds or replaces tags. */
    public void tag(String name, Map<String, String> tags) {
        call(() -> {
            engine.tag(name, Map.copyOf(tags));
            return null;
        });
    }

    /** The parameter's tags. */
    public Map<String, String> tags(String name) {
        return call(() -> engine.tags(name));
    }

    /** Deletes a parameter with all its versions. */
    public void delete(String name) {
        call(() -> {
            engine.delete(name);
            return null;
        });
    }

    /** Whether a parameter exists (by name or ARN). */
    public boolean exists(String name) {
        return engine.resolveName(name) != null;
    }

    /** The latest version number. */
    public long version(String name) {
        return call(() -> engine.describe(name)).version();
    }

    /** The parameter's type: {@code String}, {@code StringList} or {@code SecureString}. */
    public String type(String name) {
        return call(() -> engine.describe(name)).type();
    }

    /** The parameter's ARN. */
    public String arn(String name) {
        return call(() -> engine.describe(name)).arn();
    }

    /** The names of all parameters, in creation order. */
    public List<String> names() {
        return engine.names();
    }

    /** Removes every parameter (the KMS keys stay). */
    public void clear() {
        engine.clear();
    }

    /**
     * Creates an enabled fake KMS key, named by key id, key ARN or alias ({@code alias/app}).
     *
     * @return the key's ARN
     */
    public String createKmsKey(String keyId) {
        return engine.createKey(Objects.requireNonNull(keyId, "keyId"));
    }

    /** Disables a key: reads with decryption of SecureStrings under it fail with {@code InvalidKeyId}. */
    public void disableKmsKey(String keyId) {
        engine.enableKey(keyId, false);
    }

    /** Enables a disabled key again. */
    public void enableKmsKey(String keyId) {
        engine.enableKey(keyId, true);
    }

    /** Deletes a key: reads with decryption of SecureStrings under it fail with {@code AccessDeniedException}. */
    public void deleteKmsKey(String keyId) {
        engine.deleteKey(keyId);
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (ApiError e) {
            String message = e.code() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            if ("ParameterNotFound".equals(e.code()) || "InvalidResourceId".equals(e.code())) {
                throw new IllegalArgumentException(message);
            }
            throw new IllegalStateException(message);
        }
    }

    @Override
    public String toString() {
        return "FakeParameterStore[" + engine.names().size() + " parameters]";
    }
}
