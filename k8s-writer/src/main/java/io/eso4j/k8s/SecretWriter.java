package io.eso4j.k8s;

import io.eso4j.EsoMarkers;
import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretsException;
import io.eso4j.k8s.MirrorResult.Outcome;
import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.DeletionPolicy;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link SecretMirror}: reads the target Secret, works out what ESO's controller would make of it,
 * and writes only the difference. Thread-safe (stateless apart from its immutable settings).
 *
 * <p>Writes are a create (POST) or a JSON merge patch carrying {@code metadata.resourceVersion}, so a concurrent
 * change fails with 409 and is re-read and retried, and carrying ESO's field manager, so a real API server records
 * the keys as this ExternalSecret's. The keys a Merge-policy Secret got from this ExternalSecret are found in the
 * field manager's managedFields (what ESO writes) and in the {@link #MANAGED_KEYS_ANNOTATION} annotation (what this
 * writer adds, because a server without server-side apply bookkeeping, like fabric8's mock, keeps no
 * managedFields).
 */
final class SecretWriter {

    /** Under Merge policies: the data keys this ExternalSecret wrote, comma-separated, so they can be removed. */
    static final String MANAGED_KEYS_ANNOTATION = "eso4j.io/managed-keys";

    static final String SYNCED = "SecretSynced";
    static final String SYNCED_ERROR = "SecretSyncedError";
    static final String DELETED = "SecretDeleted";
    static final String MISSING = "SecretMissing";

    private static final Logger log = LoggerFactory.getLogger(SecretWriter.class);
    private static final String OPAQUE = "Opaque";

    private final KubernetesClient client;
    private final OwnerReference owner;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final SecretMirror.Sleeper sleeper;
    private final BooleanSupplier writeGate;

    SecretWriter(
            KubernetesClient client,
            OwnerReference owner,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            SecretMirror.Sleeper sleeper,
            BooleanSupplier writeGate) {
        this.client = client;
        this.owner = owner;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.sleeper = sleeper;
        this.writeGate = writeGate;
    }

    /**
     * Brings the target Secret in line with {@code desired}.
     *
     * @param listed the namespace's Secrets by name when already read in this pass, else {@code null}
     */
    MirrorResult reconcile(DesiredSecret desired, Map<String, Secret> listed) {
        Attempt attempt = new Attempt(desired);
        CreationPolicy creation = desired.target().creationPolicy();
        DeletionPolicy deletion = desired.target().deletionPolicy();
        if (creation == CreationPolicy.NONE) {
            return attempt.done(Outcome.SKIPPED, SYNCED, "secret will not be written due to CreationPolicy=None");
        }
        boolean gone = desired.data().isEmpty();
        if (gone && deletion == DeletionPolicy.RETAIN) {
            return attempt.done(Outcome.RETAINED, SYNCED, "secret retained due to DeletionPolicy=Retain");
        }
        if (gone && deletion == DeletionPolicy.DELETE && creation != CreationPolicy.OWNER) {
            return attempt.failed(
                    "could not delete secret",
                    "unable to delete secret: creationPolicy=" + creation.specName() + " is not Owner",
                    null);
        }
        Secret current = listed == null ? null : listed.get(desired.targetName());
        boolean known = listed != null;
        for (int number = 1; ; number++) {
            try {
                if (!known) {
                    current = attempt.read();
                }
                known = false;
                return gone && deletion == DeletionPolicy.DELETE ? attempt.delete(current) : attempt.write(current);
            } catch (KubernetesClientException e) {
                if (isRetryable(e) && number < maxAttempts) {
                    Duration pause = backoff(number);
                    log.debug(
                            "conflict writing Secret {}/{} (HTTP {}), re-reading in {}",
                            desired.namespace(),
                            desired.targetName(),
                            e.getCode(),
                            pause);
                    try {
                        sleeper.sleep(pause);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return attempt.failed("could not update secret", "interrupted while backing off", null);
                    }
                    continue;
                }
                return attempt.failure(e);
            } catch (NotLeading e) {
                return attempt.failed("could not update secret", "not writing: this replica is not the leader", null);
            }
        }
    }

    private static boolean isRetryable(KubernetesClientException e) {
        return e.getCode() == 409 || e.getCode() == 404;
    }

    private Duration backoff(int failedAttempts) {
        Duration pause = initialBackoff;
        for (int i = 1; i < failedAttempts && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }

    /** Thrown before a write when the write gate is closed (leadership lost). */
    private static final class NotLeading extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotLeading() {
            super(null, null, false, false);
        }
    }

    /** One reconcile of one ExternalSecret: its requests, counted, and the verb in flight for 403 messages. */
    private final class Attempt {

        private final DesiredSecret desired;
        private int writes;
        private String verb = "get";

