package io.eso4j.k8s;

import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.SecretsException;
import io.eso4j.integration.GenericTarget;
import io.eso4j.integration.TargetSecretPlan.Desired;
import io.eso4j.k8s.MirrorResult.Outcome;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretId;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes resolved ExternalSecrets into Kubernetes Secrets as ESO's controller does: {@code creationPolicy} Owner,
 * Orphan, Merge, CreateOrMerge and None; {@code deletionPolicy} Retain, Delete and Merge; ESO's managed label,
 * created-by label and data-hash annotation; no write at all when the Secret already holds the result.
 *
 * <pre>{@code
 * SecretMirror mirror = SecretMirror.builder(kubernetesClient).build();
 * try (ExternalSecrets secrets = ExternalSecrets.builder().manifests(manifests).failOnError(false).build()) {
 *     mirror.applyAll(manifests.externalSecrets(), secrets);
 * }
 * }</pre>
 *
 * <p>"The remote secret is gone" reaches the mirror the way core reports it: an empty data map (core skips missing
 * entries unless {@code deletionPolicy} is Retain, where it fails instead and the Secret keeps its last data).
 * Empty data with Retain leaves the Secret alone; with Delete and Owner the Secret is deleted; with Merge the
 * managed keys are removed.
 *
 * <p>Thread-safe; it does not own the client (closing it is the caller's business). Failures are returned as
 * {@link MirrorResult}s, never thrown, so one bad ExternalSecret does not stop the others.
 */
public final class SecretMirror {

    private static final Logger log = LoggerFactory.getLogger(SecretMirror.class);

    /** Marks a namespace whose Secrets could not be listed: they are then read one by one. */
    private static final Map<String, Secret> NOT_LISTED = Map.of();

    private final KubernetesClient client;
    private final String defaultNamespace;
    private final Builder settings;
    private final SecretWriter writer;
    private final GenericTargetWriter genericWriter;

    private SecretMirror(Builder builder, BooleanSupplier writeGate) {
        this.client = builder.client;
        this.defaultNamespace = builder.namespace != null
                ? builder.namespace
                : Objects.requireNonNullElse(client.getNamespace(), "default");
        this.settings = builder;
        this.writer = new SecretWriter(
                client,
                builder.owner,
                builder.maxAttempts,
                builder.initialBackoff,
                builder.maxBackoff,
                builder.sleeper,
                writeGate);
        this.genericWriter = new GenericTargetWriter(client, builder.owner, writeGate);
    }

    /** A builder writing through {@code client}. */
    public static Builder builder(KubernetesClient client) {
        return new Builder(Objects.requireNonNull(client, "client"));
    }

    /** A builder with this mirror's settings. */
    public Builder toBuilder() {
        return settings.copy();
    }

    /** This mirror, but writing only while {@code gate} is true (checked right before every write request). */
    SecretMirror gated(BooleanSupplier gate) {
        return new SecretMirror(settings.copy(), gate);
    }

    /** The namespace used for ExternalSecrets whose manifest names none. */
    public String defaultNamespace() {
        return defaultNamespace;
    }

    /**
     * Brings {@code externalSecret}'s target Secret in line with {@code resolved}: one read, and a write only when
     * something differs.
     *
     * @throws IllegalArgumentException when {@code resolved} belongs to another ExternalSecret
     */
    public MirrorResult apply(ExternalSecret externalSecret, ResolvedSecret resolved) {
        if (GenericTarget.applies(externalSecret)) {
            return generic(externalSecret, resolved);
        }
        return writer.reconcile(desired(externalSecret, resolved), null);
    }

    /** A generic target ({@code target.manifest}): written only when the builder allows them, as ESO's flag does. */
    private MirrorResult generic(ExternalSecret externalSecret, ResolvedSecret resolved) {
        String namespace = externalSecret.namespace().isEmpty() ? defaultNamespace : externalSecret.namespace();
        if (!settings.allowGenericTargets) {
            return GenericTargetWriter.disabled(externalSecret, namespace);
        }
        Desired.of(externalSecret, resolved, defaultNamespace); // checks that they belong together
        return genericWriter.reconcile(externalSecret, resolved, namespace);
    }

    /**
     * Mirrors every ExternalSecret of {@code externalSecrets} from the resolution {@code resolved}: one list request
     * per namespace, then a write per Secret that differs. An ExternalSecret that failed to resolve (see
     * {@link ExternalSecrets#failures()}) is reported as failed, ESO's {@code could not get secret data from
     * provider}, and its Secret keeps its last data.
     */
    public List<MirrorResult> applyAll(Collection<ExternalSecret> externalSecrets, ExternalSecrets resolved) {
        List<MirrorResult> results = new ArrayList<>();
        List<Desired> desired = new ArrayList<>();
        for (ExternalSecret externalSecret : externalSecrets) {
            ExternalSecretId id = externalSecret.id();
            SecretsException failure = resolved.failure(id).orElse(null);
            if (failure != null) {
                results.add(providerFailure(externalSecret, failure));
                continue;
            }
            Optional<ResolvedSecret> secret = resolved.find(id);
            if (secret.isPresent() && GenericTarget.applies(externalSecret)) {
                results.add(generic(externalSecret, secret.get()));
            } else if (secret.isPresent()) {
                desired.add(desired(externalSecret, secret.get()));
            } else {
                results.add(providerFailure(
                        externalSecret, new SecretsException("no ExternalSecret \"" + id + "\" in this resolution")));
            }
        }
        results.addAll(reconcileAll(desired));
        return results;
    }

    /** Like {@link #applyAll(Collection, ExternalSecrets)}, for pairs already matched up. */
    public List<MirrorResult> applyAll(Map<ExternalSecret, ResolvedSecret> resolved) {
        List<Desired> desired = new ArrayList<>();
        List<MirrorResult> results = new ArrayList<>();
        resolved.forEach((externalSecret, secret) -> {
            if (GenericTarget.applies(externalSecret)) {
                results.add(generic(externalSecret, secret));
            } else {
                desired.add(desired(externalSecret, secret));
            }
        });
        results.addAll(reconcileAll(desired));
        return results;
    }

    List<MirrorResult> reconcileAll(List<Desired> desired) {
        Map<String, Map<String, Secret>> byNamespace = new HashMap<>();
        List<MirrorResult> results = new ArrayList<>();
        for (Desired secret : desired) {
            Map<String, Secret> listed =
                    byNamespace.computeIfAbsent(secret.externalSecret().namespace(), this::list);
            results.add(writer.reconcile(secret, listed == NOT_LISTED ? null : listed));
        }
        return results;
    }

    MirrorResult reconcile(Desired desired) {
        return writer.reconcile(desired, null);
    }

    Desired desired(ExternalSecret externalSecret, ResolvedSecret resolved) {
        return Desired.of(externalSecret, resolved, defaultNamespace);
    }

    /** The namespace's Secrets by name, or {@link #NOT_LISTED} when listing is not allowed (reads one by one). */
    private Map<String, Secret> list(String namespace) {
        try {
            Map<String, Secret> byName = new HashMap<>();
            for (Secret secret : client.secrets().inNamespace(namespace).list().getItems()) {
                byName.put(secret.getMetadata().getName(), secret);
            }
            return byName;
        } catch (KubernetesClientException e) {
            log.debug("cannot list Secrets in {} (HTTP {}), reading them one by one", namespace, e.getCode());
            return NOT_LISTED;
        }
    }

    private MirrorResult providerFailure(ExternalSecret externalSecret, SecretsException cause) {
        String namespace = externalSecret.namespace().isEmpty() ? defaultNamespace : externalSecret.namespace();
        return new MirrorResult(
                namespace,
                externalSecret.name(),
                externalSecret.targetName(),
                Outcome.FAILED,
                SecretWriter.SYNCED_ERROR,
                "could not get secret data from provider",
                0,
                cause);
    }

    @Override
    public String toString() {
        return "SecretMirror[namespace " + defaultNamespace + "]";
    }

    /** Pauses between conflict retries; tests inject one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Options of {@link SecretMirror}; every option starts at its stated default. Not thread-safe. */
    public static final class Builder {

        private final KubernetesClient client;
        private String namespace;
        private OwnerReference owner;
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(2);
        private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());
        private boolean allowGenericTargets;

        private Builder(KubernetesClient client) {
            this.client = client;
        }

        private Builder copy() {
            Builder copy = new Builder(client);
            copy.namespace = namespace;
            copy.owner = owner;
            copy.maxAttempts = maxAttempts;
            copy.initialBackoff = initialBackoff;
            copy.maxBackoff = maxBackoff;
            copy.sleeper = sleeper;
            copy.allowGenericTargets = allowGenericTargets;
            return copy;
        }

        /** Namespace for ExternalSecrets whose manifest has none; default the client's namespace, else {@code default}. */
        public Builder namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        /**
         * The object that owns Secrets written under {@code creationPolicy: Owner} (ESO uses the ExternalSecret
         * itself, which does not exist in the cluster here), e.g. the application's Deployment; its
         * {@code apiVersion}, {@code kind}, {@code name} and {@code uid} are required. Default: no owner reference,
         * only the created-by label.
         */
        public Builder owner(String apiVersion, String kind, String name, String uid) {
            this.owner = new OwnerReferenceBuilder()
                    .withApiVersion(Objects.requireNonNull(apiVersion, "apiVersion"))
                    .withKind(Objects.requireNonNull(kind, "kind"))
                    .withName(Objects.requireNonNull(name, "name"))
                    .withUid(Objects.requireNonNull(uid, "uid"))
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build();
            return this;
        }

        /** Attempts per Secret when a write meets a conflict (409) or a vanished Secret (404); default 5. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Back-off before the first retry, doubled per retry up to {@code max}; default 100 ms up to 2 s. */
        public Builder backoff(Duration initial, Duration max) {
            if (initial.isNegative() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("need 0 <= initial <= max");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * Whether ExternalSecrets with {@code spec.target.manifest} (ConfigMaps, custom resources) are written, ESO's
         * {@code --unsafe-allow-generic-targets}; default {@code false}, when they fail with ESO's message. The
         * writer then needs RBAC for those kinds; their content is not encrypted at rest as Secrets may be.
         */
        public Builder allowGenericTargets(boolean allow) {
            this.allowGenericTargets = allow;
            return this;
        }

        /** How to pause between retries; default {@link Thread#sleep(long)}. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public SecretMirror build() {
            return new SecretMirror(copy(), () -> true);
        }
    }
}
