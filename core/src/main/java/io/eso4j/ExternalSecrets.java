package io.eso4j;

import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.internal.engine.EngineSettings;
import io.eso4j.internal.engine.RefreshEngine;
import io.eso4j.internal.engine.Snapshot;
import io.eso4j.mapping.TemplateRenderer;
import io.eso4j.refresh.Backoff;
import io.eso4j.refresh.RefreshFailurePolicy;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.TemplateSources;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The ExternalSecrets of a set of manifests, resolved against AWS Secrets Manager and Parameter Store with ESO's
 * rules and kept current:
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
 * {@code BatchGetSecretValue} calls of up to 20 ids (Parameter Store: {@code GetParameters} calls of up to 10 names)
 * issued in parallel.
 *
 * <p><b>Refresh.</b> Afterwards each ExternalSecret with {@code refreshPolicy: Periodic} (the default) and a
 * positive {@code refreshInterval} is refreshed every interval (at least {@link #MIN_REFRESH_INTERVAL}), shortened
 * by a random jitter; ExternalSecrets
 * falling due close together are refreshed in one plan. A refresh re-reads the current versions in batch, compares
 * version ids, re-maps only what changed and publishes a new snapshot only when the data did, with a
 * {@link SecretEvent.Changed} naming the changed keys. {@code refreshInterval: 0} and {@code CreatedOnce} resolve
 * once; {@code OnChange} (refresh when the ExternalSecret's spec changes) also resolves once here, since the
 * manifests of a running instance do not change. {@link #refreshNow()} refreshes everything but {@code
 * CreatedOnce} on demand.
 *
 * <p><b>Failures.</b> A failed refresh keeps the last good value, retries with exponential backoff (from 1 s,
 * doubling while failures persist up to the {@link Builder#backoff backoff}'s maximum, 5 minutes by default, past
 * the interval when that is shorter) and reports a {@link SecretEvent.RefreshFailed}; the first success after it a
 * {@link SecretEvent.Recovered}. Terminal failures (access denied, decryption) go through the
 * {@link Builder#failurePolicy failure policy}. A remote secret that disappears follows {@code
 * target.deletionPolicy}: {@code Retain} is a failure (the last good value stays), {@code Delete} and {@code Merge}
 * drop its keys. Whatever one ExternalSecret's refresh throws, {@link Error}s included, is contained to it: a
 * failure of that ExternalSecret only, reported with its field path and class (never the throwable's message),
 * backed off like any other failure; {@link VirtualMachineError}s are logged at ERROR and not rethrown.
 *
 * <p>Thread-safe. Reads ({@link #get(String, String)}, {@link #get(String)}) are one volatile read and map
 * lookups; they never block, never call AWS and never see half of a refresh. Closing stops refresh and closes the
 * AWS clients and executors it built, never those a caller supplied.
 */
public final class ExternalSecrets implements AutoCloseable {

    /**
     * The shortest refresh interval used: a shorter positive {@code refreshInterval} (ESO accepts {@code 1ns}) is
     * raised to this, with one WARN naming the ExternalSecret. One second.
     */
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);

    private final RefreshEngine engine;

    private ExternalSecrets(RefreshEngine engine) {
        this.engine = engine;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The ExternalSecret called {@code name}.
     *
     * @throws NoSuchElementException when there is none, or when several namespaces have one (use
     *     {@link #get(String, String)}); {@link #find(String)} is the lookup that does not throw
     */
    public ResolvedSecret get(String name) {
        Snapshot current = engine.snapshot();
        // Hot read path: one map lookup, no Optional or capturing lambda on a hit.
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
     * @throws NoSuchElementException when there is none; {@link #find(ExternalSecretId)} is the lookup that does
     *     not throw
     */
    public ResolvedSecret get(String namespace, String name) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Snapshot current = engine.snapshot();
        // Hot read path, as get(name): one snapshot read, no id, Optional or capturing lambda on a hit.
        Map<String, ResolvedSecret> inNamespace = current.byNamespace.get(namespace);
        ResolvedSecret secret = inNamespace == null ? null : inNamespace.get(name);
        if (secret != null) {
            return secret;
        }
        throw new NoSuchElementException(
                "no ExternalSecret \"" + ExternalSecretId.of(namespace, name) + "\"; known: " + current.byKey.keySet());
    }

    /**
     * The ExternalSecret called {@code name}, if there is exactly one of that name.
     *
     * @return empty when there is none, when it has no value (it failed, see {@link #failure}), or when several
     *     namespaces have one
     */
    public Optional<ResolvedSecret> find(String name) {
        return find(engine.snapshot(), name);
    }

    /**
     * The ExternalSecret {@code id}.
     *
     * @return empty when there is none or it has no value (it failed, see {@link #failure})
     */
    public Optional<ResolvedSecret> find(ExternalSecretId id) {
        Map<String, ResolvedSecret> inNamespace = engine.snapshot().byNamespace.get(id.namespace());
        return Optional.ofNullable(inNamespace == null ? null : inNamespace.get(id.name()));
    }

    private static Optional<ResolvedSecret> find(Snapshot current, String name) {
        return Optional.ofNullable(current.byName.get(name));
    }

    /** Why ExternalSecret {@code id} has no value, or empty when it has one or there is no such ExternalSecret. */
    public Optional<SecretsException> failure(ExternalSecretId id) {
        return Optional.ofNullable(engine.snapshot().failures.get(id.toString()));
    }

    /** Every resolved ExternalSecret, in manifest order. */
    public List<ResolvedSecret> all() {
        return List.copyOf(engine.snapshot().byKey.values());
    }

    /**
     * The ExternalSecrets that have no value because they failed to resolve (or a terminal failure withdrew it),
     * keyed by {@link ExternalSecretId#toString()} ({@code namespace/name} or {@code name}), in manifest order. At build time always empty unless the
     * builder was told {@link Builder#failOnError(boolean) failOnError(false)}.
     */
    public Map<String, SecretsException> failures() {
        return engine.snapshot().failures;
    }

    /**
     * The currently published state as an opaque token: the same object ({@code ==}) until a refresh publishes new
     * values or failures, another one after. Lets a caller cache what it derives from {@link #find} and {@link #all}
     * (the Spring starter's merged property map) and rebuild only when this changes. Nothing else about the token is
     * specified; compare it by identity only.
     */
    public Object stateToken() {
        return engine.snapshot();
    }

    /** Adds a listener for events from now on. */
    public void addListener(SecretListener listener) {
        engine.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Refreshes every ExternalSecret except those with {@code refreshPolicy: CreatedOnce} now, on the refresh
     * scheduler (never concurrently with another refresh).
     *
     * @return completes once the refresh has been published (failures are reported through events, stats and
     *     {@link #failures()}, not through the future)
     */
    public CompletableFuture<Void> refreshNow() {
        return engine.refreshNow();
    }

    /**
     * Reads ExternalSecret {@code id} once more, now, as it would be if every reference to the current version (no
     * {@code version}, or {@code AWSCURRENT}) named the version stage {@code versionStage} instead: {@code AWSPENDING}
     * while a rotation is between its {@code createSecret} and {@code finishSecret} steps, for example. References
     * with a version of their own, tags and {@code find} read as usual. The result is not published: the snapshot,
     * events, statuses and statistics do not change. One {@code GetSecretValue} per distinct secret, on the calling
     * thread, never cached.
     *
     * @throws NoSuchElementException when there is no such ExternalSecret
     * @throws SecretsException when it cannot be read at that stage ({@link SecretNotFoundException}, possibly as
     *     the cause of a {@link SecretMappingException}, when a secret has no version with that stage)
     */
    public ResolvedSecret resolveAtStage(ExternalSecretId id, String versionStage) {
        Objects.requireNonNull(id, "id");
        if (versionStage == null || versionStage.isBlank()) {
            throw new IllegalArgumentException("versionStage must name a version stage");
        }
        return engine.resolveAtStage(id, versionStage);
    }

    /**
     * How the refreshes of ExternalSecret {@code namespace/name} are going now (use {@code ""} for no namespace).
     *
     * @return empty when there is no such ExternalSecret
     */
    public Optional<SecretStatus> status(String namespace, String name) {
        return status(ExternalSecretId.of(namespace, name));
    }

    /**
     * How the refreshes of ExternalSecret {@code id} are going now.
     *
     * @return empty when there is no such ExternalSecret
     */
    public Optional<SecretStatus> status(ExternalSecretId id) {
        return Optional.ofNullable(engine.statuses().get(id.toString()));
    }

    /**
     * How every ExternalSecret's refreshes are going now, keyed {@code namespace/name} (or {@code name}), in
     * manifest order. Immutable.
     */
    public Map<String, SecretStatus> statuses() {
        return engine.statuses();
    }

    /** The refresh counters and staleness now. */
    public RefreshStats stats() {
        return engine.stats();
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "ExternalSecrets" + engine.snapshot().byKey.keySet();
    }

    /** Configures and resolves {@link ExternalSecrets}. Not thread-safe. */
    public static final class Builder {

        // Package-private: tests in this package set the template seam; build() copies them into EngineSettings.
        Manifests manifests;
        SecretKeyResolver secretKeyResolver = SecretKeyResolver.none();
        AuthOptions authOptions = AuthOptions.defaults();
        URI endpoint;
        AwsCredentialsProvider credentials;
        AwsClients awsClients = AwsClients.none();
        final List<AwsCallListener> callListeners = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService scheduler;
        Executor listenerExecutor;
        final List<SecretListener> listeners = new ArrayList<>();
        RefreshFailurePolicy failurePolicy = RefreshFailurePolicy.keepLastGood();
        Backoff backoff = Backoff.defaults();
        double jitter = 0.1;
        Duration coalesceWindow = Duration.ofSeconds(5);
        int fetchConcurrency = 8;
        int listenerQueueCapacity = 1000;
        private boolean failOnError = true;
        /**
         * Test seam, package-private on purpose: replaces the Go template engine so that tests can make one
         * ExternalSecret's mapping throw (see {@code ContainmentTest}). {@code null}: the real engine.
         */
        TemplateRenderer templateRenderer;

        /** {@code null}: the manifests' own ConfigMap and Secret documents. */
        TemplateSources templateSources;

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
         * Where {@code templateFrom[].configMap} and {@code .secret} sources are read. Default: the {@code v1}
         * ConfigMap and Secret documents of {@link #manifests(Manifests) the manifests}
         * ({@link TemplateSources#fromManifests}); the Kubernetes writer offers one that reads the cluster.
         */
        public Builder templateSources(TemplateSources templateSources) {
            this.templateSources = Objects.requireNonNull(templateSources, "templateSources");
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
         * An endpoint for every store's client, Secrets Manager and Parameter Store alike, for example the testkit's
         * fake (which serves both). Default: the SDK's resolution, which honours {@code
         * AWS_ENDPOINT_URL_SECRETS_MANAGER} / {@code AWS_ENDPOINT_URL_SSM} and {@code AWS_ENDPOINT_URL}.
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
         * The SDK clients to use instead of eso4j building them, per service (see {@link AwsClients}); the caller
         * owns (and closes) them. For a service with clients handed in, {@link #endpointOverride} and
         * {@link #credentialsProvider} do not apply. Default: {@link AwsClients#none()}. Replaces 0.x's
         * {@code clientFactory(store -> client)}: write {@code awsClients(AwsClients.secretsManager(store ->
         * client))}.
         */
        public Builder awsClients(AwsClients awsClients) {
            this.awsClients = Objects.requireNonNull(awsClients, "awsClients");
            return this;
        }

        /**
         * Adds a listener told about every Secrets Manager and Parameter Store call (operation, outcome, latency), for
         * metrics. Applies to the clients eso4j builds, not to those handed in through {@link #awsClients}, nor to STS
         * calls.
         */
        public Builder awsCallListener(AwsCallListener listener) {
            this.callListeners.add(Objects.requireNonNull(listener, "listener"));
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
         * Delivers events to listeners; must not be the refresh scheduler's thread if listeners may block. Each
         * listener is drained by at most one task at a time, so a listener blocking holds one thread of it. The
         * caller owns it. Default: daemon threads of this instance's own, one per listener with events pending.
         */
        public Builder listenerExecutor(Executor listenerExecutor) {
            this.listenerExecutor = Objects.requireNonNull(listenerExecutor, "listenerExecutor");
            return this;
        }

        /**
         * How many events may wait for one listener; when a listener falls this far behind, its new events are
         * dropped (counted in {@link RefreshStats#droppedEvents()}, one WARN) until it catches up. Each listener has
         * its own queue, so a slow one never delays the others. Default 1000.
         */
        public Builder listenerQueueCapacity(int listenerQueueCapacity) {
            if (listenerQueueCapacity < 1) {
                throw new IllegalArgumentException(
                        "listenerQueueCapacity must be at least 1, was " + listenerQueueCapacity);
            }
            this.listenerQueueCapacity = listenerQueueCapacity;
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

        /**
         * The wait after consecutive failed refreshes; it may exceed an ExternalSecret's interval (never its own
         * maximum). Default: {@link Backoff#defaults()}, 1 s doubling up to 5 minutes.
         */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * The fraction of a refresh interval, in {@code [0, 1)}, by which a refresh may randomly come early. Default
         * 0.1. While it is above 0, the first refresh after the load comes at a random point of the last 90% of the
         * interval (one draw per instance), so that many instances started together do not all refresh in the same
         * seconds; with 0 every refresh, the first included, comes exactly one interval after the previous one.
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
            ExternalSecrets secrets = new ExternalSecrets(new RefreshEngine(settings()));
            try {
                secrets.engine.start();
                if (failOnError && !secrets.failures().isEmpty()) {
                    throw failure(List.copyOf(secrets.failures().values()));
                }
                return secrets;
            } catch (RuntimeException e) {
                secrets.close();
                throw e;
            }
        }

        private EngineSettings settings() {
            return new EngineSettings(
                    manifests,
                    secretKeyResolver,
                    authOptions,
                    endpoint,
                    credentials,
                    awsClients,
                    callListeners,
                    clock,
                    scheduler,
                    listenerExecutor,
                    listeners,
                    failurePolicy,
                    backoff,
                    jitter,
                    coalesceWindow,
                    fetchConcurrency,
                    listenerQueueCapacity,
                    templateRenderer,
                    templateSources);
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