        Attempt(DesiredSecret desired) {
            this.desired = desired;
        }

        Secret read() {
            verb = "get";
            return client.secrets()
                    .inNamespace(desired.namespace())
                    .withName(desired.targetName())
                    .get();
        }

        MirrorResult delete(Secret current) {
            if (current == null) {
                return done(Outcome.DELETED, DELETED, "secret deleted due to DeletionPolicy=Delete");
            }
            MirrorResult refused = checkOwnership(current);
            if (refused != null) {
                return refused;
            }
            beforeWrite("delete");
            client.secrets()
                    .inNamespace(desired.namespace())
                    .withName(desired.targetName())
                    .delete();
            return done(Outcome.DELETED, DELETED, "secret deleted due to DeletionPolicy=Delete");
        }

        MirrorResult write(Secret current) {
            CreationPolicy creation = desired.target().creationPolicy();
            if (current == null) {
                if (creation == CreationPolicy.MERGE) {
                    return done(Outcome.SKIPPED, MISSING, "secret will not be created due to CreationPolicy=Merge");
                }
                beforeWrite("create");
                client.secrets()
                        .inNamespace(desired.namespace())
                        .resource(newSecret())
                        .create();
                return done(Outcome.CREATED, SYNCED, "secret synced");
            }
            MirrorResult refused = checkOwnership(current);
            if (refused != null) {
                return refused;
            }
            State now = State.of(current);
            State wanted = wanted(now);
            if (wanted.equals(now)) {
                return done(Outcome.UNCHANGED, SYNCED, "secret synced");
            }
            boolean contentChanges = !State.sameData(wanted.data, now.data) || !wanted.type.equals(now.type);
            if (now.immutable && contentChanges) {
                State metadataOnly = new State(
                        now.data,
                        now.type,
                        now.immutable,
                        wanted.labels,
                        new TreeMap<>(wanted.annotations),
                        wanted.ownerReferences);
                copyOrRemove(now.annotations, metadataOnly.annotations, EsoMarkers.DATA_HASH_ANNOTATION);
                copyOrRemove(now.annotations, metadataOnly.annotations, MANAGED_KEYS_ANNOTATION);
                if (!metadataOnly.equals(now)) {
                    patch(current, now, metadataOnly);
                }
                return failed(
                        "could not update secret, target is immutable",
                        "the Secret is immutable and its data or type would change; only metadata was updated",
                        null);
            }
            patch(current, now, wanted);
            return done(Outcome.UPDATED, SYNCED, "secret synced");
        }

        private void copyOrRemove(Map<String, String> from, Map<String, String> to, String key) {
            if (from.containsKey(key)) {
                to.put(key, from.get(key));
            } else {
                to.remove(key);
            }
        }

        private void patch(Secret current, State now, State wanted) {
            beforeWrite("patch");
            PatchContext context = PatchContext.of(PatchType.JSON_MERGE);
            context.setFieldManager(EsoMarkers.fieldManager(desired.externalSecret()));
            client.secrets()
                    .inNamespace(desired.namespace())
                    .resource(current)
                    .patch(context, MergePatch.between(current.getMetadata().getResourceVersion(), now, wanted));
        }

        private void beforeWrite(String writeVerb) {
            verb = writeVerb;
            if (!writeGate.getAsBoolean()) {
                throw new NotLeading();
            }
            writes++;
        }

        /** The state ESO's controller would leave {@code now} in. */
        private State wanted(State now) {
            CreationPolicy creation = desired.target().creationPolicy();
            boolean merging = isMerging(creation);
            Map<String, byte[]> data = new TreeMap<>();
            if (merging) {
                data.putAll(now.data);
                managedKeys(now).forEach(data::remove);
            }
            data.putAll(desired.data());
            TreeMap<String, String> labels = new TreeMap<>(now.labels);
            labels.putAll(markerLabels());
            TreeMap<String, String> annotations = new TreeMap<>(now.annotations);
            annotations.putAll(markerAnnotations(data));
            if (!merging) {
                annotations.remove(MANAGED_KEYS_ANNOTATION);
            }
            String type = merging && OPAQUE.equals(desired.type()) ? now.type : desired.type();
            boolean immutable = desired.target().immutable() || now.immutable;
            List<OwnerReference> references = new ArrayList<>(now.ownerReferences);
            if (owner != null) {
                if (creation == CreationPolicy.OWNER) {
                    if (references.stream().noneMatch(r -> Boolean.TRUE.equals(r.getController()))) {
                        references.add(owner);
                    }
                } else {
                    references.removeIf(r -> Objects.equals(r.getUid(), owner.getUid()));
                }
            }
            return new State(data, type, immutable, labels, annotations, references);
        }

