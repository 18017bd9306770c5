package io.eso4j.spring;

import io.eso4j.InvalidSpecException;
import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretMappingException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.StoreConfigurationException;
import io.eso4j.TransientAwsException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed on an {@code eso:} import: secret missing, access denied, invalid manifest, AWS
 * not reachable (refused, unknown host, timeout: the message names the endpoint), AWS throttling or failing, a value
 * of the wrong shape (plain text through {@code dataFrom.extract} or the short form), no region, no credentials,
 * each with the action that fixes it, told apart by eso4j's exception types and the JDK's I/O exceptions (never by
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
        TransientAwsException unreachable = find(rootFailure, TransientAwsException.class);
        if (unreachable != null
                && unreachable.statusCode() == 0
                && unreachable.errorCode().isEmpty()) {
            return network(rootFailure, unreachable);
        }
        if (unreachable != null) {
            return new FailureAnalysis(
                    description,
                    "AWS answered, but could not serve the request now (" + status(unreachable) + "): start again"
                            + " later, lower the number of applications starting at once, or mark the import"
                            + " optional: so the application starts with the last good values missing and refreshes"
                            + " retry them.",
                    unreachable);
        }
        SecretMappingException mapping = find(rootFailure, SecretMappingException.class);
        if (mapping != null) {
            return new FailureAnalysis(
                    description,
                    "The secret's value does not have the shape the ExternalSecret expects. dataFrom.extract needs a"
                            + " JSON object (its top-level keys become properties; an eso:aws: import reads any other"
                            + " value as plain text under the last path segment of its id): for"
                            + " a plain-text secret write a manifest whose data[] entry names the property"
                            + " (secretKey) and the secret (remoteRef.key, no property); for a JSON value under"
                            + " remoteRef.property check that the key exists.",
                    mapping);
        }
        StoreConfigurationException store = find(rootFailure, StoreConfigurationException.class);
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
                "Check the SecretStore's region, auth and the AWS endpoint (eso4j.endpoint), or mark"
                        + " the import optional:.",
                cause);
    }

    /**
     * A refused connection, an unknown host, a timeout or another I/O failure: nothing answered at the endpoint the
     * message names, so credentials and region are not the problem yet.
     */
    private FailureAnalysis network(Throwable rootFailure, TransientAwsException cause) {
        String description = "An eso: config import could not reach AWS: " + cause.getMessage();
        String what;
        if (findCause(rootFailure, UnknownHostException.class) != null) {
            what = "The endpoint's host name does not resolve (DNS).";
        } else if (findCause(rootFailure, ConnectException.class) != null) {
            what = "Nothing accepted the connection at the endpoint (connection refused).";
        } else {
            what = "The endpoint did not answer in time, or the connection broke.";
        }
        return new FailureAnalysis(
                description,
                what + " Check the endpoint named above: eso4j.endpoint (a local fake or a VPC endpoint; it must be an"
                        + " absolute http(s) URL), or, without it, the service's AWS_ENDPOINT_URL_SECRETS_MANAGER,"
                        + " AWS_ENDPOINT_URL_SSM or AWS_ENDPOINT_URL_ACM, AWS_ENDPOINT_URL and the store's region; then the network path (proxy, VPC endpoint, security groups),"
                        + " or mark the import optional:.",
                cause);
    }

    private static String status(TransientAwsException e) {
        return (e.errorCode().isEmpty() ? "" : e.errorCode() + ", ") + "HTTP " + e.statusCode();
    }

    /** The first {@code type} in the cause chain, else among the suppressed failures of a multi-ExternalSecret one. */
    private <E extends Throwable> E find(Throwable failure, Class<E> type) {
        E direct = findCause(failure, type);
        if (direct != null) {
            return direct;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Throwable each : t.getSuppressed()) {
                E found = findCause(each, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
