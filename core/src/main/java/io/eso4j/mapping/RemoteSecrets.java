package io.eso4j.mapping;

import io.eso4j.SecretsException;
import io.eso4j.spec.Find;
import io.eso4j.spec.GeneratorRef;
import io.eso4j.spec.SecretStoreRef;
import java.util.Map;

/**
 * The already-fetched (or fetch-on-demand) remote data {@link SecretMapper} maps: the provider's side of ESO's
 * {@code GetSecret}, {@code DescribeSecret} tags and {@code GetAllSecrets}. The AWS provider implements it (applying
 * the store prefix, versions, filters and its caches); tests implement it in memory.
 *
 * <p>{@code store} is the entry's {@code sourceRef.storeRef}, else the ExternalSecret's {@code secretStoreRef}; it
 * may be {@code null} when neither is set. Keys are {@code remoteRef.key} <em>without</em> the store prefix.
 * Implementations must be safe for the thread that calls {@link SecretMapper#map}; they throw
 * {@link io.eso4j.SecretsException} subclasses for failures.
 */
public interface RemoteSecrets {

    /**
     * The value of {@code key} at {@code version}.
     *
     * @param version {@code ""} for {@code AWSCURRENT}, {@code uuid/<id>} for a version id, else a version stage
     * @throws io.eso4j.SecretNotFoundException when the secret (or that version) does not exist, ESO's
     *     {@code NoSecretErr}
     */
    RemoteValue value(SecretStoreRef store, String key, String version);

    /**
     * The secret's tags, for {@code metadataPolicy: Fetch}; empty when it has none.
     *
     * @throws io.eso4j.SecretNotFoundException when the secret does not exist
     */
    Map<String, String> tags(SecretStoreRef store, String key);

    /**
     * The current value of every secret the provider's filters select for {@code find} ({@code path} as a name
     * prefix, {@code tags} as AWS tag filters) and whose full name {@code name.regexp} matches (compiled once with
     * {@link FindMatcher}, applied while listing; the mapper does not filter again), keyed by full secret name.
     *
     * @throws io.eso4j.SecretMappingException when {@code name.regexp} does not compile (ESO's text)
     */
    Map<String, RemoteValue> find(SecretStoreRef store, Find find);

    /**
     * Throws when the provider of {@code store} does not implement ESO's {@code GetSecretMap}, which
     * {@code dataFrom.extract} calls (ESO's text, e.g. the Certificate Manager provider's "operation not supported
     * by AWS Certificate Manager provider"); the mapper calls it before reading an extract's value. Default:
     * supported.
     */
    default void requireSecretMap(SecretStoreRef store) {}

    /**
     * True when the provider of {@code store} returns a {@code data[]} value as it is, so that {@code property} and
     * {@code metadataPolicy} are ignored (ESO's Certificate Manager provider). Default: false.
     */
    default boolean valueAsIs(SecretStoreRef store) {
        return false;
    }

    /**
     * Runs the generator a {@code dataFrom[].sourceRef.generatorRef} names and returns its output keys (ESO's
     * {@code Generator.Generate}); a new value on every call, as ESO regenerates on every refresh.
     *
     * @throws SecretsException when the generator fails, or when this source runs no generators (the default)
     */
    default Map<String, byte[]> generate(GeneratorRef generator) {
        throw new SecretsException("generator " + generator.kind() + " \"" + generator.name()
                + "\" cannot run here: this source of remote data runs no generators");
    }
}
