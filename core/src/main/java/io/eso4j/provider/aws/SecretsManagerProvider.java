package io.eso4j.provider.aws;

import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.TransientAwsException;
import io.eso4j.provider.SecretsProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
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
 * <p>Thread-safe. It holds the client and executor, which the caller owns and closes, and one remembered choice:
 * whether {@code BatchGetSecretValue} is usable for this store.
 */
public final class SecretsManagerProvider implements SecretsProvider {

    private static final Logger log = LoggerFactory.getLogger(SecretsManagerProvider.class);

    /** The stage AWS reads when no version is given: ESO's notation for the current version. */
    public static final String CURRENT_STAGE = "AWSCURRENT";

    /** ESO's prefix of a {@code remoteRef.version} that names a {@code VersionId} rather than a stage. */
    private static final String VERSION_ID_PREFIX = "uuid/";

    /** {@code BatchGetSecretValue} takes at most this many ids in a {@code SecretIdList}. */
    static final int BATCH_SIZE = 20;

    private final SecretsManagerClient client;
    private final String prefix;
    private final Executor executor;
    /** Batch was denied: not tried again (IAM does not change by itself). */
    private final AtomicBoolean batchUnavailable = new AtomicBoolean();

    private final Object batchLock = new Object();
    /** {@link #getValues} calls left before batch is tried again after throttling. Guarded by batchLock. */
    private int throttledSkips;
    /** Consecutive throttled batch probes. Guarded by batchLock. */
    private int throttleStreak;

    /** The longest pause of batch after throttling, in {@link #getValues} calls (refreshes). */
    static final int MAX_THROTTLED_SKIPS = 16;

    private final BooleanSupplier reloadCredentials;

    /**
     * A provider issuing its calls one after another on the calling thread.
     *
     * @param client the Secrets Manager client, already configured with region and credentials
     * @param prefix the store's {@code prefix}, prepended verbatim to every key; empty for none
     */
    public SecretsManagerProvider(SecretsManagerClient client, String prefix) {
        this(client, prefix, Runnable::run);
    }

    /**
     * A provider issuing the calls of one {@link #getValues} in parallel on {@code executor}, whose size bounds the
     * concurrency. The executor must not be the thread calling {@link #getValues} (that thread waits for the
     * calls); the caller owns it.
     *
     * @param client the Secrets Manager client, already configured with region and credentials
     * @param prefix the store's {@code prefix}, prepended verbatim to every key; empty for none
     * @param executor runs the calls
     */
    public SecretsManagerProvider(SecretsManagerClient client, String prefix, Executor executor) {
        this(client, prefix, executor, () -> false);
    }

    /**
     * A provider like {@link #SecretsManagerProvider(SecretsManagerClient, String, Executor)} that, when AWS
     * rejects the client's credentials ({@code UnrecognizedClientException}, {@code InvalidSignatureException},
     * {@code ExpiredTokenException}, or STS's {@code InvalidClientTokenId}, {@code SignatureDoesNotMatch},
     * {@code ExpiredToken} while assuming a role), asks {@code reloadCredentials} to re-read them and retries the
     * call once if it says they changed.
     *
     * @param reloadCredentials re-reads the client's credentials; true when they changed. Called from fetch
     *     threads, so it must be thread-safe (and should coalesce concurrent calls)
     */
    public SecretsManagerProvider(
            SecretsManagerClient client, String prefix, Executor executor, BooleanSupplier reloadCredentials) {
        this.client = Objects.requireNonNull(client, "client");
        this.prefix = Objects.requireNonNullElse(prefix, "");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.reloadCredentials = Objects.requireNonNull(reloadCredentials, "reloadCredentials");
    }

    /** Whether {@code e} (or a cause: STS fails inside credential resolution) is AWS rejecting the credentials. */
    static boolean rejectsCredentials(Throwable e) {
        return SdkFailures.rejectsCredentials(e);
    }

    /** Runs {@code call}; when AWS rejected the credentials and re-reading them found new ones, runs it once more. */
    private <T> T retryingRejected(SdkCall<T> call) {
        try {
            return call.run();
        } catch (SdkException e) {
            if (!rejectsCredentials(e) || !reloadCredentials.getAsBoolean()) {
                throw e;
            }
            return call.run();
        }
    }

