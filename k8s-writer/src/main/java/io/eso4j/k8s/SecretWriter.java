package io.eso4j.k8s;

import io.eso4j.SecretsException;
import io.eso4j.integration.EsoMarkers;
import io.eso4j.integration.TargetSecretPlan;
import io.eso4j.integration.TargetSecretPlan.Desired;
import io.eso4j.k8s.MirrorResult.Outcome;
import io.eso4j.refresh.Backoff;
import io.eso4j.spec.CreationPolicy;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
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
    static final String MANAGED_KEYS_ANNOTATION = TargetSecretPlan.MANAGED_KEYS_ANNOTATION;

    static final String SYNCED_ERROR = TargetSecretPlan.SYNCED_ERROR;

    private static final Logger log = LoggerFactory.getLogger(SecretWriter.class);
    private static final String OPAQUE = "Opaque";

    private final KubernetesClient client;
    private final OwnerReference owner;
    private final int maxAttempts;
    private final Backoff backoff;
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
        this.backoff = Backoff.exponential(initialBackoff, maxBackoff);
        this.sleeper = sleeper;
        this.writeGate = writeGate;
    }

    /**
     * Brings the target Secret in line with {@code desired}.
     *
     * @param listed the namespace's Secrets by name when already read in this pass, else {@code null}
     */
    MirrorResult reconcile(Desired desired, Map<String, Secret> listed) {
        Attempt attempt = new Attempt(desired);
        TargetSecretPlan.Decision early = TargetSecretPlan.withoutReading(desired);
        if (early != null && early.action() != TargetSecretPlan.Action.DELETE) {
            return attempt.without(early);
        }
        Secret current = listed == null ? null : listed.get(desired.targetName());
        boolean known = listed != null;
        for (int number = 1; ; number++) {
            try {
                if (!known) {
                    current = attempt.read();
                }
                known = false;
                return attempt.apply(current);
            } catch (KubernetesClientException e) {
                if (isRetryable(e) && number < maxAttempts) {
                    Duration pause =
                            backoff.delay(number, ThreadLocalRandom.current().nextDouble());
                    log.debug(
                            "conflict writing Secret {}/{} (HTTP {}), re-reading in {}",
                            desired.externalSecret().namespace(),
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

    /** Thrown before a write when the write gate is closed (leadership lost). */
    private static final class NotLeading extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotLeading() {
            super(null, null, false, false);
        }
    }

    /** One reconcile of one ExternalSecret: its requests, counted, and the verb in flight for 403 messages. */
    private final class Attempt {

        private final Desired desired;
        private final String manager;
        private int writes;
        private String verb = "get";

        Attempt(Desired desired) {
            this.desired = desired;
            this.manager = EsoMarkers.fieldManager(desired.externalSecret().name());
        }

        Secret read() {
            verb = "get";
            return client.secrets()
                    .inNamespace(desired.externalSecret().namespace())
                    .withName(desired.targetName())
                    .get();
        }

        /** Carries out what the plan decides for {@code current} (null when there is no such Secret). */
        MirrorResult apply(Secret current) {
            State now = current == null ? null : State.of(current);
            TargetSecretPlan.Decision decision = TargetSecretPlan.decide(
                    desired, now == null ? null : now.existing(manager), owner == null ? null : owner.getUid());
            switch (decision.action()) {
                case DELETE -> {
                    if (current != null) {
                        beforeWrite("delete");
                        client.secrets()
                                .inNamespace(desired.externalSecret().namespace())
                                .withName(desired.targetName())
                                .delete();
                    }
                    return done(Outcome.DELETED, decision);
                }
                case CREATE -> {
                    beforeWrite("create");
                    client.secrets()
                            .inNamespace(desired.externalSecret().namespace())
                            .resource(newSecret(decision.contents()))
                            .create();
                    return done(Outcome.CREATED, decision);
                }
                case UNCHANGED, UPDATE -> {
                    State wanted = State.of(decision.contents(), references(now));
                    if (wanted.equals(now)) {
                        return done(Outcome.UNCHANGED, decision);
                    }
                    patch(current, now, wanted);
                    return done(Outcome.UPDATED, decision);
                }
                case REFUSE -> {
                    if (decision.contents() != null) {
                        State metadataOnly = State.of(decision.contents(), references(now));
                        if (!metadataOnly.equals(now)) {
                            patch(current, now, metadataOnly);
                        }
                    }
                    return failed(decision.message(), decision.detail(), null);
                }
                default -> {
                    return without(decision);
                }
            }
        }

        /** A decision that writes nothing. */
        MirrorResult without(TargetSecretPlan.Decision decision) {
            return switch (decision.action()) {
                case SKIP -> done(Outcome.SKIPPED, decision);
                case RETAIN -> done(Outcome.RETAINED, decision);
                case REFUSE -> failed(decision.message(), decision.detail(), null);
                default -> throw new IllegalStateException("not a decision without a write: " + decision.action());
            };
        }

        private void patch(Secret current, State now, State wanted) {
            beforeWrite("patch");
            PatchContext context = PatchContext.of(PatchType.JSON_MERGE);
            context.setFieldManager(manager);
            client.secrets()
                    .inNamespace(desired.externalSecret().namespace())
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

        /** The owner references after the write: this writer's owner added under Owner, removed otherwise. */
        private List<OwnerReference> references(State now) {
            List<OwnerReference> references = new ArrayList<>(now.ownerReferences);
            if (owner != null) {
                if (desired.target().creationPolicy() == CreationPolicy.OWNER) {
                    if (references.stream().noneMatch(r -> Boolean.TRUE.equals(r.getController()))) {
                        references.add(owner);
                    }
                } else {
                    references.removeIf(r -> Objects.equals(r.getUid(), owner.getUid()));
                }
            }
            return references;
        }

        private Secret newSecret(TargetSecretPlan.Contents contents) {
            Map<String, String> data = new TreeMap<>();
            contents.data()
                    .forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value)));
            SecretBuilder builder = new SecretBuilder()
                    .withNewMetadata()
                    .withName(desired.targetName())
                    .withNamespace(desired.externalSecret().namespace())
                    .withLabels(new TreeMap<>(contents.labels()))
                    .withAnnotations(new TreeMap<>(contents.annotations()))
                    .endMetadata()
                    .withType(contents.type())
                    .withData(data);
            if (contents.immutable()) {
                builder.withImmutable(true);
            }
            if (owner != null && desired.target().creationPolicy() == CreationPolicy.OWNER) {
                builder.editMetadata().withOwnerReferences(owner).endMetadata();
            }
            return builder.build();
        }

        MirrorResult done(Outcome outcome, TargetSecretPlan.Decision decision) {
            return done(outcome, decision.reason(), decision.message());
        }

        MirrorResult done(Outcome outcome, String reason, String message) {
            log.debug(
                    "ExternalSecret {}/{}: {} ({})",
                    desired.externalSecret().namespace(),
                    desired.externalSecret().name(),
                    outcome,
                    message);
            return new MirrorResult(
                    desired.externalSecret().namespace(),
                    desired.externalSecret().name(),
                    desired.targetName(),
                    outcome,
                    reason,
                    message,
                    writes,
                    null);
        }

        MirrorResult failed(String message, String detail, Throwable cause) {
            String text = "ExternalSecret " + desired.externalSecret() + ": " + message + " "
                    + desired.externalSecret().namespace() + "/" + desired.targetName() + ": " + detail;
            return failedWith(message, new SecretsException(text, cause));
        }

        MirrorResult failedWith(String message, SecretsException error) {
            log.warn(error.getMessage());
            return new MirrorResult(
                    desired.externalSecret().namespace(),
                    desired.externalSecret().name(),
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
                String secretId = desired.externalSecret().namespace() + "/" + desired.targetName();
                return failedWith(
                        message,
                        new KubernetesAccessDeniedException(
                                secretId,
                                verb,
                                "ExternalSecret " + desired.externalSecret() + ": "
                                        + message + " " + secretId + ": forbidden: the writer needs RBAC verb \""
                                        + verb + "\" on resource \"secrets\" in namespace \""
                                        + desired.externalSecret().namespace()
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

        /** A state of the plan's contents with {@code references}. */
        static State of(TargetSecretPlan.Contents contents, List<OwnerReference> references) {
            return new State(
                    new TreeMap<>(contents.data()),
                    contents.type(),
                    contents.immutable(),
                    new TreeMap<>(contents.labels()),
                    new TreeMap<>(contents.annotations()),
                    references);
        }

        /** This state as the plan reads it: controllers, and the data keys field manager {@code manager} owns. */
        TargetSecretPlan.Existing existing(String manager) {
            List<TargetSecretPlan.Controller> controllers = new ArrayList<>();
            for (OwnerReference reference : ownerReferences) {
                if (Boolean.TRUE.equals(reference.getController())) {
                    controllers.add(new TargetSecretPlan.Controller(
                            reference.getApiVersion(), reference.getKind(), reference.getName(), reference.getUid()));
                }
            }
            Set<String> keys = new TreeSet<>();
            for (ManagedFieldsEntry entry : managedFields) {
                if (manager.equals(entry.getManager()) && entry.getFieldsV1() != null) {
                    Object fields =
                            entry.getFieldsV1().getAdditionalProperties().get("f:data");
                    if (fields instanceof Map<?, ?> map) {
                        map.keySet().stream()
                                .map(String::valueOf)
                                .filter(f -> f.startsWith("f:"))
                                .forEach(f -> keys.add(f.substring(2)));
                    }
                }
            }
            return new TargetSecretPlan.Existing(
                    new TargetSecretPlan.Contents(data, type, immutable, labels, annotations), controllers, keys);
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
