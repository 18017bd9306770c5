package io.eso4j.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The fake Secrets Manager's state, for tests to arrange and inspect directly (no HTTP, no signature): create
 * secrets, add versions with staging labels, rotate, tag, delete and restore. Every change follows the same rules
 * as the API (AWS's stage moves: a version made {@code AWSCURRENT} pushes the old current to {@code AWSPREVIOUS}).
 * Obtain it from {@link FakeAws#secrets()}. Thread-safe; each call is atomic.
 *
 * <p>Failures throw {@link IllegalArgumentException} for an unknown secret and {@link IllegalStateException}
 * otherwise, with the AWS error code and message.
 */
public final class FakeSecretsManager {

    private final SecretsEngine engine;

    FakeSecretsManager(SecretsEngine engine) {
        this.engine = engine;
    }

    /**
     * Creates a secret whose first version holds {@code secretString} and is {@code AWSCURRENT}.
     *
     * @return the secret's ARN
     */
    public String createSecret(String name, String secretString) {
        return createSecret(name, secretString, Map.of());
    }

    /**
     * Creates a tagged secret whose first version holds {@code secretString} and is {@code AWSCURRENT}.
     *
     * @return the secret's ARN
     */
    public String createSecret(String name, String secretString, Map<String, String> tags) {
        Objects.requireNonNull(secretString, "secretString");
        return call(() -> engine.create(name, null, secretString, null, Map.copyOf(tags), null))
                .arn();
    }

    /**
     * Creates a secret whose first version holds binary data and is {@code AWSCURRENT}.
     *
     * @return the secret's ARN
     */
    public String createBinarySecret(String name, byte[] secretBinary) {
        Objects.requireNonNull(secretBinary, "secretBinary");
        return call(() -> engine.create(name, null, null, secretBinary, Map.of(), null))
                .arn();
    }

    /**
     * Adds a version holding {@code secretString} with these staging labels (none given: {@code AWSCURRENT}),
     * moving each label from the version that had it.
     *
     * @return the new version id
     */
    public String putSecretValue(String secretId, String secretString, String... stages) {
        Objects.requireNonNull(secretString, "secretString");
        return call(() -> engine.putValue(secretId, secretString, null, Arrays.asList(stages), null))
                .versionId();
    }

    /**
     * Adds a binary version with these staging labels (none given: {@code AWSCURRENT}).
     *
     * @return the new version id
     */
    public String putSecretBinary(String secretId, byte[] secretBinary, String... stages) {
        Objects.requireNonNull(secretBinary, "secretBinary");
        return call(() -> engine.putValue(secretId, null, secretBinary, Arrays.asList(stages), null))
                .versionId();
    }

    /**
     * Rotates: adds a version holding {@code newSecretString} as {@code AWSCURRENT}; the old current version
     * becomes {@code AWSPREVIOUS}.
     *
     * @return the new version id
     */
    public String rotate(String secretId, String newSecretString) {
        return putSecretValue(secretId, newSecretString, SecretsEngine.CURRENT);
    }

    /** Moves a staging label to {@code versionId}, from whichever version had it. */
    public void moveStage(String secretId, String stage, String versionId) {
        call(() -> {
            Map<String, List<String>> stages = engine.describe(secretId).versionsToStages();
            String holder = stages.entrySet().stream()
                    .filter(e -> e.getValue().contains(stage))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
            return engine.updateStage(secretId, stage, versionId, holder);
        });
    }

    /** Adds or replaces tags. */
    public void tag(String secretId, Map<String, String> tags) {
        call(() -> {
            engine.tag(secretId, Map.copyOf(tags));
            return null;
        });
    }

    /** Removes tags by key. */
    public void untag(String secretId, String... keys) {
        call(() -> {
            engine.untag(secretId, Arrays.asList(keys));
            return null;
        });
    }

    /** Schedules deletion with the default 30-day recovery window: reads then fail as marked for deletion. */
    public void delete(String secretId) {
        call(() -> engine.delete(secretId, null, false));
    }

    /** Deletes at once, without recovery. */
    public void forceDelete(String secretId) {
        call(() -> engine.delete(secretId, null, true));
    }

    /** Cancels a scheduled deletion. */
    public void restore(String secretId) {
        call(() -> engine.restore(secretId));
    }

    /** Whether a secret exists (including one scheduled for deletion). */
    public boolean exists(String secretId) {
        return engine.resolveName(secretId) != null;
    }

    /** The secret's ARN. */
    public String arn(String secretId) {
        return call(() -> engine.describe(secretId)).arn();
    }

    /** The staging labels per version id (versions without labels left out), as DescribeSecret shows them. */
    public Map<String, List<String>> versionStages(String secretId) {
        return call(() -> engine.describe(secretId)).versionsToStages();
    }

    /** The secret's tags. */
    public Map<String, String> tags(String secretId) {
        return call(() -> engine.describe(secretId)).tags();
    }

    /** The names of all secrets, including those scheduled for deletion, in creation order. */
    public List<String> names() {
        return engine.list(true).stream().map(SecretsEngine.SecretView::name).toList();
    }

    /** Removes every secret. */
    public void clear() {
        engine.clear();
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (ApiError e) {
            String message = e.code() + ": " + e.getMessage();
            if ("ResourceNotFoundException".equals(e.code())) {
                throw new IllegalArgumentException(message);
            }
            throw new IllegalStateException(message);
        }
    }

    @Override
    public String toString() {
        return "FakeSecretsManager[" + engine.list(true).size() + " secrets]";
    }
}
