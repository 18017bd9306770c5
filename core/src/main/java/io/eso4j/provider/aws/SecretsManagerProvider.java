package io.eso4j.provider.aws;

import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Reads one store's secrets from AWS Secrets Manager with ESO's semantics: the store prefix prepended to every
 * key, ESO's version notation, {@code DescribeSecret} for tag metadata, and {@code find} served by the API ESO's
 * decision table names. Requests are sets, so every distinct {@code (key, version)} costs one call however many
 * entries need it.
 *
 * <p>Errors are classified: a missing or deleted secret is a {@link SecretNotFoundException}, access or
 * decryption refusals a {@link SecretAccessDeniedException}, anything else a {@link SecretsException} carrying the
 * AWS error code and message (which never hold a secret value) with the SDK exception as cause.
 *
 * <p>Thread-safe; it holds nothing but the client, which the caller owns and closes.
 */
public final class SecretsManagerProvider {

    private static final Logger log = LoggerFactory.getLogger(SecretsManagerProvider.class);

    private final SecretsManagerClient client;
    private final String prefix;

    /**
     * @param client the Secrets Manager client, already configured with region and credentials
     * @param prefix the store's {@code prefix}, prepended verbatim to every key; empty for none
     */
    public SecretsManagerProvider(SecretsManagerClient client, String prefix) {
        this.client = Objects.requireNonNull(client, "client");
        this.prefix = Objects.requireNonNullElse(prefix, "");
    }

    /** Fetches each distinct ref once with {@code GetSecretValue}; a failure is recorded against its ref. */
    public FetchResult getValues(Collection<SecretVersionRef> refs) {
        Map<SecretVersionRef, SecretValue> values = new LinkedHashMap<>();
        Map<SecretVersionRef, SecretsException> failures = new LinkedHashMap<>();
        for (SecretVersionRef ref : new LinkedHashSet<>(refs)) {
            try {
                values.put(ref, getValue(prefix + ref.key(), ref.versionId(), ref.versionStage()));
            } catch (SecretsException e) {
                failures.put(ref, e);
            }
        }
        return new FetchResult(values, failures);
    }

    /**
     * The tags of {@code key} ({@code metadataPolicy: Fetch}), in key order.
     *
     * @throws SecretsException classified as for values; unlike ESO a deleted secret is reported as not found
     */
    public Map<String, String> getTags(String key) {
        String secretId = prefix + key;
        DescribeSecretResponse response =
                call("DescribeSecret", secretId, () -> client.describeSecret(r -> r.secretId(secretId)));
        Map<String, String> tags = new TreeMap<>();
        for (Tag tag : response.tags()) {
            tags.put(tag.key(), tag.value());
        }
        return tags;
    }

    /**
     * The current values of every secret a {@code find} selects, keyed by full secret name, using ESO's API
     * choice: with a path or tags, {@code BatchGetSecretValue} with AWS-side filters; with a name regexp only (or
     * name and tags without a path), {@code ListSecrets} and one {@code GetSecretValue} per match.
     *
     * <p>Unlike ESO, names found through {@code ListSecrets} are read as listed, without prepending the store
     * prefix a second time. Per-secret errors inside a batch answer drop that secret, as in ESO, with a warning.
     *
     * @throws SecretsException "unexpected find operator" without name or tags, or any failed call
     */
    public Map<String, SecretValue> find(FindQuery query) {
        if (!query.hasName() && query.tags().isEmpty()) {
            throw new SecretsException("unexpected find operator");
        }
        if (query.path().isEmpty() && query.hasName()) {
            return findByListing(query);
        }
        return findByBatch(query);
    }

    private Map<String, SecretValue> findByListing(FindQuery query) {
        List<Filter> filters = tagFilters(query);
        List<String> matches = new ArrayList<>();
        ListSecretsRequest request =
                ListSecretsRequest.builder().filters(filters).build();
        call("ListSecrets", "", () -> {
            for (ListSecretsResponse page : client.listSecretsPaginator(request)) {
                for (SecretListEntry entry : page.secretList()) {
                    if (query.matches(entry.name())) {
                        matches.add(entry.name());
                    }
                }
            }
            return null;
        });
        Map<String, SecretValue> found = new TreeMap<>();
        for (String name : matches) {
            found.put(name, getValue(name, null, SecretVersionRef.CURRENT));
        }
        return found;
    }

