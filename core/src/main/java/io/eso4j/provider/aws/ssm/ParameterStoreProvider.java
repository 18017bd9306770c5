package io.eso4j.provider.aws.ssm;

import io.eso4j.SecretsException;
import io.eso4j.provider.SecretsProvider;
import io.eso4j.provider.aws.FetchResult;
import io.eso4j.provider.aws.FindQuery;
import io.eso4j.provider.aws.SecretValue;
import io.eso4j.provider.aws.SecretVersionRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The {@link SecretsProvider} for {@code spec.provider.aws.service: ParameterStore}, over a
 * {@link ParameterStoreReader}: ESO's semantics ({@code providers/v1/aws/parameterstore/parameterstore.go}), with
 * {@code GetParameters} in parallel chunks of ten where ESO makes one {@code GetParameter} per key.
 *
 * <p>Notation: {@code remoteRef.version} is a parameter version number or label, sent as {@code name:version};
 * empty is the current version. A value's {@link SecretValue#versionId()} is the parameter's version number
 * (it changes whenever the value does), so a refresh of unchanged parameters re-maps and publishes nothing.
 * Parameters are never binary. Thread-safe; the client and executor belong to the caller.
 */
public final class ParameterStoreProvider implements SecretsProvider {

    private final ParameterStoreReader reader;

    /**
     * A provider issuing the calls of one fetch in parallel on {@code executor}.
     *
     * @param client the SSM client, already configured with region and credentials
     * @param prefix the store's {@code prefix}, prepended verbatim to every key; empty for none
     * @param executor runs the calls; must not be the thread calling {@link #getValues}
     * @param reloadCredentials re-reads the client's credentials after AWS rejected them; true when they changed
     */
    public ParameterStoreProvider(
            SsmClient client, String prefix, Executor executor, BooleanSupplier reloadCredentials) {
        this.reader = new ParameterStoreReader(client, prefix, executor, reloadCredentials);
    }

    /** A provider issuing its calls one after another on the calling thread. */
    public ParameterStoreProvider(SsmClient client, String prefix) {
        this(client, prefix, Runnable::run, () -> false);
    }

    /** Whether {@code GetParameters} was denied by IAM, so parameters are read one by one from now on. */
    public boolean batchUnavailable() {
        return reader.batchUnavailable();
    }

    @Override
    public FetchResult getValues(Collection<SecretVersionRef> refs) {
        Map<ParameterRef, SecretVersionRef> asked = new LinkedHashMap<>();
        for (SecretVersionRef ref : refs) {
            asked.putIfAbsent(new ParameterRef(ref.key(), ref.version()), ref);
        }
        ParameterFetch fetched = reader.getValues(List.copyOf(asked.keySet()));
        Map<SecretVersionRef, SecretValue> values = new LinkedHashMap<>();
        Map<SecretVersionRef, SecretsException> failures = new LinkedHashMap<>();
        asked.forEach((parameterRef, ref) -> {
            ParameterValue value = fetched.values().get(parameterRef);
            if (value != null) {
                values.put(ref, secretValue(value));
            } else {
                failures.put(
                        ref,
                        Objects.requireNonNullElseGet(
                                fetched.failures().get(parameterRef),
                                () -> new SecretsException("GetParameters " + parameterRef.key() + " gave no answer")));
            }
        });
        return FetchResult.of(values, failures);
    }

    /**
     * The parameter's tags ({@code ListTagsForResource}); as in ESO, a missing parameter fails with "error listing
     * tags" and AWS's error.
     */
    @Override
    public Map<String, String> getTags(String key) {
        return reader.getTags(ParameterRef.current(key));
    }

    /**
     * ESO's {@code GetAllSecrets}: with a name regexp by path (recursive {@code GetParametersByPath} from
     * {@code find.path}, or {@code /}), else by tags ({@code DescribeParameters}); keyed by full parameter name, in
     * name order. The store prefix does not apply, as in ESO.
     */
    @Override
    public Map<String, SecretValue> find(FindQuery query) {
        Map<String, ParameterValue> found = reader.find(query.path(), query.nameMatcher(), query.tags());
        Map<String, SecretValue> values = new TreeMap<>();
        found.forEach((name, value) -> values.put(name, secretValue(value)));
        return values;
    }

    private static SecretValue secretValue(ParameterValue value) {
        return new SecretValue(
                value.name(), value.arn(), Long.toString(value.version()), List.of(), value.value(), null);
    }

    @Override
    public String toString() {
        return "ParameterStoreProvider";
    }
}