        private Secret newSecret() {
            Map<String, String> data = new TreeMap<>();
            desired.data()
                    .forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value)));
            TreeMap<String, String> labels = new TreeMap<>();
            labels.putAll(markerLabels());
            TreeMap<String, String> annotations = new TreeMap<>();
            annotations.putAll(markerAnnotations(desired.data()));
            SecretBuilder builder = new SecretBuilder()
                    .withNewMetadata()
                    .withName(desired.targetName())
                    .withNamespace(desired.namespace())
                    .withLabels(labels)
                    .withAnnotations(annotations)
                    .endMetadata()
                    .withType(desired.type())
                    .withData(data);
            if (desired.target().immutable()) {
                builder.withImmutable(true);
            }
            if (owner != null && desired.target().creationPolicy() == CreationPolicy.OWNER) {
                builder.editMetadata().withOwnerReferences(owner).endMetadata();
            }
            return builder.build();
        }

        private Map<String, String> markerLabels() {
            Map<String, String> labels = new LinkedHashMap<>(desired.labels());
            labels.put(EsoMarkers.MANAGED_LABEL, "true");
            if (desired.target().creationPolicy() == CreationPolicy.OWNER) {
                labels.put(EsoMarkers.CREATED_BY_LABEL, createdBy());
            }
            return labels;
        }

        private Map<String, String> markerAnnotations(Map<String, byte[]> data) {
            Map<String, String> annotations = new LinkedHashMap<>(desired.annotations());
            annotations.put(EsoMarkers.DATA_HASH_ANNOTATION, EsoMarkers.dataHash(data));
            if (isMerging(desired.target().creationPolicy())) {
                annotations.put(
                        MANAGED_KEYS_ANNOTATION, String.join(",", desired.data().keySet()));
            }
            return annotations;
        }

        private String createdBy() {
            return EsoMarkers.createdBy(desired.namespace(), desired.externalSecret());
        }

        /** The data keys this ExternalSecret wrote before: its field manager's managedFields plus our annotation. */
        private Set<String> managedKeys(State now) {
            Set<String> keys = new TreeSet<>();
            String listed = now.annotations.get(MANAGED_KEYS_ANNOTATION);
            if (listed != null && !listed.isEmpty()) {
                keys.addAll(Arrays.asList(listed.split(",")));
            }
            String manager = EsoMarkers.fieldManager(desired.externalSecret());
            for (ManagedFieldsEntry entry : now.managedFields) {
                if (manager.equals(entry.getManager()) && entry.getFieldsV1() != null) {
                    Object data = entry.getFieldsV1().getAdditionalProperties().get("f:data");
                    if (data instanceof Map<?, ?> fields) {
                        fields.keySet().stream()
                                .map(String::valueOf)
                                .filter(f -> f.startsWith("f:"))
                                .forEach(f -> keys.add(f.substring(2)));
                    }
                }
            }
            return keys;
        }

        /** Null when this ExternalSecret may write {@code current}, else the refusal. */
        private MirrorResult checkOwnership(Secret current) {
            CreationPolicy creation = desired.target().creationPolicy();
            ObjectMeta metadata = current.getMetadata();
            for (OwnerReference reference : metadata.getOwnerReferences()) {
                if (!Boolean.TRUE.equals(reference.getController())) {
                    continue;
                }
                boolean externalSecret = "ExternalSecret".equals(reference.getKind())
                        && String.valueOf(reference.getApiVersion()).startsWith("external-secrets.io/");
                if (externalSecret) {
                    if (!desired.externalSecret().equals(reference.getName())) {
                        return failed(
                                "target is owned by another ExternalSecret",
                                "it is controlled by ExternalSecret " + reference.getName(),
                                null);
                    }
                } else if (owner == null || !Objects.equals(owner.getUid(), reference.getUid())) {
                    if (creation == CreationPolicy.OWNER || creation == CreationPolicy.ORPHAN) {
                        return failed(
                                "failed to take ownership of target secret",
                                "it is controlled by " + reference.getKind() + " " + reference.getName(),
                                null);
                    }
                }
            }
            String createdBy =
                    metadata.getLabels() == null ? null : metadata.getLabels().get(EsoMarkers.CREATED_BY_LABEL);
            if (createdBy != null && !createdBy.equals(createdBy()) && creation == CreationPolicy.OWNER) {
                return failed(
                        "target is owned by another ExternalSecret",
                        "its " + EsoMarkers.CREATED_BY_LABEL + " label names another ExternalSecret",
                        null);
            }
            return null;
        }

        MirrorResult done(Outcome outcome, String reason, String message) {
            log.debug("ExternalSecret {}/{}: {} ({})", desired.namespace(), desired.externalSecret(), outcome, message);
            return new MirrorResult(
                    desired.namespace(),
                    desired.externalSecret(),
                    desired.targetName(),
                    outcome,
                    reason,
                    message,
                    writes,
                    null);
        }

        MirrorResult failed(String message, String detail, Throwable cause) {
            String text = "ExternalSecret " + desired.id() + ": " + message + " " + desired.namespace() + "/"
                    + desired.targetName() + ": " + detail;
            return failedWith(message, new SecretsException(text, cause));
        }

        MirrorResult failedWith(String message, SecretsException error) {
            log.warn(error.getMessage());
            return new MirrorResult(
                    desired.namespace(),
                    desired.externalSecret(),
                    desired.targetName(),
                    Outcome.FAILED,
                    SYNCED_ERROR,
                    message,
                    writes,
                    error);
        }

        MirrorResult failure(KubernetesClientException e) {
            String message = "delete".equals(verb) ? "could not delete secret" : "could not update secret";
            if (e.getCode() == 403) {
                String secretId = desired.namespace() + "/" + desired.targetName();
                return failedWith(
                        message,
                        new SecretAccessDeniedException(
                                secretId,
                                "ExternalSecret " + desired.id() + ": "
                                        + message + " " + secretId + ": forbidden: the writer needs RBAC verb \""
                                        + verb + "\" on resource \"secrets\" in namespace \"" + desired.namespace()
                                        + "\"",
                                e));
            }
            String status = e.getStatus() == null || e.getStatus().getReason() == null
                    ? ""
                    : " " + e.getStatus().getReason();
            String detail =
                    e.getCode() > 0 ? "HTTP " + e.getCode() + status + " on " + verb : "request failed on " + verb;
            return failed(message, detail, e);
        }
    }

    static boolean isMerging(CreationPolicy creation) {
        return creation == CreationPolicy.MERGE || creation == CreationPolicy.CREATE_OR_MERGE;
    }

    /** The parts of a Secret this writer compares and writes, decoded. */
    static final class State {
        final Map<String, byte[]> data;
        final String type;
        final boolean immutable;
        final Map<String, String> labels;
        final Map<String, String> annotations;
        final List<OwnerReference> ownerReferences;
        final List<ManagedFieldsEntry> managedFields;

        State(
                Map<String, byte[]> data,
                String type,
                boolean immutable,
                Map<String, String> labels,
                Map<String, String> annotations,
                List<OwnerReference> ownerReferences) {
            this(data, type, immutable, labels, annotations, ownerReferences, List.of());
        }

        private State(
                Map<String, byte[]> data,
                String type,
                boolean immutable,
                Map<String, String> labels,
                Map<String, String> annotations,
                List<OwnerReference> ownerReferences,
                List<ManagedFieldsEntry> managedFields) {
            this.data = data;
            this.type = type;
            this.immutable = immutable;
            this.labels = labels;
            this.annotations = annotations;
            this.ownerReferences = ownerReferences;
            this.managedFields = managedFields;
        }

        static State of(Secret secret) {
            Map<String, byte[]> data = new TreeMap<>();
            if (secret.getData() != null) {
                // A null value is a key a merge patch removed; fabric8's mock keeps it as null, a real API server drops
                // it.
                secret.getData().forEach((key, value) -> {
                    if (value != null) {
                        data.put(key, Base64.getDecoder().decode(value));
                    }
                });
            }
            ObjectMeta metadata = secret.getMetadata();
            return new State(
                    data,
                    secret.getType() == null ? OPAQUE : secret.getType(),
                    Boolean.TRUE.equals(secret.getImmutable()),
                    metadata.getLabels() == null ? new TreeMap<>() : new TreeMap<>(metadata.getLabels()),
                    metadata.getAnnotations() == null ? new TreeMap<>() : new TreeMap<>(metadata.getAnnotations()),
                    metadata.getOwnerReferences() == null ? List.of() : List.copyOf(metadata.getOwnerReferences()),
                    metadata.getManagedFields() == null ? List.of() : List.copyOf(metadata.getManagedFields()));
        }

        static boolean sameData(Map<String, byte[]> a, Map<String, byte[]> b) {
            if (!a.keySet().equals(b.keySet())) {
                return false;
            }
            return a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof State that
                    && sameData(data, that.data)
                    && type.equals(that.type)
                    && immutable == that.immutable
                    && labels.equals(that.labels)
                    && annotations.equals(that.annotations)
                    && ownerReferences.equals(that.ownerReferences);
        }

        @Override
        public int hashCode() {
            return Objects.hash(data.keySet(), type, immutable, labels, annotations, ownerReferences);
        }

        @Override
        public String toString() {
            return "State[keys " + data.keySet() + ", type " + type + ", values redacted]";
        }
    }
}
