package io.eso4j.provider.aws.ssm;

import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.TransientAwsException;
import io.eso4j.provider.aws.SdkFailures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * Reads one store's parameters from AWS Systems Manager Parameter Store with ESO's semantics (ESO's
 * {@code providers/v1/aws/parameterstore/parameterstore.go}): the store prefix prepended verbatim to every key,
 * {@code remoteRef.version} as a {@code name:version} or {@code name:label} selector, SecureStrings always
 * decrypted, tags through {@code ListTagsForResource}, {@code find} by path and by tags, and ESO's error texts.
 *
 * <p>Where ESO makes one {@code GetParameter} per key, this reader asks {@code GetParameters} for up to ten names
 * per call, the chunks in parallel, each distinct name once; every value carries its version number, so a refresh
 * can tell what changed from the same answer. Parameter Store's default throughput is low and shared by every caller
 * of an account and region, so the call count matters.
 *
 * <p>Errors are classified as ESO classifies them: {@code ParameterNotFound} (or a name {@code GetParameters} lists
 * as invalid) is a {@link SecretNotFoundException} with ESO's "Secret does not exist" text; an access or KMS
 * refusal a {@link SecretAccessDeniedException}; anything else, including {@code ParameterVersionNotFound} (which
 * ESO does not treat as {@code NoSecretErr} either), a {@link SecretsException} carrying the AWS error code and
 * message (which never hold a value) with the SDK exception as cause.
 *
 * <p>Thread-safe. It holds the client and executor, which the caller owns and closes, and one remembered choice:
 * whether {@code GetParameters} is allowed for this store (IAM policies written for ESO may allow only
 * {@code ssm:GetParameter}).
 */
public final class ParameterStoreReader {

    private static final Logger log = LoggerFactory.getLogger(ParameterStoreReader.class);

    /** {@code GetParameters} takes at most this many names. */
    static final int BATCH_SIZE = 10;

    /** The largest {@code DescribeParameters} page. */
    static final int DESCRIBE_PAGE_SIZE = 50;

    /** ESO's text when a find has neither a name nor tags. */
    static final String UNEXPECTED_FIND_OPERATOR = "unexpected find operator";

    private final SsmClient client;
    private final String prefix;
    private final Executor executor;
    private final AtomicBoolean batchUnavailable = new AtomicBoolean();
    private final BooleanSupplier reloadCredentials;

    /**
     * A reader issuing its calls one after another on the calling thread.
     *
     * @param client the SSM client, already configured with region and credentials
     * @param prefix the store's {@code prefix}, prepended verbatim to every key; empty for none
     */
    public ParameterStoreReader(SsmClient client, String prefix) {
        this(client, prefix, Runnable::run);
    }

    /**
     * A reader issuing the calls of one fetch in parallel on {@code executor}, whose size bounds the concurrency.
     * The executor must not be the thread calling {@link #getValues} (that thread waits for the calls); the caller
     * owns it.
     *
     * @param client the SSM client, already configured with region and credentials
     * @param prefix the store's {@code prefix}, prepended verbatim to every key; empty for none
     * @param executor runs the calls
     */
    public ParameterStoreReader(SsmClient client, String prefix, Executor executor) {
        this(client, prefix, executor, () -> false);
    }

    /**
     * A reader like {@link #ParameterStoreReader(SsmClient, String, Executor)} that, when AWS rejects the client's
     * credentials (the codes {@code SecretsManagerProvider} retries on), asks {@code reloadCredentials} to re-read
     * them and retries the call once if it says they changed.
     *
     * @param reloadCredentials re-reads the client's credentials; true when they changed. Called from fetch
     *     threads, so it must be thread-safe
     */
    public ParameterStoreReader(SsmClient client, String prefix, Executor executor, BooleanSupplier reloadCredentials) {
        this.client = Objects.requireNonNull(client, "client");
        this.prefix = Objects.requireNonNullElse(prefix, "");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.reloadCredentials = Objects.requireNonNull(reloadCredentials, "reloadCredentials");
    }

    /** Runs {@code call}; when AWS rejected the credentials and re-reading them found new ones, runs it once more. */
    private <T> T retryingRejected(SdkCall<T> call) {
        try {
            return call.run();
        } catch (SdkException e) {
            if (!SdkFailures.rejectsCredentials(e) || !reloadCredentials.getAsBoolean()) {
                throw e;
            }
            return call.run();
        }
    }

