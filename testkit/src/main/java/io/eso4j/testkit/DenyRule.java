package io.eso4j.testkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * An IAM-like explicit deny: calls to one operation, optionally only on some secrets and/or only by one caller
 * (access key id), are answered with {@code AccessDeniedException} (Secrets Manager) or {@code AccessDenied} (STS).
 * Immutable. Register with {@link FakeAws#deny(DenyRule)}.
 *
 * <p>As in IAM, {@code BatchGetSecretValue} needs {@code GetSecretValue} on every secret it returns: denying
 * {@code GetSecretValue} for a secret makes a batch call report that secret in its {@code Errors} list, and denying
 * {@code ListSecrets} fails a filter-based batch call.
 *
 * <p>For Parameter Store the "secret ids" are parameter names (any {@code :version} / {@code :label} or ARN form of
 * a name matches), or the path of a {@code GetParametersByPath}; a deny naming one name of a {@code GetParameters}
 * fails the whole call, as IAM does. The pseudo-operation {@code "kms:Decrypt"} with KMS key ids or ARNs refuses
 * decrypting SecureStrings under those keys.
 *
 * <pre>{@code
 * fake.deny(DenyRule.operation("BatchGetSecretValue"));
 * fake.deny(DenyRule.operation("GetParametersByPath").forSecretIds("/app"));
 * }</pre>
 */
public final class DenyRule {

    private final String operation;
    private final Set<String> secretIds;
    private final String accessKeyId;

    private DenyRule(String operation, Set<String> secretIds, String accessKeyId) {
        this.operation = operation;
        this.secretIds = secretIds;
        this.accessKeyId = accessKeyId;
    }

    /** Denies {@code operation} (AWS model name, e.g. {@code "BatchGetSecretValue"}) to everyone on everything. */
    public static DenyRule operation(String operation) {
        return new DenyRule(Objects.requireNonNull(operation, "operation"), Set.of(), null);
    }

    /** Restricts the deny to these secrets (name, full ARN or partial ARN). */
    public DenyRule forSecretIds(String... secretIds) {
        return new DenyRule(operation, Set.copyOf(Arrays.asList(secretIds)), accessKeyId);
    }

    /** Restricts the deny to calls signed with this access key id. */
    public DenyRule forAccessKeyId(String accessKeyId) {
        return new DenyRule(operation, secretIds, Objects.requireNonNull(accessKeyId, "accessKeyId"));
    }

    /** The denied operation. */
    public String operationName() {
        return operation;
    }

    /** The secrets the deny applies to; empty means all. */
    public Set<String> secretIds() {
        return secretIds;
    }

    /** The caller the deny applies to, or null for every caller. */
    public String accessKeyId() {
        return accessKeyId;
    }

    @Override
    public String toString() {
        return "DenyRule[" + operation + ", secretIds=" + secretIds + ", accessKeyId=" + accessKeyId + "]";
    }
}
