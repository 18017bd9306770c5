package io.eso4j.k8s;

import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.SecretEvent;
import io.eso4j.integration.EsoMarkers;
import io.eso4j.integration.TargetSecretPlan.Desired;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretId;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous mode: every replica {@link #publish publishes} what its ExternalSecrets resolved to, and only the
 * replica holding a {@code coordination.k8s.io} Lease (fabric8's {@code LeaderElector}) writes. A published result
 * that equals the last one this leader wrote costs no request at all; a changed one costs a read and a write. On
 * becoming leader the replica reconciles everything published so far; on losing the lease it stops writing before
 * the next write request; {@link #close()} releases the lease so another replica takes over at once.
 *
 * <p>Wiring to core's change events is one call: {@link #follow(Collection, ExternalSecrets)} publishes what the
 * ExternalSecrets hold now and then the new snapshot of each one on every {@link SecretEvent.Loaded} and
 * {@link SecretEvent.Changed}. Without it, {@code mirror.publish(externalSecret, resolved)} per event does the same.
 *
 * <p>Thread-safe. Writes run one at a time on a thread this object owns; results go to the
 * {@link Builder#onResult(Consumer) result listener}.
 */
public final class LeaderElectedMirror implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElectedMirror.class);

    private final KubernetesClient client;
    private final SecretMirror mirror;
    private final String leaseNamespace;
    private final String leaseName;
    private final String identity;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private final Consumer<MirrorResult> onResult;
    private final ExecutorService writes;
    private final Map<ExternalSecretId, Desired> latest = new ConcurrentHashMap<>();
    private final Map<ExternalSecretId, String> written = new ConcurrentHashMap<>();
    private volatile boolean leading;
    private volatile boolean closed;
    private volatile String leader;
    private CompletableFuture<?> election;

    private LeaderElectedMirror(Builder builder) {
        this.client = builder.client;
        this.leaseNamespace =
                builder.leaseNamespace != null ? builder.leaseNamespace : builder.mirror.defaultNamespace();
        this.leaseName = builder.leaseName;
        this.identity = builder.identity;
        this.leaseDuration = builder.leaseDuration;
        this.renewDeadline = builder.renewDeadline;
        this.retryPeriod = builder.retryPeriod;
        this.onResult = builder.onResult;
        this.mirror = builder.mirror.gated(() -> leading);
        this.writes = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "eso4j-mirror-" + identity);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A builder for a replica that writes through {@code mirror}'s client and settings. */
    public static Builder builder(KubernetesClient client, SecretMirror mirror) {
        return new Builder(Objects.requireNonNull(client, "client"), Objects.requireNonNull(mirror, "mirror"));
    }

    /** Joins the election. Returns at once; leadership arrives asynchronously. */
    public synchronized LeaderElectedMirror start() {
        if (election != null) {
            throw new IllegalStateException("already started");
        }
        election = client.leaderElector()
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName(leaseName)
                        .withLock(new LeaseLock(leaseNamespace, leaseName, identity))
                        .withLeaseDuration(leaseDuration)
                        .withRenewDeadline(renewDeadline)
                        .withRetryPeriod(retryPeriod)
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(
                                new LeaderCallbacks(this::startLeading, this::stopLeading, this::newLeader))
                        .build())
                .build()
                .start();
        log.info("replica {} joined the election for Lease {}/{}", identity, leaseNamespace, leaseName);
        return this;
    }

    /**
     * Records what {@code externalSecret} resolved to and, when leading and it differs from what this leader last
     * wrote, mirrors it (asynchronously, in publication order).
     */
    public void publish(ExternalSecret externalSecret, ResolvedSecret resolved) {
        if (io.eso4j.integration.GenericTarget.applies(externalSecret)) {
            // generic targets (target.manifest) are written on the caller's thread while leading, not replayed
            if (leading) {
                mirror.apply(externalSecret, resolved);
            }
            return;
        }
        publishDesired(mirror.desired(externalSecret, resolved));
    }

    void publishDesired(Desired desired) {
        ExternalSecretId key = desired.externalSecret();
        latest.put(key, desired);
        if (leading) {
            writes.execute(() -> write(key, desired));
        }
    }

    /**
     * {@link #publish} for every ExternalSecret that resolved; failed ones are skipped, so their Secrets keep their
     * last data, as ESO does on a provider error.
     */
    public void publishAll(Collection<ExternalSecret> externalSecrets, ExternalSecrets resolved) {
        for (ExternalSecret externalSecret : externalSecrets) {
            Optional<ResolvedSecret> secret = resolved.find(externalSecret.id());
            if (secret.isPresent()) {
                publish(externalSecret, secret.get());
            } else {
                log.debug("not mirroring ExternalSecret {}: it did not resolve", externalSecret.name());
            }
        }
    }

    /**
     * Keeps the Secrets of {@code externalSecrets} in step with {@code secrets}: publishes what each resolved to now
     * (as {@link #publishAll}), then, from a listener on {@code secrets}, the new snapshot of an ExternalSecret on
     * each {@link SecretEvent.Loaded} (it resolved for the first time, e.g. after failing at start) and
     * {@link SecretEvent.Changed} (a refresh changed its data). Failures and recoveries write nothing: the Secret
     * keeps its last data, as ESO's does. Events of ExternalSecrets not in {@code externalSecrets} are ignored, and
     * so is every event once this mirror is closed.
     *
     * @param externalSecrets the ExternalSecrets to mirror, typically {@code manifests.externalSecrets()} of the
     *     manifests {@code secrets} was built from
     * @return this
     */
    public LeaderElectedMirror follow(Collection<ExternalSecret> externalSecrets, ExternalSecrets secrets) {
        Objects.requireNonNull(secrets, "secrets");
        Map<String, ExternalSecret> byKey = new LinkedHashMap<>();
        for (ExternalSecret externalSecret : externalSecrets) {
            byKey.put(externalSecret.id().toString(), externalSecret);
        }
        secrets.addListener(event -> {
            ExternalSecret externalSecret = byKey.get(event.externalSecret());
            if (closed
                    || externalSecret == null
                    || !(event instanceof SecretEvent.Loaded || event instanceof SecretEvent.Changed)) {
                return;
            }
            Optional<ResolvedSecret> secret = secrets.find(externalSecret.id());
            if (secret.isPresent()) {
                publish(externalSecret, secret.get());
            } else {
                log.debug("not mirroring ExternalSecret {}: it has no value now", event.externalSecret());
            }
        });
        publishAll(byKey.values(), secrets);
        return this;
    }

    /** Forgets what was written, so the next publication of each ExternalSecret reads (and repairs) its Secret. */
    public void resync() {
        written.clear();
        if (leading) {
            writes.execute(this::writeAll);
        }
    }

    /** Whether this replica holds the Lease now. */
    public boolean isLeader() {
        return leading;
    }

    /** The identity of the current leader as last observed, or empty. */
    public String leader() {
        return Objects.requireNonNullElse(leader, "");
    }

    /** This replica's identity in the Lease. */
    public String identity() {
        return identity;
    }

    /** Stops writing, releases the Lease (if held) and stops the write thread. */
    @Override
    public synchronized void close() {
        closed = true;
        leading = false;
        if (election != null) {
            election.cancel(true);
        }
        writes.shutdownNow();
    }

    private void startLeading() {
        log.info("replica {} leads Lease {}/{}", identity, leaseNamespace, leaseName);
        written.clear();
        leading = true;
        writes.execute(this::writeAll);
    }

    private void stopLeading() {
        leading = false;
        log.info("replica {} stopped leading Lease {}/{}", identity, leaseNamespace, leaseName);
    }

    private void newLeader(String newLeader) {
        leader = newLeader;
    }

    private void writeAll() {
        List<Desired> pending = latest.entrySet().stream()
                .filter(e -> !fingerprint(e.getValue()).equals(written.get(e.getKey())))
                .map(Map.Entry::getValue)
                .toList();
        if (!pending.isEmpty() && leading) {
            for (MirrorResult result : mirror.reconcileAll(pending)) {
                remember(result, pending);
                onResult.accept(result);
            }
        }
    }

    private void write(ExternalSecretId key, Desired desired) {
        if (!leading || latest.get(key) != desired) {
            return;
        }
        if (fingerprint(desired).equals(written.get(key))) {
            return;
        }
        MirrorResult result = mirror.reconcile(desired);
        remember(result, List.of(desired));
        onResult.accept(result);
    }

    private void remember(MirrorResult result, List<Desired> among) {
        if (!result.ok()) {
            return;
        }
        ExternalSecretId key = result.id();
        among.stream()
                .filter(d -> d.externalSecret().equals(result.id()))
                .findFirst()
                .ifPresent(d -> written.put(key, fingerprint(d)));
    }

    private static String fingerprint(Desired desired) {
        return EsoMarkers.dataHash(desired.data()) + "|" + desired.type() + "|" + desired.labels() + "|"
                + desired.annotations() + "|" + desired.target().creationPolicy() + "|"
                + desired.target().deletionPolicy() + "|" + desired.target().immutable() + "|" + desired.targetName();
    }

    @Override
    public String toString() {
        return "LeaderElectedMirror[" + identity + ", Lease " + leaseNamespace + "/" + leaseName
                + (leading ? ", leading" : "") + "]";
    }

    /** Options of {@link LeaderElectedMirror}; every option starts at its stated default. Not thread-safe. */
    public static final class Builder {

        private final KubernetesClient client;
        private final SecretMirror mirror;
        private String leaseNamespace;
        private String leaseName = "eso4j-secret-mirror";
        private String identity = UUID.randomUUID().toString();
        private Duration leaseDuration = Duration.ofSeconds(15);
        private Duration renewDeadline = Duration.ofSeconds(10);
        private Duration retryPeriod = Duration.ofSeconds(2);
        private Consumer<MirrorResult> onResult = result -> {};

        private Builder(KubernetesClient client, SecretMirror mirror) {
            this.client = client;
            this.mirror = mirror;
        }

        /** The Lease's namespace and name; default the mirror's namespace and {@code eso4j-secret-mirror}. */
        public Builder lease(String namespace, String name) {
            this.leaseNamespace = Objects.requireNonNull(namespace, "namespace");
            this.leaseName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** This replica's holder identity, e.g. the pod name; default a random UUID. */
        public Builder identity(String identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /**
         * Lease timings (client-go's defaults): lease duration 15 s, renew deadline 10 s, retry period 2 s. Needs
         * {@code leaseDuration > renewDeadline > retryPeriod}.
         */
        public Builder timings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
            if (leaseDuration.compareTo(renewDeadline) <= 0 || renewDeadline.compareTo(retryPeriod) <= 0) {
                throw new IllegalArgumentException("need leaseDuration > renewDeadline > retryPeriod");
            }
            this.leaseDuration = leaseDuration;
            this.renewDeadline = renewDeadline;
            this.retryPeriod = retryPeriod;
            return this;
        }

        /** Receives every write result on the write thread; default ignores them (failures are logged anyway). */
        public Builder onResult(Consumer<MirrorResult> onResult) {
            this.onResult = Objects.requireNonNull(onResult, "onResult");
            return this;
        }

        public LeaderElectedMirror build() {
            return new LeaderElectedMirror(this);
        }
    }
}