    /**
     * Fetches each distinct ref once with {@code GetParameters(WithDecryption=true)}, at most {@value #BATCH_SIZE}
     * names per call, the calls in parallel; ⌈N/10⌉ calls for N distinct refs when nothing fails.
     *
     * <p>A name {@code GetParameters} lists as invalid is not found; when it carries a version or label, it is asked
     * once more with {@code GetParameter} to learn which (a missing version is {@code ParameterVersionNotFound},
     * as ESO reports it). A call that fails as a whole because one parameter cannot be decrypted (KMS refusal,
     * disabled key) is split into {@code GetParameter} calls, so only that parameter fails. When IAM denies
     * {@code ssm:GetParameters}, the names are read with parallel {@code GetParameter} calls instead, and this
     * reader never tries {@code GetParameters} again; it logs one warning saying so. Throttling fails the chunk's
     * refs (after the SDK's retries) rather than multiplying calls.
     */
    public ParameterFetch getValues(Collection<ParameterRef> refs) {
        return fetch(refs, prefix);
    }

    /** Whether this reader has given up on {@code GetParameters} (denied by IAM) for good. */
    public boolean batchUnavailable() {
        return batchUnavailable.get();
    }

    private ParameterFetch fetch(Collection<ParameterRef> refs, String namePrefix) {
        List<ParameterRef> distinct = List.copyOf(new LinkedHashSet<>(refs));
        Map<String, ParameterRef> byName = new LinkedHashMap<>();
        for (ParameterRef ref : distinct) {
            byName.put(ref.requestName(namePrefix), ref);
        }
        Map<ParameterRef, ParameterValue> values = new ConcurrentHashMap<>();
        Map<ParameterRef, SecretsException> failures = new ConcurrentHashMap<>();
        List<String> names = List.copyOf(byName.keySet());
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        if (batchUnavailable.get()) {
            for (String name : names) {
                calls.add(CompletableFuture.runAsync(() -> getOne(name, byName.get(name), values, failures), executor));
            }
        } else {
            for (int from = 0; from < names.size(); from += BATCH_SIZE) {
                List<String> chunk = names.subList(from, Math.min(names.size(), from + BATCH_SIZE));
                calls.add(CompletableFuture.runAsync(() -> batch(chunk, byName, values, failures), executor));
            }
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        Map<ParameterRef, ParameterValue> orderedValues = new LinkedHashMap<>();
        Map<ParameterRef, SecretsException> orderedFailures = new LinkedHashMap<>();
        for (ParameterRef ref : distinct) {
            if (values.containsKey(ref)) {
                orderedValues.put(ref, values.get(ref));
            } else {
                orderedFailures.put(ref, failures.get(ref));
            }
        }
        return new ParameterFetch(orderedValues, orderedFailures);
    }

    private void batch(
            List<String> names,
            Map<String, ParameterRef> byName,
            Map<ParameterRef, ParameterValue> values,
            Map<ParameterRef, SecretsException> failures) {
        GetParametersResponse response;
        try {
            response = retryingRejected(
                    () -> client.getParameters(r -> r.names(names).withDecryption(true)));
        } catch (AwsServiceException e) {
            String code = errorCode(e);
            if (code.equals("AccessDeniedException") && message(e).contains("ssm:GetParameters")) {
                if (batchUnavailable.compareAndSet(false, true)) {
                    log.warn("GetParameters is denied (AccessDeniedException); reading parameters one by one with"
                            + " GetParameter from now on. Allow ssm:GetParameters to use fewer calls");
                }
                one(names, byName, values, failures);
            } else if (names.size() > 1 && (code.equals("AccessDeniedException") || code.equals("InvalidKeyId"))) {
                // one parameter's key refused decryption and failed the whole call: find which one
                one(names, byName, values, failures);
            } else {
                // each ref gets its own error naming its parameter
                names.forEach(name -> failures.put(byName.get(name), classify("GetParameters", name, e)));
            }
            return;
        } catch (SdkException e) {
            names.forEach(
                    name -> failures.put(byName.get(name), SdkFailures.clientFailure("GetParameters " + name, e)));
            return;
        }
        Set<String> answered = new LinkedHashSet<>();
        for (Parameter parameter : response.parameters()) {
            String requested = parameter.name() + Objects.requireNonNullElse(parameter.selector(), "");
            ParameterRef ref = byName.get(requested);
            if (ref != null) {
                values.put(ref, value(parameter));
                answered.add(requested);
            }
        }
        List<String> askAgain = new ArrayList<>();
        for (String invalid : response.invalidParameters()) {
            ParameterRef ref = byName.get(invalid);
            if (ref == null) {
                continue;
            }
            answered.add(invalid);
            if (ref.version().isEmpty()) {
                failures.put(ref, notFound("GetParameters", invalid, null));
            } else {
                askAgain.add(invalid); // a missing version and a missing parameter look alike here
            }
        }
        // a name AWS answered under another spelling (an ARN, say) is asked again on its own
        for (String name : names) {
            if (!answered.contains(name)) {
                askAgain.add(name);
            }
        }
        one(askAgain, byName, values, failures);
    }

    /**
     * Reads names one by one on the current thread. It may be an executor thread already: waiting there for
     * further executor tasks could exhaust a bounded pool, so a chunk's fallback stays on its thread (the chunks
     * still run in parallel).
     */
    private void one(
            List<String> names,
            Map<String, ParameterRef> byName,
            Map<ParameterRef, ParameterValue> values,
            Map<ParameterRef, SecretsException> failures) {
        names.forEach(name -> getOne(name, byName.get(name), values, failures));
    }

    private void getOne(
            String name,
            ParameterRef ref,
            Map<ParameterRef, ParameterValue> values,
            Map<ParameterRef, SecretsException> failures) {
        try {
            Parameter parameter = call(
                    "GetParameter",
                    name,
                    () -> client.getParameter(r -> r.name(name).withDecryption(true))
                            .parameter());
            values.put(ref, value(parameter));
        } catch (SecretsException e) {
            failures.put(ref, e);
        }
    }

    /**
     * The tags of {@code ref}'s parameter ({@code metadataPolicy: Fetch}), in key order, as ESO serves them (its
     * {@code ParameterTagsToJSONString} marshals a map, so keys come sorted).
     *
     * <p>Unlike ESO, which passes {@code name:version} as the resource id (Parameter Store then answers
     * {@code InvalidResourceId}), the tags are asked for the parameter itself: tags belong to the parameter, not to
     * a version. As in ESO, a missing parameter is an error here ("error listing tags"), not "Secret does not exist".
     *
     * @throws SecretsException "error listing tags: …" with the AWS error
     */
    public Map<String, String> getTags(ParameterRef ref) {
        String name = prefix + ref.key();
        ListTagsForResourceResponse response;
        try {
            response = call(
                    "ListTagsForResource",
                    name,
                    () -> client.listTagsForResource(r ->
                            r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)));
        } catch (SecretsException e) {
            throw rewrap("error listing tags: ", e);
        }
        Map<String, String> tags = new TreeMap<>();
        for (Tag tag : response.tagList()) {
            tags.put(tag.key(), tag.value());
        }
        return tags;
    }