    private Map<String, SecretValue> findByBatch(FindQuery query) {
        List<Filter> filters = tagFilters(query);
        if (!query.path().isEmpty()) {
            filters.add(filter(FilterNameStringType.NAME, query.path()));
        }
        BatchGetSecretValueRequest request =
                BatchGetSecretValueRequest.builder().filters(filters).build();
        Map<String, SecretValue> found = new TreeMap<>();
        call("BatchGetSecretValue", "", () -> {
            for (BatchGetSecretValueResponse page : client.batchGetSecretValuePaginator(request)) {
                for (SecretValueEntry entry : page.secretValues()) {
                    if (query.matches(entry.name())) {
                        found.put(entry.name(), value(entry));
                    }
                }
                for (APIErrorType error : page.errors()) {
                    log.warn("find skipped secret {}: {} ({})", error.secretId(), error.errorCode(), error.message());
                }
            }
            return null;
        });
        return found;
    }

    private static List<Filter> tagFilters(FindQuery query) {
        List<Filter> filters = new ArrayList<>();
        query.tags().forEach((key, value) -> {
            filters.add(filter(FilterNameStringType.TAG_KEY, key));
            filters.add(filter(FilterNameStringType.TAG_VALUE, value));
        });
        return filters;
    }

    private static Filter filter(FilterNameStringType key, String value) {
        return Filter.builder().key(key).values(value).build();
    }

    private SecretValue getValue(String secretId, String versionId, String versionStage) {
        GetSecretValueRequest request = GetSecretValueRequest.builder()
                .secretId(secretId)
                .versionId(versionId)
                .versionStage(versionStage)
                .build();
        GetSecretValueResponse response = call("GetSecretValue", secretId, () -> client.getSecretValue(request));
        return new SecretValue(
                response.name() == null ? secretId : response.name(),
                response.arn(),
                response.versionId(),
                response.versionStages(),
                response.secretString(),
                response.secretBinary() == null ? null : response.secretBinary().asByteArray());
    }

    private static SecretValue value(SecretValueEntry entry) {
        return new SecretValue(
                entry.name(),
                entry.arn(),
                entry.versionId(),
                entry.versionStages(),
                entry.secretString(),
                entry.secretBinary() == null ? null : entry.secretBinary().asByteArray());
    }

    private static <T> T call(String operation, String secretId, SdkCall<T> call) {
        try {
            return call.run();
        } catch (AwsServiceException e) {
            throw classify(operation, secretId, e);
        } catch (SdkException e) {
            throw new SecretsException(describe(operation, secretId) + " failed: " + e.getMessage(), e);
        }
    }

    static SecretsException classify(String operation, String secretId, AwsServiceException e) {
        String code = e.awsErrorDetails() == null
                ? ""
                : Objects.requireNonNullElse(e.awsErrorDetails().errorCode(), "");
        String message = e.awsErrorDetails() == null
                ? e.getMessage()
                : Objects.requireNonNullElse(e.awsErrorDetails().errorMessage(), "");
        String detail = describe(operation, secretId) + " failed: " + message + " (" + code + ")";
        switch (code) {
            case "ResourceNotFoundException":
                return new SecretNotFoundException(secretId, "Secret does not exist: " + detail, e);
            case "InvalidRequestException":
                if (message.contains("marked for deletion")) {
                    return new SecretNotFoundException(secretId, "Secret does not exist: " + detail, e);
                }
                return new SecretsException(detail, e);
            case "AccessDeniedException":
            case "DecryptionFailure":
                return new SecretAccessDeniedException(secretId, detail, e);
            default:
                return new SecretsException(detail, e);
        }
    }

    private static String describe(String operation, String secretId) {
        return secretId.isEmpty() ? operation : operation + " " + secretId;
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }
}
