package io.eso4j.provider;

import io.eso4j.provider.aws.FetchResult;
import io.eso4j.provider.aws.FindQuery;
import io.eso4j.provider.aws.SecretValue;
import io.eso4j.provider.aws.SecretVersionRef;
import java.util.Collection;
import java.util.Map;

/**
 * What the refresh engine and the mapping need of a secrets service, for one store (and namespace): fetch these
 * refs, find by name and tags, read a secret's metadata. One implementation per {@code spec.provider.aws.service};
 * Secrets Manager ({@link io.eso4j.provider.aws.SecretsManagerProvider}) is the first. Every implementation must
 * pass the contract test ({@code SecretsProviderContract} in core's tests).
 *
 * <p>Contract: {@link #getValues} never throws for one ref's failure (it records it in the result, classified as
 * eso4j's exceptions: {@code SecretNotFoundException}, {@code SecretAccessDeniedException},
 * {@code TransientAwsException}, …) and answers every distinct ref once; {@link #getTags} and {@link #find} throw
 * those exceptions. Messages never carry a value. Implementations are thread-safe.
 *
 * <p>The value types still live in {@code io.eso4j.provider.aws} (issue 12: they move here, with the version
 * notation moving into each provider, in a later step).
 */
public interface SecretsProvider {

    /** The values of {@code refs} (current, by stage or by version id), each fetched once, failures recorded. */
    FetchResult getValues(Collection<SecretVersionRef> refs);

    /** The tags of the secret {@code key} (ESO's {@code metadataPolicy: Fetch}). */
    Map<String, String> getTags(String key);

    /** The current values of the secrets a {@code dataFrom.find} selects, by name, in the service's order. */
    Map<String, SecretValue> find(FindQuery query);
}
