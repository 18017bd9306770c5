package io.eso4j.provider.aws;

import io.eso4j.SecretsException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one fetch of a set of {@link SecretVersionRef}s produced: a value or a failure for each distinct request.
 * Failures are kept per request, so one missing secret fails only the entries that need it.
 */
public final class FetchResult {

    private final Map<SecretVersionRef, SecretValue> values;
    private final Map<SecretVersionRef, SecretsException> failures;

    private FetchResult(Map<SecretVersionRef, SecretValue> values, Map<SecretVersionRef, SecretsException> failures) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    /**
     * A provider's answer: {@code values} and {@code failures} (copied, in their iteration order), together one
     * entry per distinct ref asked for.
     */
    public static FetchResult of(
            Map<SecretVersionRef, SecretValue> values, Map<SecretVersionRef, SecretsException> failures) {
        return new FetchResult(values, failures);
    }

    /**
     * The value fetched for {@code ref}.
     *
     * @throws SecretsException the failure recorded for it (for example {@link io.eso4j.SecretNotFoundException})
     * @throws IllegalArgumentException if {@code ref} was not part of the fetch
     */
    public SecretValue get(SecretVersionRef ref) {
        SecretValue value = values.get(ref);
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
    public Optional<SecretsException> failure(SecretVersionRef ref) {
        return Optional.ofNullable(failures.get(ref));
    }

    public Map<SecretVersionRef, SecretValue> values() {
        return values;
    }

    public Map<SecretVersionRef, SecretsException> failures() {
        return failures;
    }
}
