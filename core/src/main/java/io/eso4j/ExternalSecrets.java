package io.eso4j;

import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.CredentialsCache;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.mapping.MappedSecret;
import io.eso4j.mapping.SecretMapper;
import io.eso4j.provider.aws.SecretVersionRef;
import io.eso4j.provider.aws.SecretsManagerClients;
import io.eso4j.provider.aws.SecretsManagerProvider;
import io.eso4j.spec.DataFrom;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretData;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.MetadataPolicy;
import io.eso4j.spec.RemoteRef;
import io.eso4j.spec.SecretStore;
import io.eso4j.spec.SecretStoreRef;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The ExternalSecrets of a set of manifests, resolved against AWS Secrets Manager with ESO's rules: the data of
 * the Secret each would produce.
 *
 * <pre>{@code
 * try (ExternalSecrets secrets = ExternalSecrets.builder()
 *         .manifests(Manifests.load(Path.of("external-secrets.yaml")))
 *         .build()) {
 *     String password = secrets.get("my-external-secrets").string("db-pass").orElseThrow();
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} resolves every ExternalSecret at once: all of them are planned together, so each
 * distinct remote secret version is read once per store whichever ExternalSecrets and entries use it. The result is
 * an immutable snapshot; reading it never blocks and never calls AWS.
 *
 * <p>Thread-safe. Closing it closes the AWS clients it built, never those a caller supplied.
 */
public final class ExternalSecrets implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExternalSecrets.class);

    private final Map<String, ResolvedSecret> secrets;
    private final Map<String, SecretsException> failures;
    private final List<SecretsManagerClient> ownedClients;
    private final CredentialsCache credentialsCache;

    private ExternalSecrets(
            Map<String, ResolvedSecret> secrets,
            Map<String, SecretsException> failures,
            List<SecretsManagerClient> ownedClients,
            CredentialsCache credentialsCache) {
        this.secrets = secrets;
        this.failures = failures;
        this.ownedClients = ownedClients;
        this.credentialsCache = credentialsCache;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The ExternalSecret called {@code name}.
     *
     * @throws NoSuchElementException when there is none, or when several namespaces have one (use
     *     {@link #get(String, String)})
     */
    public ResolvedSecret get(String name) {
        List<ResolvedSecret> matches =
                secrets.values().stream().filter(s -> s.name().equals(name)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new NoSuchElementException(
                (matches.isEmpty() ? "no ExternalSecret named " : "several namespaces have an ExternalSecret named ")
                        + "\"" + name + "\"; known: " + secrets.keySet());
    }

    /**
     * The ExternalSecret {@code namespace/name}.
     *
     * @throws NoSuchElementException when there is none
     */
    public ResolvedSecret get(String namespace, String name) {
        ResolvedSecret secret = secrets.get(key(namespace, name));
        if (secret == null) {
            throw new NoSuchElementException(
                    "no ExternalSecret \"" + key(namespace, name) + "\"; known: " + secrets.keySet());
        }
        return secret;
    }

    /** Every resolved ExternalSecret, in manifest order. */
    public List<ResolvedSecret> all() {
        return List.copyOf(secrets.values());
    }

    /**
     * The ExternalSecrets that failed to resolve, keyed {@code namespace/name} (or {@code name}), in manifest
     * order. Always empty unless the builder was told {@link Builder#failOnError(boolean) failOnError(false)}.
     */
    public Map<String, SecretsException> failures() {
        return failures;
    }

    @Override
    public void close() {
        for (SecretsManagerClient client : ownedClients) {
            client.close();
        }
        credentialsCache.close();
    }

    @Override
    public String toString() {
        return "ExternalSecrets" + secrets.keySet();
    }

    private static String key(String namespace, String name) {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** Configures and resolves {@link ExternalSecrets}. Not thread-safe. */
    public static final class Builder {

        private Manifests manifests;
        private SecretKeyResolver secretKeyResolver = SecretKeyResolver.none();
        private URI endpoint;
        private AwsCredentialsProvider credentials;
        private AuthOptions authOptions = AuthOptions.defaults();
        private Function<SecretStore, SecretsManagerClient> clientFactory;
        private boolean failOnError = true;

        private Builder() {}

        /**
         * Whether {@link #build()} throws when any ExternalSecret fails (the default), or returns the others and
         * reports the failed ones in {@link ExternalSecrets#failures()}.
         */
        public Builder failOnError(boolean failOnError) {
            this.failOnError = failOnError;
            return this;
        }

        /** The manifests whose ExternalSecrets to resolve. Required. */
        public Builder manifests(Manifests manifests) {
            this.manifests = Objects.requireNonNull(manifests, "manifests");
            return this;
        }

        /**
         * Where the keys that a store's {@code auth.secretRef} names are found. Default: nowhere, so such a store
         * fails with a message naming the missing key.
         */
        public Builder secretKeyResolver(SecretKeyResolver secretKeyResolver) {
            this.secretKeyResolver = Objects.requireNonNull(secretKeyResolver, "secretKeyResolver");
            return this;
        }

        /**
         * A Secrets Manager endpoint for every store, for example the testkit's fake. Default: the SDK's
         * resolution, which honours {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} and {@code AWS_ENDPOINT_URL}.
         */
        public Builder endpointOverride(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** Credentials for every store, replacing what the stores' {@code auth} says. Default: the stores' auth. */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * STS endpoint and region, web identity token file and role, session name and credential refresh timing
         * for the stores' {@code auth} and role chains. Default: {@link AuthOptions#defaults()}.
         */
        public Builder authOptions(AuthOptions authOptions) {
            this.authOptions = Objects.requireNonNull(authOptions, "authOptions");
            return this;
        }

        /**
         * Supplies the client for each store instead of eso4j building one; the caller owns (and closes) them.
         * Overrides {@link #endpointOverride} and {@link #credentialsProvider}.
         */
        public Builder clientFactory(Function<SecretStore, SecretsManagerClient> clientFactory) {
            this.clientFactory = Objects.requireNonNull(clientFactory, "clientFactory");
            return this;
        }

        /**
         * Resolves every ExternalSecret.
         *
         * @throws SecretsException when any ExternalSecret fails and {@link #failOnError} is on; the message names
         *     each one with its error, and each failure is attached as a suppressed exception
         */
        public ExternalSecrets build() {
            if (manifests == null) {
                throw new IllegalStateException("manifests(...) is required");
            }
            Resolution resolution = new Resolution();
            try {
                resolution.resolveAll();
                if (failOnError && !resolution.failures.isEmpty()) {
                    throw failure(List.copyOf(resolution.failures.values()));
                }
                return new ExternalSecrets(
                        Collections.unmodifiableMap(resolution.resolved),
                        Collections.unmodifiableMap(resolution.failures),
                        resolution.ownedClients,
                        resolution.credentialsCache);
            } catch (RuntimeException e) {
                resolution.ownedClients.forEach(SecretsManagerClient::close);
                resolution.credentialsCache.close();
                throw e;
            }
        }

        /** One resolution: sessions per store and namespace, then every ExternalSecret mapped from them. */
        private final class Resolution {

            private final SecretMapper mapper = new SecretMapper();
            private final Map<SecretStore, Map<String, StoreSession>> sessions = new IdentityHashMap<>();
            private final List<SecretsManagerClient> ownedClients = new ArrayList<>();
            private final CredentialsCache credentialsCache = CredentialsCache.create(secretKeyResolver, authOptions);
            private final Map<String, ResolvedSecret> resolved = new LinkedHashMap<>();
            private final Map<String, SecretsException> failures = new LinkedHashMap<>();

            void resolveAll() {
                List<ExternalSecret> externalSecrets = manifests.externalSecrets();
                for (ExternalSecret externalSecret : externalSecrets) {
                    plan(externalSecret);
                }
                for (ExternalSecret externalSecret : externalSecrets) {
                    String name = key(externalSecret.namespace(), externalSecret.name());
                    try {
                        resolved.put(name, resolve(externalSecret));
                    } catch (SecretsException e) {
                        failures.put(name, new SecretsException("ExternalSecret " + name + ": " + e.getMessage(), e));
                    }
                }
            }

            /** Groups the values an ExternalSecret names by session and fetches them together. */
            private void plan(ExternalSecret externalSecret) {
                Map<StoreSession, Set<SecretVersionRef>> planned = new IdentityHashMap<>();
                for (ExternalSecretData entry : externalSecret.data()) {
                    add(planned, externalSecret, entry.storeRef(), entry.remoteRef());
                }
                for (DataFrom entry : externalSecret.dataFrom()) {
                    if (entry.extract() != null) {
                        add(planned, externalSecret, entry.storeRef(), entry.extract());
                    }
                }
                planned.forEach(StoreSession::prefetch);
            }

            private void add(
                    Map<StoreSession, Set<SecretVersionRef>> planned,
                    ExternalSecret externalSecret,
                    SecretStoreRef storeRef,
                    RemoteRef ref) {
                if (ref.metadataPolicy() != MetadataPolicy.NONE) {
                    return;
                }
                try {
                    planned.computeIfAbsent(session(externalSecret, storeRef), s -> new LinkedHashSet<>())
                            .add(new SecretVersionRef(ref.key(), ref.version()));
                } catch (SecretsException e) {
                    // Reported with its field path when the ExternalSecret is resolved.
                    log.debug("not prefetching for {}: {}", externalSecret.name(), e.getMessage());
                }
            }

            private ResolvedSecret resolve(ExternalSecret externalSecret) {
                MappedSecret mapped =
                        mapper.map(externalSecret, StoreSession.view(ref -> session(externalSecret, ref)));
                log.info(
                        "resolved ExternalSecret {}: {} keys",
                        externalSecret.name(),
                        mapped.data().size());
                return new ResolvedSecret(
                        externalSecret.name(),
                        externalSecret.namespace(),
                        externalSecret.targetName(),
                        mapped.data(),
                        mapped.type(),
                        mapped.labels(),
                        mapped.annotations());
            }

            private StoreSession session(ExternalSecret externalSecret, SecretStoreRef ref) {
                SecretStore store = manifests.storeFor(externalSecret, ref);
                return sessions.computeIfAbsent(store, s -> new LinkedHashMap<>())
                        .computeIfAbsent(
                                externalSecret.namespace(),
                                namespace -> new StoreSession(new SecretsManagerProvider(
                                        client(store, namespace), store.aws().prefix())));
            }

            private SecretsManagerClient client(SecretStore store, String namespace) {
                if (clientFactory != null) {
                    return clientFactory.apply(store);
                }
                AwsCredentialsProvider provider =
                        credentials != null ? credentials : credentialsCache.forStore(store, namespace);
                SecretsManagerClient client = SecretsManagerClients.forStore(store, provider, endpoint);
                ownedClients.add(client);
                return client;
            }
        }

        private static SecretsException failure(List<SecretsException> failures) {
            SecretsException first = failures.get(0);
            if (failures.size() == 1) {
                return first;
            }
            StringBuilder message = new StringBuilder(failures.size() + " ExternalSecrets failed:");
            failures.forEach(f -> message.append("\n  ").append(f.getMessage()));
            SecretsException failure = new SecretsException(message.toString());
            failures.forEach(failure::addSuppressed);
            return failure;
        }
    }
}
