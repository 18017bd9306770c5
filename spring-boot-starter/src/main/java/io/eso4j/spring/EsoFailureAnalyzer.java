package io.eso4j.spring;

import io.eso4j.InvalidSpecException;
import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.StoreConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed on an {@code eso:} import: secret missing, access denied, invalid manifest, no
 * credentials, no region, each with the action that fixes it, told apart by eso4j's exception types (never by
 * their text). The description is eso4j's message, which names manifests, fields and secret ids, never values. Registered through {@code spring.factories}; stateless.
 */
public final class EsoFailureAnalyzer extends AbstractFailureAnalyzer<SecretsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SecretsException cause) {
        String description = "An eso: config import failed: " + cause.getMessage();
        SecretNotFoundException notFound = findCause(rootFailure, SecretNotFoundException.class);
        if (notFound != null) {
            return new FailureAnalysis(
                    description,
                    "Create the secret '" + notFound.secretId() + "' in AWS Secrets Manager in the store's region"
                            + " and account, correct the ExternalSecret's remoteRef key (or the eso:aws: id), or mark"
                            + " the import optional: (spring.config.import=optional:eso:...).",
                    notFound);
        }
        SecretAccessDeniedException denied = findCause(rootFailure, SecretAccessDeniedException.class);
        if (denied != null) {
            return new FailureAnalysis(
                    description,
                    "Allow secretsmanager:GetSecretValue and secretsmanager:BatchGetSecretValue"
                            + (denied.secretId().isEmpty() ? "" : " on '" + denied.secretId() + "'")
                            + " (and kms:Decrypt on its key) for the identity eso4j uses, or set the role to assume"
                            + " (the store's role, eso4j.store.role).",
                    denied);
        }
        if (findCause(rootFailure, InvalidSpecException.class) != null) {
            return new FailureAnalysis(
                    description,
                    "Fix the manifest fields named above (file#document field: reason) in the eso: import.",
                    cause);
        }
        StoreConfigurationException store = findCause(rootFailure, StoreConfigurationException.class);
        if (store == null) {
            store = suppressed(rootFailure);
        }
        if (store != null && store.setting() == StoreConfigurationException.Setting.REGION) {
            return new FailureAnalysis(
                    description,
                    "Set the region: spec.provider.aws.region in the SecretStore, eso4j.store.region for eso:aws:"
                            + " imports, or the AWS_REGION environment variable.",
                    cause);
        }
        if (store != null) {
            return new FailureAnalysis(
                    description,
                    "Give eso4j credentials: IRSA on EKS (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN),"
                            + " eso4j.store.auth.access-key-id and secret-access-key for eso:aws: imports, the values"
                            + " of a store's auth.secretRef as eso4j.secret-keys.[<secret>/<key>] or under"
                            + " eso4j.secret-keys-path, or the AWS SDK's default chain (environment, profile,"
                            + " instance role).",
                    cause);
        }
        return new FailureAnalysis(
                description,
                "Check the SecretStore's region, auth and the Secrets Manager endpoint (eso4j.endpoint), or mark"
                        + " the import optional:.",
                cause);
    }

    /** A store problem among the suppressed failures of a multi-ExternalSecret build failure. */
    private StoreConfigurationException suppressed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Throwable each : t.getSuppressed()) {
                StoreConfigurationException found = findCause(each, StoreConfigurationException.class);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