    /**
     * The current values of every parameter a {@code find} selects, keyed by full parameter name, as ESO's
     * {@code GetAllSecrets} decides: with a name regexp, by path (the tags, if any, are ignored, as in ESO); else
     * with tags, by tags; else ESO's "unexpected find operator". The names are ESO's keys before the
     * ExternalSecret's {@code conversionStrategy} (whose {@code Default} turns {@code /} into {@code _}) applies,
     * which is the mapping's job; the store prefix is not applied to a find, as in ESO.
     *
     * @param path the {@code find.path}, or null/empty for none
     * @param nameMatcher the compiled {@code find.name.regexp} (an unanchored search, as ESO's), or null for none
     * @param tags the {@code find.tags}, empty for none
     * @throws SecretsException any failed call, with ESO's context ("fetching parameters by path …")
     */
    public Map<String, ParameterValue> find(String path, Predicate<String> nameMatcher, Map<String, String> tags) {
        if (nameMatcher != null) {
            return findByName(path == null || path.isEmpty() ? "/" : path, nameMatcher);
        }
        if (tags != null && !tags.isEmpty()) {
            return findByTags(path, tags);
        }
        throw new SecretsException(UNEXPECTED_FIND_OPERATOR);
    }

    /** {@code GetParametersByPath(Recursive, WithDecryption)} pages, ten per page; the values come with them. */
    private Map<String, ParameterValue> findByName(String path, Predicate<String> nameMatcher) {
        GetParametersByPathRequest request = GetParametersByPathRequest.builder()
                .path(path)
                .recursive(true)
                .withDecryption(true)
                .build();
        Map<String, ParameterValue> found = new TreeMap<>();
        try {
            retryingRejected(() -> {
                found.clear(); // a retry after re-read credentials starts over
                for (GetParametersByPathResponse page : client.getParametersByPathPaginator(request)) {
                    for (Parameter parameter : page.parameters()) {
                        if (nameMatcher.test(parameter.name())) {
                            found.put(parameter.name(), value(parameter));
                        }
                    }
                }
                return null;
            });
        } catch (AwsServiceException e) {
            if ("AccessDeniedException".equals(errorCode(e))) {
                // ESO's fallback (fallbackFindByName): DescribeParameters needs ssm:DescribeParameters on "*"
                log.info(
                        "GetParametersByPath {} is denied; finding parameters with DescribeParameters instead. Allow"
                                + " ssm:GetParametersByPath to use fewer calls",
                        path);
                return fallbackFindByName(path, nameMatcher);
            }
            throw rewrap("fetching parameters by path " + path + ": ", classify("GetParametersByPath", path, e));
        } catch (SdkException e) {
            throw SdkFailures.clientFailure("GetParametersByPath " + path, e)
                    .withContext("fetching parameters by path " + path + ": ");
        }
        return found;
    }

