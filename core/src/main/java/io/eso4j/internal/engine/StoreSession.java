package io.eso4j.internal.engine;

import io.eso4j.SecretsException;
import io.eso4j.mapping.FindMatcher;
import io.eso4j.mapping.RemoteSecrets;
import io.eso4j.mapping.RemoteValue;
import io.eso4j.provider.SecretsProvider;
import io.eso4j.provider.aws.FetchResult;
import io.eso4j.provider.aws.FindQuery;
import io.eso4j.provider.aws.SecretValue;
import io.eso4j.provider.aws.SecretVersionRef;
import io.eso4j.spec.Find;
import io.eso4j.spec.SecretStoreRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One store's remote data during one resolution: every distinct {@code (key, version)}, tag lookup and find is
 * asked of AWS once, whichever ExternalSecrets and entries need it. Values planned up front are fetched together
 * with {@link #prefetch}; anything else is fetched on first use. Failures are remembered too, so a missing secret
 * costs one call however many entries name it.
 *
 * <p>Confined to the resolving thread.
 */
final class StoreSession {

    private final SecretsProvider provider;
    private final Map<SecretVersionRef, Outcome<SecretValue>> values = new HashMap<>();
    private final Map<String, Outcome<Map<String, String>>> tags = new HashMap<>();
    private final Map<FindKey, Outcome<Map<String, RemoteValue>>> finds = new HashMap<>();

    StoreSession(SecretsProvider provider) {
        this.provider = provider;
    }

    /** Fetches every ref not yet known, as one set. */
    void prefetch(Collection<SecretVersionRef> refs) {
        List<SecretVersionRef> missing =
                refs.stream().filter(ref -> !values.containsKey(ref)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        FetchResult result = provider.getValues(missing);
        result.values().forEach((ref, value) -> values.put(ref, new Outcome<>(value, null)));
        result.failures().forEach((ref, failure) -> values.put(ref, new Outcome<>(null, failure)));
    }

    /** Records {@code failure} for every ref in {@code refs} not yet known (a prefetch that threw). */
    void fail(Collection<SecretVersionRef> refs, SecretsException failure) {
        for (SecretVersionRef ref : refs) {
            values.putIfAbsent(ref, new Outcome<>(null, failure));
        }
    }

    /** The {@code VersionId} fetched for {@code ref}, or {@code null} when it was not fetched or failed. */
    String versionId(SecretVersionRef ref) {
        Outcome<SecretValue> outcome = values.get(ref);
        return outcome == null || outcome.value() == null
                ? null
                : outcome.value().versionId();
    }

    /** The provider's one ref for {@code key} at {@code version} (its notation's spellings of one request dedupe). */
    SecretVersionRef ref(String key, String version) {
        return provider.normalise(new SecretVersionRef(key, version));
    }

    RemoteValue value(String key, String version) {
        SecretVersionRef ref = ref(key, version);
        if (!values.containsKey(ref)) {
            prefetch(List.of(ref));
        }
        SecretValue value = values.get(ref).get();
        return new RemoteValue(value.string(), value.binary());
    }

    Map<String, String> tags(String key) {
        return tags.computeIfAbsent(key, k -> Outcome.of(() -> provider.getTags(k)))
                .get();
    }

    /** See {@link SecretsProvider#valueAsIs}. */
    boolean valueAsIs() {
        return provider.valueAsIs();
    }

    /** See {@link SecretsProvider#requireSecretMap}. */
    void requireSecretMap() {
        provider.requireSecretMap();
    }

    Map<String, RemoteValue> find(Find find) {
        FindKey key = new FindKey(find.path(), find.nameRegexp(), find.tags());
        return finds.computeIfAbsent(key, k -> Outcome.of(() -> fetch(k))).get();
    }

    private Map<String, RemoteValue> fetch(FindKey find) {
        FindMatcher matcher = find.nameRegexp().isEmpty() ? null : FindMatcher.compile(find.nameRegexp());
        Map<String, SecretValue> found =
                provider.find(new FindQuery(find.path(), find.tags(), matcher == null ? null : matcher::matches));
        Map<String, RemoteValue> values = new LinkedHashMap<>();
        found.forEach((name, value) -> values.put(name, new RemoteValue(value.string(), value.binary())));
        return values;
    }

    /** The mapping's view of the stores: each store reference resolves to its session through {@code sessions}. */
    static RemoteSecrets view(Function<SecretStoreRef, StoreSession> sessions) {
        return new RemoteSecrets() {
            @Override
            public RemoteValue value(SecretStoreRef store, String key, String version) {
                return sessions.apply(store).value(key, version);
            }

            @Override
            public Map<String, String> tags(SecretStoreRef store, String key) {
                return sessions.apply(store).tags(key);
            }

            @Override
            public Map<String, RemoteValue> find(SecretStoreRef store, Find find) {
                return sessions.apply(store).find(find);
            }

            @Override
            public void requireSecretMap(SecretStoreRef store) {
                sessions.apply(store).requireSecretMap();
            }

            @Override
            public boolean valueAsIs(SecretStoreRef store) {
                return sessions.apply(store).valueAsIs();
            }
        };
    }

    /** A fetch's value or its failure. */
    private record Outcome<T>(T value, SecretsException failure) {

        static <T> Outcome<T> of(Supplier<T> fetch) {
            try {
                return new Outcome<>(fetch.get(), null);
            } catch (SecretsException e) {
                return new Outcome<>(null, e);
            }
        }

        T get() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    /** What a find asks of AWS; its conversion and decoding strategies do not change the fetch. */
    private record FindKey(String path, String nameRegexp, Map<String, String> tags) {}
}
