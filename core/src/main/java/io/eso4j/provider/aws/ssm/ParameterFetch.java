package io.eso4j.provider.aws.ssm;

import io.eso4j.SecretsException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * What one fetch of a set of {@link ParameterRef}s produced: a value or a failure for each distinct ref. Failures
 * are kept per ref, so one missing parameter fails only the entries that need it.
 */
public final class ParameterFetch {

    private final Map<ParameterRef, ParameterValue> values;
    private final Map<ParameterRef, SecretsException> failures;

    ParameterFetch(Map<ParameterRef, ParameterValue> values, Map<ParameterRef, SecretsException> failures) {
        this.values = Collections.unmodifiableMap(values);
        this.failures = Collections.unmodifiableMap(failures);
    }

    /**
     * The value fetched for {@code ref}.
     *
     * @throws SecretsException the failure recorded for it (for example {@link io.eso4j.SecretNotFoundException})
     * @throws IllegalArgumentException if {@code ref} was not part of the fetch
     */
    public ParameterValue get(ParameterRef ref) {
        ParameterValue value = values.get(ref);
        if (value != null) {
            return value;
        }
        SecretsException failure = failures.get(ref);
        if (failure != null) {
            throw failure;
        }
        throw new IllegalArgumentException("not part of this fetch: " + ref);
    }

    /** The failure recorded for {@code ref}, if any. */
    public Optional<SecretsException> failure(ParameterRef ref) {
        return Optional.ofNullable(failures.get(ref));
    }

    /** The values fetched, in the order the refs were first given. */
    public Map<ParameterRef, ParameterValue> values() {
        return values;
    }

    /** The failures, in the order the refs were first given. */
    public Map<ParameterRef, SecretsException> failures() {
        return failures;
    }

    @Override
    public String toString() {
        return "ParameterFetch[" + values.size() + " values, " + failures.size() + " failures]";
    }
}
