package io.eso4j.internal.auth;

import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.SecretStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials built once per store and reused: the first request for a store builds its {@link AwsAuth} with
 * {@link StoreCredentials}, later ones get the same instance, so temporary credentials cost one STS call per
 * lifetime however often secrets are refreshed. Stores whose credentials depend on the ExternalSecret's namespace
 * ({@code auth.secretRef}, or {@code sessionTagsPolicy} Simple / Custom on a {@code role}) are kept per namespace;
 * others are shared across namespaces.
 *
 * <p>Thread-safe. {@link #close()} closes every credential it built; nothing can be obtained afterwards.
 */
public final class CredentialsCache implements SdkAutoCloseable {

    private final SecretKeyResolver resolver;
    private final AuthOptions options;
    private final Map<Key, AwsAuth> credentials = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private CredentialsCache(SecretKeyResolver resolver, AuthOptions options) {
        this.resolver = resolver;
        this.options = options;
    }

    /** Key Secrets are looked up in the ExternalSecret's namespace; Simple and Custom session tags name it. */
    private static boolean perNamespace(SecretStore store) {
        return store.aws().auth().secretRef() != null
                || (!store.aws().role().isEmpty()
                        && store.aws().sessionTagsPolicy() != io.eso4j.spec.SessionTagsPolicy.NONE);
    }

    /**
     * A store (by value), namespace and, for a generator's credentials, its kind (empty for a store's). The hash is
     * taken from the store's kind, name and namespace, and equality tries identity first: the store records'
     * generated {@code hashCode} / {@code equals} are bootstrapped through {@code java.lang.runtime.ObjectMethods} on
     * first use, about 80 method-handle classes in a cold JVM before the first secret (issue #16 item 3). Stores equal
     * by value still share one entry (generators build a new store per call).
     */
    private record Key(SecretStore store, String namespace, String generatorKind) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && namespace.equals(key.namespace)
                    && generatorKind.equals(key.generatorKind)
                    && (store == key.store || store.equals(key.store));
        }

        @Override
        public int hashCode() {
            return Objects.hash(store.kind(), store.name(), store.namespace(), namespace, generatorKind);
        }
    }

    /** An empty cache that builds credentials with these settings. */
    public static CredentialsCache create(SecretKeyResolver resolver, AuthOptions options) {
        return new CredentialsCache(
                Objects.requireNonNull(resolver, "resolver"), Objects.requireNonNull(options, "options"));
    }

    /**
     * The credentials for {@code store} as used from {@code namespace}, built on first use. Do not close them; the
     * cache does.
     *
     * @throws io.eso4j.SecretsException when they cannot be built (nothing is cached then, so a later call retries)
     * @throws IllegalStateException when the cache is closed
     */
    public AwsAuth forStore(SecretStore store, String namespace) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(namespace, "namespace");
        return cached(
                new Key(store, perNamespace(store) ? namespace : "", ""),
                () -> StoreCredentials.forStore(store, namespace, resolver, options));
    }

    /**
     * The credentials of a generator of {@code kind} whose aws settings are {@code asStore}'s, built on first use
     * with {@link StoreCredentials#forGenerator}; errors name the generator, not a SecretStore.
     */
    public AwsAuth forGenerator(String kind, SecretStore asStore, String namespace) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(asStore, "asStore");
        Objects.requireNonNull(namespace, "namespace");
        return cached(
                new Key(asStore, perNamespace(asStore) ? namespace : "", kind),
                () -> StoreCredentials.forGenerator(kind, asStore, namespace, resolver, options));
    }

    private AwsAuth cached(Key key, Supplier<AwsAuth> build) {
        if (closed) {
            throw new IllegalStateException("CredentialsCache is closed");
        }
        AwsAuth auth = credentials.computeIfAbsent(key, k -> build.get());
        if (closed) {
            close(); // raced with close(): make sure what was just built does not outlive the cache
            throw new IllegalStateException("CredentialsCache is closed");
        }
        return auth;
    }

    /** How many credentials are cached. */
    public int size() {
        return credentials.size();
    }

    /** Closes every credential built. Idempotent. */
    @Override
    public void close() {
        closed = true;
        List<AwsAuth> all = new ArrayList<>(credentials.values());
        credentials.clear();
        all.forEach(AwsAuth::close);
    }

    @Override
    public String toString() {
        return "CredentialsCache[" + credentials.size() + " stores]";
    }
}