    /**
     * Fetches each distinct ref once, with as few calls as the API allows: the current versions of two or more
     * secrets go out as {@code BatchGetSecretValue} calls of at most {@value #BATCH_SIZE} ids, issued in parallel;
     * version-pinned refs (another stage, or {@code uuid/}) and a lone secret use {@code GetSecretValue}. A batch
     * answer's per-id errors are classified like a {@code GetSecretValue} failure of that id.
     *
     * <p>When a batch call is denied ({@code AccessDeniedException}, IAM lacks {@code
     * secretsmanager:BatchGetSecretValue}), its ids are fetched with parallel {@code GetSecretValue} calls instead
     * and this provider never tries batch again; it logs one warning saying so, with the IAM advice. When it is still
     * throttled after the SDK's retries its ids are fetched one by one too, and batch is paused for 1, 2, 4 ... up
     * to {@value #MAX_THROTTLED_SKIPS} calls of this method while the throttling lasts, then tried again; one warning
     * when throttling starts, one INFO when batch works again. (Before, one throttling burst disabled batch for the
     * life of the process: 200 calls per refresh instead of 10.)
     *
     * <p>A failure is recorded against its ref; the result holds a value or a failure for every distinct ref.
     */
    @Override
    public FetchResult getValues(Collection<SecretVersionRef> refs) {
        Map<SecretVersionRef, SecretValue> values = new ConcurrentHashMap<>();
        Map<SecretVersionRef, SecretsException> failures = new ConcurrentHashMap<>();
        List<SecretVersionRef> distinct =
                List.copyOf(refs.stream().map(this::normalise).collect(Collectors.toCollection(LinkedHashSet::new)));
        List<SecretVersionRef> current =
                distinct.stream().filter(SecretVersionRef::isCurrent).toList();
        List<SecretVersionRef> single = new ArrayList<>(distinct);
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        if (current.size() > 1 && useBatch()) {
            single.removeAll(current);
            for (int from = 0; from < current.size(); from += BATCH_SIZE) {
                List<SecretVersionRef> chunk = current.subList(from, Math.min(current.size(), from + BATCH_SIZE));
                calls.add(CompletableFuture.runAsync(() -> batch(chunk, values, failures), executor));
            }
        }
        for (SecretVersionRef ref : single) {
            calls.add(CompletableFuture.runAsync(() -> fetchOne(ref, values, failures), executor));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        Map<SecretVersionRef, SecretValue> orderedValues = new LinkedHashMap<>();
        Map<SecretVersionRef, SecretsException> orderedFailures = new LinkedHashMap<>();
        for (SecretVersionRef ref : distinct) {
            if (values.containsKey(ref)) {
                orderedValues.put(ref, values.get(ref));
            } else {
                orderedFailures.put(ref, failures.get(ref));
            }
        }
        return FetchResult.of(orderedValues, orderedFailures);
    }

    /** ESO's notation: version {@code AWSCURRENT} (or none) is the current version. */
    @Override
    public SecretVersionRef normalise(SecretVersionRef ref) {
        return ref.version().equals(CURRENT_STAGE) ? SecretVersionRef.current(ref.key()) : ref;
    }

    /** The {@code VersionId} to send, or {@code null} when the version names a stage. */
    static String versionId(SecretVersionRef ref) {
        return ref.version().startsWith(VERSION_ID_PREFIX) ? ref.version().substring(VERSION_ID_PREFIX.length()) : null;
    }

    /** The {@code VersionStage} to send ({@code AWSCURRENT} for none), or {@code null} for a version id. */
    static String versionStage(SecretVersionRef ref) {
        if (ref.version().startsWith(VERSION_ID_PREFIX)) {
            return null;
        }
        return ref.isCurrent() ? CURRENT_STAGE : ref.version();
    }

    /**
     * Whether this provider is not using {@code BatchGetSecretValue} now: for good after it was denied, or for the
     * next few {@link #getValues} calls after it was throttled.
     */
    public boolean batchUnavailable() {
        synchronized (batchLock) {
            return batchUnavailable.get() || throttledSkips > 0;
        }
    }

    /** Whether this {@link #getValues} may use batch; counts one call of a throttling pause down. */
    private boolean useBatch() {
        if (batchUnavailable.get()) {
            return false;
        }
        synchronized (batchLock) {
            if (throttledSkips > 0) {
                throttledSkips--;
                return false;
            }
            return true;
        }
    }

    /**
     * Batch was throttled (still, after the SDK's retries): pause it for 1, 2, 4, ... up to
     * {@value #MAX_THROTTLED_SKIPS} {@link #getValues} calls, then try again; one WARN when a throttling streak
     * starts. The chunks of one call share one pause.
     */
    private void batchThrottled(AwsServiceException e) {
        synchronized (batchLock) {
            if (throttledSkips > 0) {
                return;
            }
            throttleStreak++;
            throttledSkips = (int) Math.min(MAX_THROTTLED_SKIPS, 1L << Math.min(30, throttleStreak - 1));
            if (throttleStreak > 1) {
                log.debug("BatchGetSecretValue throttled again; pausing it for {} more fetches", throttledSkips);
                return;
            }
        }
        log.warn(
                "BatchGetSecretValue is throttled ({}); reading these secrets one by one with GetSecretValue and"
                        + " trying batch again on a later refresh (after 1, 2, 4 ... up to {} refreshes while"
                        + " throttling lasts)",
                errorCode(e),
                MAX_THROTTLED_SKIPS);
    }

    /** A batch call went through: a throttling streak is over. */
    private void batchSucceeded() {
        synchronized (batchLock) {
            if (throttleStreak == 0) {
                return;
            }
            throttleStreak = 0;
        }
        log.info("BatchGetSecretValue is no longer throttled; reading secrets in batch again");
    }

    private void batch(
            List<SecretVersionRef> chunk,
            Map<SecretVersionRef, SecretValue> values,
            Map<SecretVersionRef, SecretsException> failures) {
        Map<String, SecretVersionRef> byId = new LinkedHashMap<>();
        chunk.forEach(ref -> byId.put(prefix + ref.key(), ref));
        BatchGetSecretValueResponse response;
        try {
            response = retryingRejected(() -> client.batchGetSecretValue(r -> r.secretIdList(byId.keySet())));
        } catch (AwsServiceException e) {
            if (isDenied(e)) {
                if (batchUnavailable.compareAndSet(false, true)) {
                    log.warn(
                            "BatchGetSecretValue is denied ({}); reading secrets one by one with GetSecretValue from"
                                    + " now on. Allow secretsmanager:BatchGetSecretValue to use fewer calls",
                            errorCode(e));
                }
                chunk.forEach(ref -> fetchOne(ref, values, failures));
                return;
            }
            if (e.isThrottlingException()) {
                batchThrottled(e);
                chunk.forEach(ref -> fetchOne(ref, values, failures));
                return;
            }
            SecretsException failure = classify("BatchGetSecretValue", "", e);
            chunk.forEach(ref -> failures.put(ref, failure));
            return;
        } catch (SdkException e) {
            SecretsException failure = clientFailure("BatchGetSecretValue", e, endpoint());
            chunk.forEach(ref -> failures.put(ref, failure));
            return;
        }
        batchSucceeded();
        Map<SecretVersionRef, Boolean> answered = new HashMap<>();
        for (SecretValueEntry entry : response.secretValues()) {
            SecretVersionRef ref = byId.containsKey(entry.name()) ? byId.get(entry.name()) : byId.get(entry.arn());
            if (ref != null) {
                try {
                    values.put(ref, value(entry));
                } catch (SecretsException e) {
                    failures.put(ref, e);
                }
                answered.put(ref, true);
            }
        }
        for (APIErrorType error : response.errors()) {
            SecretVersionRef ref = byId.get(error.secretId());
            if (ref != null) {
                failures.put(ref, classify(error));
                answered.put(ref, true);
            }
        }
        // An id AWS answered under another spelling (a partial ARN, say) is asked again on its own.
        for (SecretVersionRef ref : chunk) {
            if (!answered.containsKey(ref)) {
                fetchOne(ref, values, failures);
            }
        }
    }

    private void fetchOne(
            SecretVersionRef ref,
            Map<SecretVersionRef, SecretValue> values,
            Map<SecretVersionRef, SecretsException> failures) {
        try {
            values.put(ref, getValue(prefix + ref.key(), versionId(ref), versionStage(ref)));
        } catch (SecretsException e) {
            failures.put(ref, e);
        }
    }

    private static boolean isDenied(AwsServiceException e) {
        return e.statusCode() == 403 || "AccessDeniedException".equals(errorCode(e));
    }

    private static String errorCode(AwsServiceException e) {
        return SdkFailures.errorCode(e);
    }

    /** A per-id error of a batch answer, classified as the same error from {@code GetSecretValue} would be. */
    private static SecretsException classify(APIErrorType error) {
        String code = Objects.requireNonNullElse(error.errorCode(), "");
        String message = SdkFailures.oneLine(Objects.requireNonNullElse(error.message(), ""));
        String secretId = error.secretId();
        return classify(
                code,
                0,
                message,
                secretId,
                "BatchGetSecretValue " + secretId + " failed: " + message + " (" + code + ")",
                null);
    }

    /**
     * The tags of {@code key} ({@code metadataPolicy: Fetch}), in key order.
     *
     * @throws SecretsException classified as for values; unlike ESO a deleted secret is reported as not found
     */
    @Override
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
    @Override
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
            matches.clear(); // a retry after re-read credentials starts over
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
            found.put(name, getValue(name, null, CURRENT_STAGE));
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
        checkString("GetSecretValue", secretId, response.secretString());
        return new SecretValue(
                response.name() == null ? secretId : response.name(),
                response.arn(),
                response.versionId(),
                response.versionStages(),
                response.secretString(),
                response.secretBinary() == null ? null : response.secretBinary().asByteArray());
    }