    private Map<String, ParameterValue> fallbackFindByName(String path, Predicate<String> nameMatcher) {
        List<ParameterStringFilter> filters = List.of(pathFilter(path));
        return valuesOf(describe(filters).stream().filter(nameMatcher).toList());
    }

    /** ESO's findByTags: {@code tag:<key>} Equals filters (and a recursive Path filter), then the values. */
    private Map<String, ParameterValue> findByTags(String path, Map<String, String> tags) {
        List<ParameterStringFilter> filters = new ArrayList<>();
        new TreeMap<>(tags)
                .forEach((key, value) -> filters.add(ParameterStringFilter.builder()
                        .key("tag:" + key)
                        .option("Equals")
                        .values(value)
                        .build()));
        if (path != null && !path.isEmpty()) {
            filters.add(pathFilter(path));
        }
        return valuesOf(describe(filters));
    }

    private static ParameterStringFilter pathFilter(String path) {
        return ParameterStringFilter.builder()
                .key("Path")
                .option("Recursive")
                .values(path)
                .build();
    }

    private List<String> describe(List<ParameterStringFilter> filters) {
        DescribeParametersRequest request = DescribeParametersRequest.builder()
                .parameterFilters(filters)
                .maxResults(DESCRIBE_PAGE_SIZE)
                .build();
        List<String> names = new ArrayList<>();
        call("DescribeParameters", "", () -> {
            names.clear(); // a retry after re-read credentials starts over
            for (DescribeParametersResponse page : client.describeParametersPaginator(request)) {
                for (ParameterMetadata metadata : page.parameters()) {
                    names.add(metadata.name());
                }
            }
            return null;
        });
        return names;
    }

    /**
     * The current values of parameters found by name: {@code GetParameters} chunks where ESO makes one
     * {@code GetParameter} each; as in ESO, any failure fails the find.
     */
    private Map<String, ParameterValue> valuesOf(List<String> names) {
        List<ParameterRef> refs = names.stream().map(ParameterRef::current).toList();
        ParameterFetch fetched = fetch(refs, "");
        Map<String, ParameterValue> found = new TreeMap<>();
        for (ParameterRef ref : refs) {
            found.put(ref.key(), fetched.get(ref));
        }
        return found;
    }

    // ---- errors ----

    private static ParameterValue value(Parameter parameter) {
        return new ParameterValue(
                parameter.name(),
                parameter.arn(),
                parameter.typeAsString(),
                parameter.version() == null ? 0 : parameter.version(),
                Objects.requireNonNullElse(parameter.value(), ""));
    }

    private <T> T call(String operation, String name, SdkCall<T> call) {
        try {
            return retryingRejected(call);
        } catch (AwsServiceException e) {
            throw classify(operation, name, e);
        } catch (SdkException e) {
            throw SdkFailures.clientFailure(describe(operation, name), e);
        }
    }

    /**
     * ESO's GetSecret: ParameterNotFound is its NoSecretErr ("Secret does not exist"); an access or KMS refusal is
     * terminal; throttling and 5xx are transient; everything else passes with AWS's message and code.
     */
    static SecretsException classify(String operation, String name, AwsServiceException e) {
        String code = errorCode(e);
        String message = SdkFailures.serviceMessage(e);
        String detail =
                describe(operation, name) + " failed" + (message.isEmpty() ? "" : ": " + message) + " (" + code + ")";
        switch (code) {
            case "ParameterNotFound":
                return notFound(operation, name, e);
            case "AccessDeniedException":
            case "InvalidKeyId":
            case "KMSAccessDeniedException":
            case "DisabledException":
                return new SecretAccessDeniedException(name, detail, e);
            default:
                TransientAwsException transientFailure = SdkFailures.transientFailure(code, e.statusCode(), detail, e);
                return transientFailure != null ? transientFailure : new SecretsException(detail, e);
        }
    }

    private static SecretNotFoundException notFound(String operation, String name, Throwable cause) {
        return new SecretNotFoundException(
                name, "Secret does not exist: " + describe(operation, name) + " found no such parameter", cause);
    }

    /** Adds ESO's context in front of a classified error, keeping its type. */
    private static SecretsException rewrap(String context, SecretsException e) {
        return e.withContext(context);
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null
                ? ""
                : Objects.requireNonNullElse(e.awsErrorDetails().errorCode(), "");
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() == null
                ? Objects.requireNonNullElse(e.getMessage(), "")
                : Objects.requireNonNullElse(e.awsErrorDetails().errorMessage(), "");
    }

    private static String describe(String operation, String name) {
        return name.isEmpty() ? operation : operation + " " + name;
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }
}
