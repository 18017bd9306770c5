package io.eso4j.internal.engine;

import io.eso4j.AwsCallListener;
import io.eso4j.AwsClients;
import io.eso4j.ExternalSecrets;
import io.eso4j.RedactedException;
import io.eso4j.RefreshStats;
import io.eso4j.ResolvedSecret;
import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretEvent;
import io.eso4j.SecretListener;
import io.eso4j.SecretMappingException;
import io.eso4j.SecretStatus;
import io.eso4j.SecretsException;
import io.eso4j.StoreConfigurationException;
import io.eso4j.TransientAwsException;
import io.eso4j.auth.AuthOptions;
import io.eso4j.internal.auth.AwsAuth;
import io.eso4j.internal.auth.AwsGenerators;
import io.eso4j.internal.auth.CredentialsCache;
import io.eso4j.mapping.MappedSecret;
import io.eso4j.mapping.RemoteSecrets;
import io.eso4j.mapping.RemoteValue;
import io.eso4j.mapping.SecretMapper;
import io.eso4j.provider.SecretsProvider;
import io.eso4j.provider.aws.CertificateManagerClients;
import io.eso4j.provider.aws.ParameterStoreClients;
import io.eso4j.provider.aws.SecretVersionRef;
import io.eso4j.provider.aws.SecretsManagerClients;
import io.eso4j.provider.aws.SecretsManagerProvider;
import io.eso4j.provider.aws.acm.CertificateManagerProvider;
import io.eso4j.provider.aws.ssm.ParameterStoreProvider;
import io.eso4j.refresh.RefreshFailurePolicy;
import io.eso4j.spec.DataFrom;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretData;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Generator;
import io.eso4j.spec.GeneratorRef;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.MetadataPolicy;
import io.eso4j.spec.RefreshPolicy;
import io.eso4j.spec.RemoteRef;
import io.eso4j.spec.SecretStore;
import io.eso4j.spec.SecretStoreRef;
import io.eso4j.spec.StoreKind;
import io.eso4j.spec.TemplateSources;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The engine behind {@link ExternalSecrets}: resolves the ExternalSecrets of a set of manifests, keeps them current
 * on a {@link RefreshScheduler}, publishes each result as an immutable {@link Snapshot} and delivers
 * {@link SecretEvent}s. One refresh plans every ExternalSecret due together per store (see {@link StoreSession}),
 * fetches what changed, maps it with ESO's rules and swaps the snapshot with one volatile write.
 *
 * <p>Thread-safe: refreshes never overlap (the scheduler runs one cycle at a time); readers take {@link #snapshot()}
 * without locking. Owns the executors and clients it built and closes them in {@link #close()}.
 */
public final class RefreshEngine implements AutoCloseable {

    // The facade's category, so that users' logging configuration for ExternalSecrets keeps applying.
    private static final Logger log = LoggerFactory.getLogger(ExternalSecrets.class);

    private final Manifests manifests;
    private final CredentialsCache credentialsCache;
    private final AuthOptions authOptions;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final AwsClients awsClients;
    private final List<AwsCallListener> callListeners;
    private final Clock clock;
    private final RefreshFailurePolicy failurePolicy;
    private final Executor listenerExecutor;
    private final LazyExecutor fetchExecutor;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final List<SdkAutoCloseable> ownedClients = new ArrayList<>();
    private final SecretMapper mapper;
    private final TemplateSources templateSources;
    /** Sources given by the caller (the cluster) can change between refreshes; the manifests' own cannot. */
    private final boolean liveTemplateSources;

    private final Map<String, ExternalSecret> externalSecrets = new LinkedHashMap<>();
    private final Map<SecretStore, Map<String, SecretsProvider>> providers = new IdentityHashMap<>();
    private final Map<String, EntryState> states = new HashMap<>();
    private final List<ListenerMailbox> mailboxes = new CopyOnWriteArrayList<>();
    private final int listenerQueueCapacity;
    private final AtomicLong droppedEvents = new AtomicLong();
    private final FailureEpisodes episodes = new FailureEpisodes();
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong failedRefreshes = new AtomicLong();
    private final RefreshScheduler scheduler;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile Instant lastSuccess;

    public RefreshEngine(EngineSettings settings) {
        this.manifests = settings.manifests();
        this.credentialsCache = CredentialsCache.create(settings.secretKeyResolver(), settings.authOptions());
        this.authOptions = settings.authOptions();
        this.endpoint = settings.endpoint();
        this.credentials = settings.credentials();
        this.awsClients = settings.awsClients();
        this.callListeners = settings.callListeners();
        this.clock = settings.clock();
        this.failurePolicy = settings.failurePolicy();
        this.mapper = settings.templateRenderer() == null
                ? new SecretMapper()
                : new SecretMapper(settings.templateRenderer());
        this.templateSources = settings.templateSources() == null
                ? TemplateSources.fromManifests(settings.manifests())
                : settings.templateSources();
        this.liveTemplateSources = settings.templateSources() != null;
        // The pools are built by their first task (LazyExecutor), not here: start-up builds none it does not use.
        int fetchConcurrency = settings.fetchConcurrency();
        this.fetchExecutor =
                new LazyExecutor(() -> Executors.newFixedThreadPool(fetchConcurrency, daemon("eso4j-fetch")));
        owned.add(fetchExecutor);
        if (settings.listenerExecutor() != null) {
            this.listenerExecutor = settings.listenerExecutor();
        } else {
            // Cached: a blocked listener holds one thread, the others get theirs; at most one per listener.
            LazyExecutor events = new LazyExecutor(() -> Executors.newCachedThreadPool(daemon("eso4j-events")));
            owned.add(events);
            this.listenerExecutor = events;
        }
        this.listenerQueueCapacity = settings.listenerQueueCapacity();
        settings.listeners().forEach(this::addListener);
        ScheduledExecutorService timer = settings.scheduler();
        if (timer == null) {
            ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(daemon("eso4j-refresh"));
            owned.add(own::shutdownNow);
            timer = own;
        }
        this.scheduler = new RefreshScheduler(
                clock,
                timer,
                settings.backoff(),
                settings.jitter(),
                settings.coalesceWindow(),
                () -> ThreadLocalRandom.current().nextDouble(),
                this::refresh);
        for (ExternalSecret externalSecret : manifests.externalSecrets()) {
            externalSecrets.put(externalSecret.id().toString(), externalSecret);
        }
    }

    /** Whether the fetch pool was built (a fetch ran); for tests. */
    boolean fetchPoolBuilt() {
        return fetchExecutor.started();
    }

    /** Whether the engine's own listener pool was built (an event was delivered); for tests. */
    boolean listenerPoolBuilt() {
        return listenerExecutor instanceof LazyExecutor lazy && lazy.started();
    }

    /** The published state now: one volatile read. */
    public Snapshot snapshot() {
        return snapshot;
    }

    public void addListener(SecretListener listener) {
        mailboxes.add(new ListenerMailbox(listener, listenerExecutor, listenerQueueCapacity, droppedEvents));
    }

    /** See {@link ExternalSecrets#refreshNow()}. */
    public CompletableFuture<Void> refreshNow() {
        Set<String> keys = new LinkedHashSet<>();
        externalSecrets.forEach((key, externalSecret) -> {
            if (externalSecret.refreshPolicy() != RefreshPolicy.CREATED_ONCE) {
                keys.add(key);
            }
        });
        return scheduler.runNow(keys);
    }

    /** See {@link ExternalSecrets#stats()}. */
    public RefreshStats stats() {
        Instant now = clock.instant();
        Duration maxStaleness = Duration.ZERO;
        int failing = 0;
        synchronized (states) {
            for (EntryState state : states.values()) {
                if (state.failing) {
                    failing++;
                    Duration staleness = state.staleness(now);
                    maxStaleness = staleness.compareTo(maxStaleness) > 0 ? staleness : maxStaleness;
                }
            }
        }
        return new RefreshStats(
                cycles.get(),
                refreshes.get(),
                failedRefreshes.get(),
                lastSuccess,
                maxStaleness,
                failing,
                droppedEvents.get());
    }

    /** See {@link ExternalSecrets#statuses()}: every ExternalSecret refreshed at least once, in manifest order. */
    public Map<String, SecretStatus> statuses() {
        Instant now = clock.instant();
        Map<String, SecretStatus> statuses = new LinkedHashMap<>();
        synchronized (states) {
            for (String key : externalSecrets.keySet()) {
                EntryState state = states.get(key);
                if (state != null) {
                    statuses.put(key, state.status(key, now));
                }
            }
        }
        return Collections.unmodifiableMap(statuses);
    }

    /** Stops refreshing and closes what this engine built. */
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
            ownedClients.forEach(SdkAutoCloseable::close);
        }
        credentialsCache.close();
    }

    /** Resolves every ExternalSecret once, then schedules those that refresh periodically. */
    public void start() {
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
                scheduler.schedule(key, flooredInterval(key, interval), failed);
            }
        });
    }

    /**
     * {@code interval}, or {@link ExternalSecrets#MIN_REFRESH_INTERVAL} when shorter, with one WARN naming the
     * ExternalSecret: {@code refreshInterval: 1ns} meant hundreds of AWS calls a second.
     */
    static Duration flooredInterval(String key, Duration interval) {
        if (interval.compareTo(ExternalSecrets.MIN_REFRESH_INTERVAL) >= 0) {
            return interval;
        }
        log.warn(
                "ExternalSecret {}: refreshInterval {} is below the floor of {}; refreshing every {}",
                key,
                interval,
                ExternalSecrets.MIN_REFRESH_INTERVAL,
                ExternalSecrets.MIN_REFRESH_INTERVAL);
        return ExternalSecrets.MIN_REFRESH_INTERVAL;
    }

    // ---------------------------------------------------------------- one refresh

    /**
     * Refreshes {@code keys} as one plan; returns the keys that failed. Never runs concurrently with itself. The
     * steps: plan every ExternalSecret's refs by session, prefetch each session's refs once, refresh each
     * ExternalSecret on what was fetched ({@link #refreshOne}), then swap in the cycle's snapshot if anything
     * changed, log failures per episode and hand the events to the listeners.
     */
    private Set<String> refresh(Set<String> keys) {
        cycles.incrementAndGet();
        RefreshCycle cycle = new RefreshCycle(clock.instant(), snapshot);
        Map<SecretStore, Map<String, StoreSession>> sessions = new IdentityHashMap<>();
        Map<String, Map<StoreSession, Set<SecretVersionRef>>> plans = planAll(keys, sessions);
        prefetchAll(plans);
        plans.forEach((key, plan) -> refreshOne(cycle, key, plan, sessions));
        Snapshot next = cycle.snapshot(externalSecrets.keySet());
        if (next != null) {
            snapshot = next;
        }
        episodes.cycle(cycle.now(), cycle.failedThisCycle(), cycle.succeededThisCycle());
        publish(cycle.events());
        return cycle.failed();
    }

    /** Step 1: the refs each known ExternalSecret of {@code keys} needs, by session, in the order of the keys. */
    private Map<String, Map<StoreSession, Set<SecretVersionRef>>> planAll(
            Set<String> keys, Map<SecretStore, Map<String, StoreSession>> sessions) {
        Map<String, Map<StoreSession, Set<SecretVersionRef>>> plans = new LinkedHashMap<>();
        for (String key : keys) {
            ExternalSecret externalSecret = externalSecrets.get(key);
            if (externalSecret != null) {
                Map<StoreSession, Set<SecretVersionRef>> plan;
                try {
                    plan = plan(externalSecret, sessions);
                } catch (Throwable e) {
                    // Not prefetched; mapping meets the same error and reports it with its field path.
                    log.debug("not prefetching for {}: {}", key, e.getClass().getName());
                    plan = new IdentityHashMap<>();
                }
                plans.put(key, plan);
            }
        }
        return plans;
    }

    /** Step 2: each session fetches the union of its planned refs once. */
    private static void prefetchAll(Map<String, Map<StoreSession, Set<SecretVersionRef>>> plans) {
        Map<StoreSession, Set<SecretVersionRef>> merged = new IdentityHashMap<>();
        plans.values()
                .forEach(plan ->
                        plan.forEach((session, refs) -> merged.computeIfAbsent(session, s -> new LinkedHashSet<>())
                                .addAll(refs)));
        merged.forEach(RefreshEngine::prefetch);
    }

    /**
     * Step 3, per ExternalSecret: re-maps it when its versions say the data may have changed, and records the
     * outcome (new value, recovery, or a failure under the failure policy) in the cycle and its state. Whatever it
     * throws is contained to this ExternalSecret.
     */
    private void refreshOne(
            RefreshCycle cycle,
            String key,
            Map<StoreSession, Set<SecretVersionRef>> plan,
            Map<SecretStore, Map<String, StoreSession>> sessions) {
        ExternalSecret externalSecret = externalSecrets.get(key);
        ResolvedSecret previous = cycle.previous(key);
        EntryState state;
        synchronized (states) {
            state = states.computeIfAbsent(key, k -> new EntryState());
        }
        refreshes.incrementAndGet();
        try {
            Map<String, String> versions = versions(plan);
            if (needsMapping(previous, versions, versionsDetermineData(externalSecret))) {
                cycle.resolved(key, previous, resolve(externalSecret, sessions, versions, cycle.now()));
            }
            Duration recoveredAfter;
            synchronized (states) {
                recoveredAfter = state.succeeded(cycle.now());
            }
            lastSuccess = cycle.now();
            cycle.succeeded(key, recoveredAfter);
        } catch (Throwable thrown) {
            SecretsException e = contained(key, thrown);
            failedRefreshes.incrementAndGet();
            boolean terminal = isTerminal(e);
            boolean drop = previous != null
                    && terminal
                    && failurePolicy.onTerminalFailure(key, e) == RefreshFailurePolicy.Decision.DROP;
            String errorClass = errorClass(e);
            Duration staleness;
            synchronized (states) {
                staleness = state.failed(cycle.now(), errorClass);
            }
            cycle.failed(
                    key, new FailureEpisodes.Key(storeOf(externalSecret), errorClass), e, terminal, drop, staleness);
        }
    }

    /**
     * Whether an ExternalSecret must be mapped again: the first time, when a version id moved, or always when its
     * data depends on more than the version ids ({@code find}, tags).
     */
    static boolean needsMapping(ResolvedSecret previous, Map<String, String> versions, boolean versionsDetermineData) {
        return previous == null || !versions.equals(previous.versions()) || !versionsDetermineData;
    }

    /** The store an ExternalSecret's failures are grouped under in the logs. */
    private static String storeOf(ExternalSecret externalSecret) {
        SecretStoreRef ref = externalSecret.secretStoreRef();
        if (ref == null) {
            return "the stores of ExternalSecret " + externalSecret.id();
        }
        boolean namespaced = ref.kind() == StoreKind.SECRET_STORE
                && !externalSecret.namespace().isEmpty();
        return ref.kind().specName() + " " + (namespaced ? externalSecret.namespace() + "/" : "") + ref.name();
    }

    /**
     * Prefetches one session's planned refs; a throwable that is not a {@link SecretsException} (an {@link Error}
     * from the provider or its client) fails those refs only, as a redacted failure, so that the ExternalSecrets of
     * other sessions still refresh.
     */
    static void prefetch(StoreSession session, Set<SecretVersionRef> refs) {
        try {
            session.prefetch(refs);
        } catch (Throwable thrown) {
            session.fail(refs, contained("prefetch", thrown));
        }
    }

    /**
     * The failure to report for whatever a refresh of {@code key} threw: a {@link SecretsException} as it is;
     * anything else (a {@link StackOverflowError}, an {@link OutOfMemoryError}, a bug, a checked exception thrown
     * sneakily) as a {@link SecretsException} naming its class, with the redacted original as cause, never its
     * message. {@link VirtualMachineError}s are logged at ERROR and not rethrown: the refresh thread is eso4j's,
     * the failed allocation or recursion is gone once the stack unwound, and rethrowing would only end this cycle
     * for every other ExternalSecret (or fail {@code build()}) without freeing anything.
     */
    static SecretsException contained(String key, Throwable thrown) {
        while ((thrown instanceof CompletionException || thrown instanceof ExecutionException)
                && thrown.getCause() != null) {
            thrown = thrown.getCause();
        }
        if (thrown instanceof SecretsException e) {
            return e;
        }
        if (thrown instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (thrown instanceof VirtualMachineError) {
            log.error(
                    "refreshing ExternalSecret {} hit {}; contained, the other ExternalSecrets are unaffected",
                    key,
                    thrown.getClass().getName());
        }
        return new SecretsException(
                "unexpected " + thrown.getClass().getSimpleName() + " (message withheld)",
                RedactedException.of(thrown, null));
    }

    /** Groups the values an ExternalSecret names by session. */
    private Map<StoreSession, Set<SecretVersionRef>> plan(
            ExternalSecret externalSecret, Map<SecretStore, Map<String, StoreSession>> sessions) {
        Map<StoreSession, Set<SecretVersionRef>> planned = new IdentityHashMap<>();
        for (ExternalSecretData entry : externalSecret.data()) {
            add(planned, externalSecret, entry.storeRef(), entry.remoteRef(), sessions);
        }
        for (DataFrom entry : externalSecret.dataFrom()) {
            if (entry.extract() != null && supportsSecretMap(externalSecret, entry.storeRef(), sessions)) {
                add(planned, externalSecret, entry.storeRef(), entry.extract(), sessions);
            }
        }
        return planned;
    }

    /** False when the store's provider cannot extract (reported when mapped): no value is fetched for it. */
    private boolean supportsSecretMap(
            ExternalSecret externalSecret,
            SecretStoreRef storeRef,
            Map<SecretStore, Map<String, StoreSession>> sessions) {
        try {
            session(externalSecret, storeRef, sessions).requireSecretMap();
            return true;
        } catch (SecretsException e) {
            return false;
        }
    }

    private void add(
            Map<StoreSession, Set<SecretVersionRef>> planned,
            ExternalSecret externalSecret,
            SecretStoreRef storeRef,
            RemoteRef ref,
            Map<SecretStore, Map<String, StoreSession>> sessions) {
        try {
            StoreSession session = session(externalSecret, storeRef, sessions);
            if (ref.metadataPolicy() != MetadataPolicy.NONE && !session.valueAsIs()) {
                return; // tags are read when mapped, not prefetched
            }
            planned.computeIfAbsent(session, s -> new LinkedHashSet<>()).add(session.ref(ref.key(), ref.version()));
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
                String name = ref.isCurrent() ? ref.key() : ref.key() + "@" + ref.version();
                versions.put(name, versionId == null ? "" : versionId);
            }
        });
        return versions;
    }

    /**
     * Whether the version ids of its planned refs are all an ExternalSecret's data depends on: no find or tags, and
     * no {@code templateFrom} ConfigMap or Secret read from caller-given (live) sources, which are re-read each cycle.
     */
    private boolean versionsDetermineData(ExternalSecret externalSecret) {
        if (liveTemplateSources
                && externalSecret.target().template() != null
                && externalSecret.target().template().templateFrom().stream()
                        .anyMatch(from -> from.configMap() != null || from.secret() != null)) {
            return false;
        }
        boolean tags = externalSecret.data().stream()
                .anyMatch(entry -> entry.remoteRef().metadataPolicy() != MetadataPolicy.NONE);
        boolean findOrTags = externalSecret.dataFrom().stream()
                .anyMatch(entry -> entry.find() != null
                        || entry.generatorRef() != null
                        || (entry.extract() != null && entry.extract().metadataPolicy() != MetadataPolicy.NONE));
        return !tags && !findOrTags;
    }

    private ResolvedSecret resolve(
            ExternalSecret externalSecret,
            Map<SecretStore, Map<String, StoreSession>> sessions,
            Map<String, String> versions,
            Instant now) {
        MappedSecret mapped = mapper.map(
                externalSecret,
                withGenerators(externalSecret, StoreSession.view(ref -> session(externalSecret, ref, sessions))),
                templateSources);
        return new ResolvedSecret(
                externalSecret.name(),
                externalSecret.namespace(),
                externalSecret.targetName(),
                mapped.data(),
                mapped.type(),
                mapped.labels(),
                mapped.annotations(),
                versions,
                now,
                mapped.providerReturnedData());
    }

    /** See {@link ExternalSecrets#resolveAtStage}. */
    public ResolvedSecret resolveAtStage(ExternalSecretId id, String versionStage) {
        ExternalSecret externalSecret = externalSecrets.get(id.toString());
        if (externalSecret == null) {
            throw new NoSuchElementException("no ExternalSecret \"" + id + "\"");
        }
        Map<SecretStore, Map<String, StoreSession>> sessions = new IdentityHashMap<>();
        RemoteSecrets current = StoreSession.view(ref -> session(externalSecret, ref, sessions));
        RemoteSecrets staged = new ForwardingRemoteSecrets(current) {
            @Override
            public RemoteValue value(SecretStoreRef store, String key, String version) {
                boolean currentVersion =
                        version == null || version.isEmpty() || version.equals(SecretsManagerProvider.CURRENT_STAGE);
                return super.value(store, key, currentVersion ? versionStage : version);
            }
        };
        MappedSecret mapped = mapper.map(externalSecret, staged);
        return new ResolvedSecret(
                externalSecret.name(),
                externalSecret.namespace(),
                externalSecret.targetName(),
                mapped.data(),
                mapped.type(),
                mapped.labels(),
                mapped.annotations(),
                Map.of(),
                clock.instant());
    }

    /** {@code view} plus the ExternalSecret's generators, run anew on every refresh (as ESO does). */
    private RemoteSecrets withGenerators(ExternalSecret externalSecret, RemoteSecrets view) {
        return new ForwardingRemoteSecrets(view) {
            @Override
            public Map<String, byte[]> generate(GeneratorRef ref) {
                return RefreshEngine.this.generate(externalSecret, ref);
            }
        };
    }

    /**
     * Runs one generator with its own region, role and auth (ESO {@code awsauth.NewGeneratorSession}), whose
     * credentials are resolved like those of a SecretStore with the same aws settings.
     */
    private Map<String, byte[]> generate(ExternalSecret externalSecret, GeneratorRef ref) {
        Generator generator = manifests.generatorFor(externalSecret, ref);
        if (!Generator.SUPPORTED_KINDS.contains(generator.kind())) {
            throw new SecretsException("generator kind " + generator.kind() + " is not supported by eso4j");
        }
        AwsCredentialsProvider auth = credentials;
        if (auth == null) {
            SecretStore asStore = new SecretStore(
                    StoreKind.SECRET_STORE, generator.name(), generator.namespace(), generator.awsProvider(), null);
            auth = credentialsCache.forGenerator(generator.kind(), asStore, externalSecret.namespace());
        }
        if (generator.kind().equals(Generator.ECR_AUTHORIZATION_TOKEN)) {
            return AwsGenerators.ecrAuthorizationToken(generator, auth, authOptions, endpoint);
        }
        return AwsGenerators.stsSessionToken(generator, auth, authOptions);
    }

    private StoreSession session(
            ExternalSecret externalSecret, SecretStoreRef ref, Map<SecretStore, Map<String, StoreSession>> sessions) {
        SecretStore store = manifests.storeFor(externalSecret, ref);
        return sessions.computeIfAbsent(store, s -> new LinkedHashMap<>())
                .computeIfAbsent(externalSecret.namespace(), namespace -> new StoreSession(provider(store, namespace)));
    }

    /** One provider per store and namespace for the life of this instance, so its batch choice is remembered. */
    private SecretsProvider provider(SecretStore store, String namespace) {
        synchronized (providers) {
            return providers
                    .computeIfAbsent(store, s -> new LinkedHashMap<>())
                    .computeIfAbsent(namespace, ns -> newProvider(store, ns));
        }
    }

    /** The implementation of {@code spec.provider.aws.service}. */
    private SecretsProvider newProvider(SecretStore store, String namespace) {
        return switch (store.aws().service()) {
            case SECRETS_MANAGER -> secretsManager(store, namespace);
            case PARAMETER_STORE -> parameterStore(store, namespace);
            case CERTIFICATE_MANAGER -> certificateManager(store, namespace);
            default ->
                throw new StoreConfigurationException(
                        "",
                        StoreConfigurationException.Setting.SERVICE,
                        "spec.provider.aws.service " + store.aws().service().specName() + " is not supported",
                        null);
        };
    }

    /**
     * A Secrets Manager provider over the caller's client, or over one built here with the store's credentials (or
     * the builder's); with the store's, AWS rejecting them makes them re-read from their source (rotated key files)
     * and the call retried once.
     */
    private SecretsManagerProvider secretsManager(SecretStore store, String namespace) {
        if (awsClients.secretsManager().isPresent()) {
            return new SecretsManagerProvider(
                    awsClients.secretsManager().get().apply(store), store.aws().prefix(), fetchExecutor);
        }
        StoreAuth auth = auth(store, namespace);
        return new SecretsManagerProvider(
                ownedClient(SecretsManagerClients::forStore, store, auth.provider()),
                store.aws().prefix(),
                fetchExecutor,
                auth.reloadAfterRejection());
    }

    /** A Parameter Store provider, made as {@link #secretsManager} makes its. */
    private ParameterStoreProvider parameterStore(SecretStore store, String namespace) {
        if (awsClients.parameterStore().isPresent()) {
            return new ParameterStoreProvider(
                    awsClients.parameterStore().get().apply(store), store.aws().prefix(), fetchExecutor, () -> false);
        }
        StoreAuth auth = auth(store, namespace);
        return new ParameterStoreProvider(
                ownedClient(ParameterStoreClients::forStore, store, auth.provider()),
                store.aws().prefix(),
                fetchExecutor,
                auth.reloadAfterRejection());
    }

    /** A Certificate Manager provider, made as {@link #secretsManager} makes its. */
    private CertificateManagerProvider certificateManager(SecretStore store, String namespace) {
        if (awsClients.certificateManager().isPresent()) {
            return new CertificateManagerProvider(
                    awsClients.certificateManager().get().apply(store), fetchExecutor, () -> false);
        }
        StoreAuth auth = auth(store, namespace);
        return new CertificateManagerProvider(
                ownedClient(CertificateManagerClients::forStore, store, auth.provider()),
                fetchExecutor,
                auth.reloadAfterRejection());
    }

    /** The credentials a client built here signs with, and how to re-read them when AWS rejects them. */
    private record StoreAuth(AwsCredentialsProvider provider, BooleanSupplier reloadAfterRejection) {}

    /** The builder's credentials (never re-read), else the store's own. */
    private StoreAuth auth(SecretStore store, String namespace) {
        if (credentials != null) {
            return new StoreAuth(credentials, () -> false);
        }
        AwsAuth auth = credentialsCache.forStore(store, namespace);
        return new StoreAuth(auth, auth::reloadAfterRejection);
    }

    /** The {@code forStore} factory shared by {@code SecretsManagerClients} and its siblings. */
    @FunctionalInterface
    private interface StoreClientFactory<C extends SdkAutoCloseable> {
        C forStore(
                SecretStore store,
                AwsCredentialsProvider credentials,
                URI endpoint,
                List<AwsCallListener> callListeners,
                Duration apiCallTimeout,
                Duration apiCallAttemptTimeout);
    }

    /** A client for {@code store} built by {@code factory}, closed with this engine. */
    private <C extends SdkAutoCloseable> C ownedClient(
            StoreClientFactory<C> factory, SecretStore store, AwsCredentialsProvider provider) {
        C client = factory.forStore(
                store,
                provider,
                endpoint,
                callListeners,
                authOptions.apiCallTimeout(),
                authOptions.apiCallAttemptTimeout());
        ownedClients.add(client);
        return client;
    }

    /**
     * The simple class name that best names a failure: for a contained or redacted throwable the original's class
     * (say {@code StackOverflowError}); the eso4j exception's own class when it is a specific one, else its cause's
     * (an SDK exception such as {@code SdkClientException}), else {@code SecretsException}.
     */
    static String errorClass(SecretsException e) {
        Throwable failure = e;
        // Context layers (plain SecretsExceptions, the mapping's prefixes, withContext copies) add words, not meaning.
        while (wordsOnly(failure) && failure.getCause() instanceof SecretsException inner) {
            failure = inner;
        }
        Throwable cause = failure.getCause();
        if (cause instanceof RedactedException redacted && wordsOnly(failure)) {
            return redacted.originalSimpleName();
        }
        if (!wordsOnly(failure) || cause == null) {
            return failure.getClass().getSimpleName();
        }
        return cause.getClass().getSimpleName();
    }

    /** The exception types whose cause (an SDK exception, say) names a failure better than they do. */
    private static boolean wordsOnly(Throwable failure) {
        return failure.getClass() == SecretsException.class
                || failure.getClass() == SecretMappingException.class
                || failure.getClass() == TransientAwsException.class;
    }

    private static boolean isTerminal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SecretAccessDeniedException) {
                return true;
            }
        }
        return false;
    }

    /** Hands {@code events} to every listener's own bounded queue; a slow listener cannot hold up the others. */
    private void publish(List<SecretEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (ListenerMailbox mailbox : mailboxes) {
            mailbox.offer(events);
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
}
