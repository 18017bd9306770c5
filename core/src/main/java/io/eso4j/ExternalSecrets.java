package io.eso4j;

import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.CredentialsCache;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.mapping.MappedSecret;
import io.eso4j.mapping.SecretMapper;
import io.eso4j.provider.aws.SecretVersionRef;
import io.eso4j.provider.aws.SecretsManagerClients;
import io.eso4j.provider.aws.SecretsManagerProvider;
import io.eso4j.refresh.Backoff;
import io.eso4j.refresh.RefreshFailurePolicy;
import io.eso4j.refresh.RefreshScheduler;
import io.eso4j.spec.DataFrom;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretData;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.MetadataPolicy;
import io.eso4j.spec.RefreshPolicy;
import io.eso4j.spec.RemoteRef;
import io.eso4j.spec.SecretStore;
import io.eso4j.spec.SecretStoreRef;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The ExternalSecrets of a set of manifests, resolved against AWS Secrets Manager with ESO's rules and kept current:
 * the data of the Secret each would produce.
 *
 * <pre>{@code
 * try (ExternalSecrets secrets = ExternalSecrets.builder()
 *         .manifests(Manifests.load(Path.of("external-secrets.yaml")))
 *         .listener(event -> log.info("{}", event))
 *         .build()) {
 *     String password = secrets.get("my-external-secrets").string("db-pass").orElseThrow();
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} resolves every ExternalSecret at once: all of them are planned together, so each
 * distinct remote secret version is read once per store whichever ExternalSecrets and entries use it, with
 * {@code BatchGetSecretValue} calls of up to 20 ids issued in parallel.
 *
 * <p><b>Refresh.</b> Afterwards each ExternalSecret with {@code refreshPolicy: Periodic} (the default) and a
 * positive {@code refreshInterval} is refreshed every interval, shortened by a random jitter; ExternalSecrets
 * falling due close together are refreshed in one plan. A refresh re-reads the current versions in batch, compares
 * version ids, re-maps only what changed and publishes a new snapshot only when the data did, with a
 * {@link SecretEvent.Changed} naming the changed keys. {@code refreshInterval: 0} and {@code CreatedOnce} resolve
 * once; {@code OnChange} (refresh when the ExternalSecret's spec changes) also resolves once here, since the
 * manifests of a running instance do not change. {@link #refreshNow()} refreshes everything but {@code
 * CreatedOnce} on demand.
 *
 * <p><b>Failures.</b> A failed refresh keeps the last good value, retries with capped exponential backoff (never
 * later than one interval) and reports a {@link SecretEvent.RefreshFailed}; the first success after it a
 * {@link SecretEvent.Recovered}. Terminal failures (access denied, decryption) go through the
 * {@link Builder#failurePolicy failure policy}. A remote secret that disappears follows {@code
 * target.deletionPolicy}: {@code Retain} is a failure (the last good value stays), {@code Delete} and {@code Merge}
 * drop its keys.
 *
 * <p>Thread-safe. Reads ({@link #get(String, String)}, {@link #get(String)}) are one volatile read and map
 * lookups; they never block, never call AWS and never see half of a refresh. Closing stops refresh and closes the
 * AWS clients and executors it built, never those a caller supplied.
 */
public final class ExternalSecrets implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExternalSecrets.class);

    private final Manifests manifests;
    private final CredentialsCache credentialsCache;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final Function<SecretStore, SecretsManagerClient> clientFactory;
    private final Clock clock;
    private final RefreshFailurePolicy failurePolicy;
    private final Executor listenerExecutor;
    private final ExecutorService fetchExecutor;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final List<SecretsManagerClient> ownedClients = new ArrayList<>();
    private final SecretMapper mapper = new SecretMapper();
    private final Map<String, ExternalSecret> externalSecrets = new LinkedHashMap<>();
    private final Map<SecretStore, Map<String, SecretsManagerProvider>> providers = new IdentityHashMap<>();
    private final Map<String, EntryState> states = new HashMap<>();
    private final List<SecretListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong failedRefreshes = new AtomicLong();
    private final RefreshScheduler scheduler;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile Instant lastSuccess;

    private ExternalSecrets(Builder builder) {
        this.manifests = builder.manifests;
        this.credentialsCache = CredentialsCache.create(builder.secretKeyResolver, builder.authOptions);
        this.endpoint = builder.endpoint;
        this.credentials = builder.credentials;
        this.clientFactory = builder.clientFactory;
        this.clock = builder.clock;
        this.failurePolicy = builder.failurePolicy;
        this.listeners.addAll(builder.listeners);
        this.fetchExecutor = Executors.newFixedThreadPool(builder.fetchConcurrency, daemon("eso4j-fetch"));
        owned.add(fetchExecutor::shutdownNow);
        if (builder.listenerExecutor != null) {
            this.listenerExecutor = builder.listenerExecutor;
        } else {
            ExecutorService events = Executors.newSingleThreadExecutor(daemon("eso4j-events"));
            owned.add(events::shutdownNow);
            this.listenerExecutor = events;
        }
        ScheduledExecutorService timer = builder.scheduler;
        if (timer == null) {
            ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(daemon("eso4j-refresh"));
            owned.add(own::shutdownNow);
            timer = own;
        }
        this.scheduler = new RefreshScheduler(
                clock,
                timer,
                builder.backoff,
                builder.jitter,
                builder.coalesceWindow,
                () -> ThreadLocalRandom.current().nextDouble(),
                this::refresh);
        for (ExternalSecret externalSecret : manifests.externalSecrets()) {
            externalSecrets.put(key(externalSecret.namespace(), externalSecret.name()), externalSecret);
        }
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
        Snapshot current = snapshot;
        ResolvedSecret secret = current.byName.get(name);
        if (secret != null) {
            return secret;
        }
        throw new NoSuchElementException((current.ambiguousNames.contains(name)
                        ? "several namespaces have an ExternalSecret named "
                        : "no ExternalSecret named ")
                + "\"" + name + "\"; known: " + current.byKey.keySet());
    }

    /**
     * The ExternalSecret {@code namespace/name}.
     *
     * @throws NoSuchElementException when there is none
     */
    public ResolvedSecret get(String namespace, String name) {
        Snapshot current = snapshot;
        Map<String, ResolvedSecret> inNamespace = current.byNamespace.get(namespace);
        ResolvedSecret secret = inNamespace == null ? null : inNamespace.get(name);
        if (secret == null) {
            throw new NoSuchElementException(
                    "no ExternalSecret \"" + key(namespace, name) + "\"; known: " + current.byKey.keySet());
        }
        return secret;
    }

    /** Every resolved ExternalSecret, in manifest order. */
    public List<ResolvedSecret> all() {
        return List.copyOf(snapshot.byKey.values());
    }

    /**
     * The ExternalSecrets that have no value because they failed to resolve (or a terminal failure withdrew it),
     * keyed {@code namespace/name} (or {@code name}), in manifest order. At build time always empty unless the
     * builder was told {@link Builder#failOnError(boolean) failOnError(false)}.
     */
    public Map<String, SecretsException> failures() {
        return snapshot.failures;
    }

    /** Adds a listener for events from now on. */
    public void addListener(SecretListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Refreshes every ExternalSecret except those with {@code refreshPolicy: CreatedOnce} now, on the refresh
     * scheduler (never concurrently with another refresh).
     *
     * @return completes once the refresh has been published (failures are reported through events, stats and
     *     {@link #failures()}, not through the future)
     */
    public CompletableFuture<Void> refreshNow() {
        Set<String> keys = new LinkedHashSet<>();
        externalSecrets.forEach((key, externalSecret) -> {
            if (externalSecret.refreshPolicy() != RefreshPolicy.CREATED_ONCE) {
                keys.add(key);
            }
        });
        return scheduler.runNow(keys);
    }

    /** The refresh counters and staleness now. */
    public RefreshStats stats() {
        Instant now = clock.instant();
        Duration maxStaleness = Duration.ZERO;
        int failing = 0;
        synchronized (states) {
            for (EntryState state : states.values()) {
                if (state.failing) {
                    failing++;
                    if (state.lastSuccess != null) {
                        Duration staleness = Duration.between(state.lastSuccess, now);
                        maxStaleness = staleness.compareTo(maxStaleness) > 0 ? staleness : maxStaleness;
                    }
                }
            }
        }
        return new RefreshStats(
                cycles.get(), refreshes.get(), failedRefreshes.get(), lastSuccess, maxStaleness, failing);
    }

    @Override
    public void close() {
        scheduler.close();
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("closing failed", e);
            }
        }
        synchronized (providers) {
            ownedClients.forEach(SecretsManagerClient::close);
        }
        credentialsCache.close();
    }

    @Override
    public String toString() {
        return "ExternalSecrets" + snapshot.byKey.keySet();
    }

    private static String key(String namespace, String name) {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    private void start() {
        refresh(externalSecrets.keySet());
        externalSecrets.forEach((key, externalSecret) -> {
            Duration interval = externalSecret.refreshInterval();
            if (externalSecret.refreshPolicy() == RefreshPolicy.PERIODIC
                    && !interval.isZero()
                    && !interval.isNegative()) {
                boolean failed;
                synchronized (states) {
                    failed = states.get(key).failing;
                }
                scheduler.schedule(key, interval, failed);
            }
        });
    }

    // ---------------------------------------------------------------- one refresh

    /** Refreshes {@code keys} as one plan; returns the keys that failed. Never runs concurrently with itself. */
    private Set<String> refresh(Set<String> keys) {
        cycles.incrementAndGet();
        Instant now = clock.instant();
        Map<SecretStore, Map<String, StoreSession>> sessions = new IdentityHashMap<>();
        Map<String, Map<StoreSession, Set<SecretVersionRef>>> plans = new LinkedHashMap<>();
        Map<StoreSession, Set<SecretVersionRef>> merged = new IdentityHashMap<>();
        for (String key : keys) {
            ExternalSecret externalSecret = externalSecrets.get(key);
            if (externalSecret != null) {
                Map<StoreSession, Set<SecretVersionRef>> plan = plan(externalSecret, sessions);
                plans.put(key, plan);
                plan.forEach((session, refs) -> merged.computeIfAbsent(session, s -> new LinkedHashSet<>())
                        .addAll(refs));
            }
        }
        merged.forEach(StoreSession::prefetch);

        Snapshot before = snapshot;
        Map<String, ResolvedSecret> published = new HashMap<>(before.byKey);
        Map<String, SecretsException> failures = new HashMap<>(before.failures);
        boolean dirty = false;
        Set<String> failed = new HashSet<>();
        List<SecretEvent> events = new ArrayList<>();
        for (Map.Entry<String, Map<StoreSession, Set<SecretVersionRef>>> planned : plans.entrySet()) {
            String key = planned.getKey();
            ExternalSecret externalSecret = externalSecrets.get(key);
            ResolvedSecret previous = before.byKey.get(key);
            EntryState state;
            synchronized (states) {
                state = states.computeIfAbsent(key, k -> new EntryState());
            }
            refreshes.incrementAndGet();
            try {
                Map<String, String> versions = versions(planned.getValue());
                if (previous == null
                        || !versions.equals(previous.versions())
                        || !versionsDetermineData(externalSecret)) {
                    ResolvedSecret candidate = resolve(externalSecret, sessions, versions, now);
                    if (previous == null) {
                        published.put(key, candidate);
                        dirty = true;
                        events.add(new SecretEvent.Loaded(key, candidate.keys()));
                        log.info(
                                "resolved ExternalSecret {}: {} keys",
                                key,
                                candidate.keys().size());
                    } else if (!candidate.sameContent(previous)) {
                        published.put(key, candidate);
                        dirty = true;
                        Set<String> changed = candidate.changedKeys(previous);
                        events.add(new SecretEvent.Changed(key, changed));
                        log.info("ExternalSecret {} changed: keys {}", key, changed);
                    } else if (!versions.equals(previous.versions())) {
                        published.put(key, candidate);
                        dirty = true;
                    }
                }
                if (failures.remove(key) != null) {
                    dirty = true;
                }
                synchronized (states) {
                    if (state.failing) {
                        Duration staleness =
                                state.lastSuccess == null ? Duration.ZERO : Duration.between(state.lastSuccess, now);
                        events.add(new SecretEvent.Recovered(key, staleness));
                        log.info("ExternalSecret {} recovered after {}", key, staleness);
                    }
                    state.failing = false;
                    state.lastSuccess = now;
                }
                lastSuccess = now;
            } catch (SecretsException e) {
                failedRefreshes.incrementAndGet();
                failed.add(key);
                boolean terminal = isTerminal(e);
                SecretsException reported = new SecretsException("ExternalSecret " + key + ": " + e.getMessage(), e);
                if (previous == null) {
                    failures.put(key, reported);
                    dirty = true;
                    log.warn("resolving ExternalSecret {} failed: {}", key, e.getMessage());
                } else if (terminal && failurePolicy.onTerminalFailure(key, e) == RefreshFailurePolicy.Decision.DROP) {
                    published.remove(key);
                    failures.put(key, reported);
                    dirty = true;
                    log.warn("refreshing ExternalSecret {} failed, value withdrawn: {}", key, e.getMessage());
                } else {
                    log.warn(
                            "refreshing ExternalSecret {} failed, keeping the last good value: {}",
                            key,
                            e.getMessage());
                }
                Duration staleness;
                synchronized (states) {
                    state.failing = true;
                    staleness = state.lastSuccess == null ? Duration.ZERO : Duration.between(state.lastSuccess, now);
                }
                events.add(new SecretEvent.RefreshFailed(key, e.getMessage(), terminal, staleness));
            }
        }
        if (dirty) {
            Map<String, ResolvedSecret> ordered = new LinkedHashMap<>();
            Map<String, SecretsException> orderedFailures = new LinkedHashMap<>();
            for (String key : externalSecrets.keySet()) {
                if (published.containsKey(key)) {
                    ordered.put(key, published.get(key));
                }
                if (failures.containsKey(key)) {
                    orderedFailures.put(key, failures.get(key));
                }
            }
            snapshot = new Snapshot(ordered, orderedFailures);
        }
        publish(events);
        return failed;
    }

    /** Groups the values an ExternalSecret names by session. */
    private Map<StoreSession, Set<SecretVersionRef>> plan(
            ExternalSecret externalSecret, Map<SecretStore, Map<String, StoreSession>> sessions) {
        Map<StoreSession, Set<SecretVersionRef>> planned = new IdentityHashMap<>();
        for (ExternalSecretData entry : externalSecret.data()) {
            add(planned, externalSecret, entry.storeRef(), entry.remoteRef(), sessions);
        }
        for (DataFrom entry : externalSecret.dataFrom()) {
            if (entry.extract() != null) {
                add(planned, externalSecret, entry.storeRef(), entry.extract(), sessions);
            }
        }
        return planned;
    }

    private void add(
            Map<StoreSession, Set<SecretVersionRef>> planned,
            ExternalSecret externalSecret,
            SecretStoreRef storeRef,
            RemoteRef ref,
            Map<SecretStore, Map<String, StoreSession>> sessions) {
        if (ref.metadataPolicy() != MetadataPolicy.NONE) {
            return;
        }
        try {
            planned.computeIfAbsent(session(externalSecret, storeRef, sessions), s -> new LinkedHashSet<>())
                    .add(new SecretVersionRef(ref.key(), ref.version()));
        } catch (SecretsException e) {
            // Reported with its field path when the ExternalSecret is mapped.
            log.debug("not prefetching for {}: {}", externalSecret.name(), e.getMessage());
        }
    }

    /** The version ids of what the plan fetched; a ref that failed has none (so it never compares equal). */
    private static Map<String, String> versions(Map<StoreSession, Set<SecretVersionRef>> plan) {
        Map<String, String> versions = new HashMap<>();
        plan.forEach((session, refs) -> {
            for (SecretVersionRef ref : refs) {
                String versionId = session.versionId(ref);
                String name =
                        ref.version().equals(SecretVersionRef.CURRENT) ? ref.key() : ref.key() + "@" + ref.version();
                versions.put(name, versionId == null ? "" : versionId);
            }
        });
        return versions;
    }

    /** Whether the version ids of its planned refs are all an ExternalSecret's data depends on (no find or tags). */
    private static boolean versionsDetermineData(ExternalSecret externalSecret) {
        boolean tags = externalSecret.data().stream()
                .anyMatch(entry -> entry.remoteRef().metadataPolicy() != MetadataPolicy.NONE);
        boolean findOrTags = externalSecret.dataFrom().stream()
                .anyMatch(entry -> entry.find() != null
                        || (entry.extract() != null && entry.extract().metadataPolicy() != MetadataPolicy.NONE));
        return !tags && !findOrTags;
    }

    private ResolvedSecret resolve(
            ExternalSecret externalSecret,
            Map<SecretStore, Map<String, StoreSession>> sessions,
            Map<String, String> versions,
            Instant now) {
        MappedSecret mapped =
                mapper.map(externalSecret, StoreSession.view(ref -> session(externalSecret, ref, sessions)));
        return new ResolvedSecret(
                externalSecret.name(),
                externalSecret.namespace(),
                externalSecret.targetName(),
                mapped.data(),
                mapped.type(),
                mapped.labels(),
                mapped.annotations(),
                versions,
                now);
    }

    private StoreSession session(
            ExternalSecret externalSecret, SecretStoreRef ref, Map<SecretStore, Map<String, StoreSession>> sessions) {
        SecretStore store = manifests.storeFor(externalSecret, ref);
        return sessions.computeIfAbsent(store, s -> new LinkedHashMap<>())
                .computeIfAbsent(externalSecret.namespace(), namespace -> new StoreSession(provider(store, namespace)));
    }

    /** One provider per store and namespace for the life of this instance, so its batch choice is remembered. */
    private SecretsManagerProvider provider(SecretStore store, String namespace) {
        synchronized (providers) {
            return providers
                    .computeIfAbsent(store, s -> new LinkedHashMap<>())
                    .computeIfAbsent(
                            namespace,
                            ns -> new SecretsManagerProvider(
                                    client(store, ns), store.aws().prefix(), fetchExecutor));
        }
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

    private static boolean isTerminal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SecretAccessDeniedException) {
                return true;
            }
        }
        return false;
    }

    private void publish(List<SecretEvent> events) {
        if (events.isEmpty() || listeners.isEmpty()) {
            return;
        }
        List<SecretListener> targets = List.copyOf(listeners);
        try {
            listenerExecutor.execute(() -> {
                for (SecretEvent event : events) {
                    for (SecretListener listener : targets) {
                        try {
                            listener.onEvent(event);
                        } catch (RuntimeException e) {
                            log.warn(
                                    "SecretListener {} threw {} on {} for {}",
                                    listener.getClass().getName(),
                                    e.getClass().getName(),
                                    event.getClass().getSimpleName(),
                                    event.externalSecret());
                        }
                    }
                }
            });
        } catch (RuntimeException e) {
            log.warn(
                    "events for {} not delivered: {}",
                    events.size(),
                    e.getClass().getName());
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Per ExternalSecret refresh bookkeeping, guarded by {@code states}. */
    private static final class EntryState {
        Instant lastSuccess;
        boolean failing;
    }

    /** One published state: immutable maps, swapped with one volatile write. */
    private static final class Snapshot {

        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

        final Map<String, ResolvedSecret> byKey;
        final Map<String, Map<String, ResolvedSecret>> byNamespace;
        final Map<String, ResolvedSecret> byName;
        final Set<String> ambiguousNames;
        final Map<String, SecretsException> failures;

        Snapshot(Map<String, ResolvedSecret> byKey, Map<String, SecretsException> failures) {
            this.byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
            this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
            Map<String, Map<String, ResolvedSecret>> namespaces = new HashMap<>();
            Map<String, ResolvedSecret> names = new HashMap<>();
            Set<String> ambiguous = new HashSet<>();
            for (ResolvedSecret secret : byKey.values()) {
                namespaces
                        .computeIfAbsent(secret.namespace(), n -> new HashMap<>())
                        .put(secret.name(), secret);
                if (names.put(secret.name(), secret) != null) {
                    ambiguous.add(secret.name());
                }
            }
            ambiguous.forEach(names::remove);
            this.byNamespace = namespaces;
            this.byName = names;
            this.ambiguousNames = ambiguous;
        }
    }

    /** Configures and resolves {@link ExternalSecrets}. Not thread-safe. */
    public static final class Builder {

        private Manifests manifests;
        private SecretKeyResolver secretKeyResolver = SecretKeyResolver.none();
        private AuthOptions authOptions = AuthOptions.defaults();
        private URI endpoint;
        private AwsCredentialsProvider credentials;
        private Function<SecretStore, SecretsManagerClient> clientFactory;
        private boolean failOnError = true;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private Executor listenerExecutor;
        private final List<SecretListener> listeners = new ArrayList<>();
        private RefreshFailurePolicy failurePolicy = RefreshFailurePolicy.keepLastGood();
        private Backoff backoff = Backoff.defaults();
        private double jitter = 0.1;
        private Duration coalesceWindow = Duration.ofSeconds(5);
        private int fetchConcurrency = 8;

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
         * STS endpoint and region, web identity token file and role, session name and credential refresh timing
         * for the stores' {@code auth} and role chains. Default: {@link AuthOptions#defaults()}.
         */
        public Builder authOptions(AuthOptions authOptions) {
            this.authOptions = Objects.requireNonNull(authOptions, "authOptions");
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
         * Supplies the client for each store instead of eso4j building one; the caller owns (and closes) them.
         * Overrides {@link #endpointOverride} and {@link #credentialsProvider}.
         */
        public Builder clientFactory(Function<SecretStore, SecretsManagerClient> clientFactory) {
            this.clientFactory = Objects.requireNonNull(clientFactory, "clientFactory");
            return this;
        }

        /** The time source for refresh schedules, staleness and {@code fetchedAt}. Default: the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Runs refreshes; the caller owns it (it is not shut down on close). Default: a daemon thread of this
         * instance's own, stopped on close.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Delivers events to listeners; must not be the refresh scheduler's thread if listeners may block. The
         * caller owns it. Default: a daemon thread of this instance's own.
         */
        public Builder listenerExecutor(Executor listenerExecutor) {
            this.listenerExecutor = Objects.requireNonNull(listenerExecutor, "listenerExecutor");
            return this;
        }

        /** Adds a listener; it also receives the {@link SecretEvent.Loaded} events of the initial resolution. */
        public Builder listener(SecretListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** What terminal refresh failures do. Default: {@link RefreshFailurePolicy#keepLastGood()}. */
        public Builder failurePolicy(RefreshFailurePolicy failurePolicy) {
            this.failurePolicy = Objects.requireNonNull(failurePolicy, "failurePolicy");
            return this;
        }

        /** The wait after failed refreshes, capped at each ExternalSecret's interval. Default: {@link Backoff#defaults()}. */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * The fraction of a refresh interval, in {@code [0, 1)}, by which a refresh may randomly come early. Default
         * 0.1.
         */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0 && jitter < 1)) {
                throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /** ExternalSecrets falling due within this much of each other are refreshed together. Default 5 seconds. */
        public Builder coalesceWindow(Duration coalesceWindow) {
            if (coalesceWindow.isNegative()) {
                throw new IllegalArgumentException("coalesceWindow must not be negative");
            }
            this.coalesceWindow = coalesceWindow;
            return this;
        }

        /** How many AWS calls one refresh may have in flight at once. Default 8. */
        public Builder fetchConcurrency(int fetchConcurrency) {
            if (fetchConcurrency < 1) {
                throw new IllegalArgumentException("fetchConcurrency must be at least 1, was " + fetchConcurrency);
            }
            this.fetchConcurrency = fetchConcurrency;
            return this;
        }

        /**
         * Resolves every ExternalSecret and starts refreshing those that refresh periodically.
         *
         * @throws SecretsException when any ExternalSecret fails and {@link #failOnError} is on; the message names
         *     each one with its error, and each failure is attached as a suppressed exception
         */
        public ExternalSecrets build() {
            if (manifests == null) {
                throw new IllegalStateException("manifests(...) is required");
            }
            ExternalSecrets secrets = new ExternalSecrets(this);
            try {
                secrets.start();
                if (failOnError && !secrets.failures().isEmpty()) {
                    throw failure(List.copyOf(secrets.failures().values()));
                }
                return secrets;
            } catch (RuntimeException e) {
                secrets.close();
                throw e;
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