    /**
     * Rejects a {@code SecretString} that was a JSON object or array in the response, not a string: the SDK's
     * unmarshaller keeps only the opening token, so it would be published as {@code "{"}. A value that really is
     * the single character {@code {} or {@code [} is rejected too; no real secret is that.
     */
    private static void checkString(String operation, String secretId, String secretString) {
        if ("{".equals(secretString) || "[".equals(secretString)) {
            throw new SecretsException(describe(operation, secretId) + " failed: the response's SecretString is a JSON "
                    + ("{".equals(secretString) ? "object" : "array") + ", not a string; nothing was published");
        }
    }

    private static SecretValue value(SecretValueEntry entry) {
        checkString("BatchGetSecretValue", Objects.requireNonNullElse(entry.name(), ""), entry.secretString());
        return new SecretValue(
                entry.name(),
                entry.arn(),
                entry.versionId(),
                entry.versionStages(),
                entry.secretString(),
                entry.secretBinary() == null ? null : entry.secretBinary().asByteArray());
    }

    private <T> T call(String operation, String secretId, SdkCall<T> call) {
        try {
            return retryingRejected(call);
        } catch (AwsServiceException e) {
            throw classify(operation, secretId, e);
        } catch (SdkException e) {
            throw clientFailure(describe(operation, secretId), e, endpoint());
        }
    }

