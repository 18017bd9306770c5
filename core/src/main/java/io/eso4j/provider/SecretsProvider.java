package io.eso4j.provider;

import io.eso4j.provider.aws.FetchResult;
import io.eso4j.provider.aws.FindQuery;
import io.eso4j.provider.aws.SecretValue;
import io.eso4j.provider.aws.SecretVersionRef;
import java.util.Collection;
import java.util.Map;

/**
 * What the refresh engine and the mapping need of a secrets service, for one store (and namespace): fetch these
 * refs, find by name and tags, read a secret's metadata. One implementation per {@code spec.provider.aws.service}:
 * Secrets Manager ({@link io.eso4j.provider.aws.SecretsManagerProvider}) and Parameter Store
 * ({@link io.eso4j.provider.aws.ssm.ParameterStoreProvider}). Every implementation must
 * pass the contract test ({@code SecretsProviderContract} in core's tests).
 *
 * <p>Contract: {@link #getValues} never throws for one ref's failure (it records it in the result, classified as
 * eso4j's exceptions: {@code SecretNotFoundException}, {@code SecretAccessDeniedException},
 * {@code TransientAwsException}, …) and answers every distinct ref once; {@link #getTags} and {@link #find} throw
 * those exceptions. Messages never carry a value. Implementations are thread-safe.
 *
 * <p>The value types still live in {@code io.eso4j.provider.aws}; the version notation is each provider's (an empty
 * version is the current one everywhere).
 */
public interface SecretsProvider {

    /**
     * The one ref for every spelling of the same request, so that a plan dedupes them (Secrets Manager: version
     * {@code AWSCURRENT} is the current version, {@code current(key)}). {@link #getValues} answers normalised refs.
     * Default: {@code ref} as it is.
     */
    default SecretVersionRef normalise(SecretVersionRef ref) {
        return ref;
    }

    /**
     * The values of {@code refs} (current or by version, in the provider's notation), each distinct
     * {@linkplain #normalise normalised} ref fetched once, failures recorded; the result is keyed by normalised ref.
     * A value's {@link SecretValue#versionId()} changes whenever its data does (the engine's change detection).
     */
    FetchResult getValues(Collection<SecretVersionRef> refs);

    /** The tags of the secret {@code key} (ESO's {@code metadataPolicy: Fetch}). */
    Map<String, String> getTags(String key);

    /** The current values of the secrets a {@code dataFrom.find} selects, by name, in the service's order. */
    Map<String, SecretValue> find(FindQuery query);

    /**
     * Throws when this provider does not implement ESO's {@code GetSecretMap} ({@code dataFrom.extract}), with
     * ESO's text for that provider; the mapping calls it before reading an extract's value, the engine before
     * planning one. Default: supported.
     */
    default void requireSecretMap() {}

    /**
     * True when this provider's {@code GetSecret} returns the value as it is, ignoring {@code remoteRef.property}
     * and {@code metadataPolicy} (ESO's Certificate Manager provider never reads them); the mapping then ignores
     * them too. Default: false, the mapping applies them.
     */
    default boolean valueAsIs() {
        return false;
    }
}