    static SecretsException classify(String operation, String secretId, AwsServiceException e) {
        String code = SdkFailures.errorCode(e);
        String message = SdkFailures.serviceMessage(e);
        String detail =
                describe(operation, secretId) + " failed: " + message + (code.isEmpty() ? "" : " (" + code + ")");
        return classify(code, e.statusCode(), message, secretId, detail, e);
    }

    /**
     * The one classification of AWS errors, for whole calls and for the per-id errors of a batch answer: not found
     * (ESO's {@code NoSecretErr}, also a secret marked for deletion), access denied or decryption refused (terminal),
     * throttling and 5xx (transient), anything else a plain failure.
     *
     * @param status the HTTP status, {@code 0} for a per-id batch error
     */
    private static SecretsException classify(
            String code, int status, String message, String secretId, String detail, Throwable cause) {
        switch (code) {
            case "ResourceNotFoundException":
                return new SecretNotFoundException(secretId, "Secret does not exist: " + detail, cause);
            case "InvalidRequestException":
                return message.contains("marked for deletion")
                        ? new SecretNotFoundException(secretId, "Secret does not exist: " + detail, cause)
                        : new SecretsException(detail, cause);
            case "AccessDeniedException":
            case "DecryptionFailure":
                return new SecretAccessDeniedException(secretId, detail, cause);
            default:
                TransientAwsException transientFailure = SdkFailures.transientFailure(code, status, detail, cause);
                return transientFailure != null ? transientFailure : new SecretsException(detail, cause);
        }
    }

    /** A client-side SDK failure, classified by {@link SdkFailures}; its transient message names the endpoint. */
    private static SecretsException clientFailure(String what, SdkException e, String endpoint) {
        return SdkFailures.clientFailure(what, e, endpoint);
    }

    /**
     * The endpoint the client calls, for messages: its {@code endpointOverride}, else the SDK's standard one of its
     * region (AWS_ENDPOINT_URL and the like, which the SDK may honour, are named as possible overrides).
     */
    private String endpoint() {
        try {
            var configuration = client.serviceClientConfiguration();
            if (configuration.endpointOverride().isPresent()) {
                return configuration.endpointOverride().get().toString();
            }
            String region = configuration.region() == null
                    ? "?"
                    : configuration.region().id();
            return "https://secretsmanager." + region + ".amazonaws.com unless AWS_ENDPOINT_URL_SECRETS_MANAGER or"
                    + " AWS_ENDPOINT_URL overrides it";
        } catch (RuntimeException e) {
            return "unknown";
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
