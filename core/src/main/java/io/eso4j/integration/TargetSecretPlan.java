package io.eso4j.integration;

import io.eso4j.ResolvedSecret;
import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.DeletionPolicy;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Target;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What ESO's controller does with an ExternalSecret's target Secret, as pure decisions: skip, retain, create,
 * update, leave unchanged, delete, or refuse, with the Secret's content after the write and ESO's markers. No
 * Kubernetes client: the CLI renders {@link #contents(Desired)} and the Kubernetes writer turns a {@link Decision}
 * into API calls, so the rules exist once.
 *
 * <p>Ported from ESO's {@code pkg/controllers/externalsecret/externalsecret_controller.go} (creation and deletion
 * policies, ownership checks, immutable targets, merge of data) and {@code pkg/controllers/util} (markers, see
 * {@link EsoMarkers}). Reasons and messages are ESO's condition reasons and messages. Stateless and thread-safe.
 */
public final class TargetSecretPlan {

    /** eso4j's annotation, under Merge policies, listing the data keys this ExternalSecret wrote (comma-separated). */
    public static final String MANAGED_KEYS_ANNOTATION = "eso4j.io/managed-keys";

    /** ESO's condition reason of a synced (or deliberately unwritten) Secret. */
    public static final String SYNCED = "SecretSynced";

    /** ESO's condition reason of a failed sync. */
    public static final String SYNCED_ERROR = "SecretSyncedError";

    /** ESO's condition reason of a deleted Secret. */
    public static final String DELETED = "SecretDeleted";

    /** ESO's condition reason when a Merge target does not exist. */
    public static final String MISSING = "SecretMissing";

    private static final String OPAQUE = "Opaque";

    private TargetSecretPlan() {}

    /**
     * What an ExternalSecret wants its target Secret to hold.
     *
     * @param externalSecret the ExternalSecret, in the namespace its Secret is written to
     * @param targetName the Secret's name
     * @param data the resolved data
     * @param type the Secret's type
     * @param labels the template's labels (markers are added by the plan)
     * @param annotations the template's annotations (markers are added by the plan)
     * @param target the ExternalSecret's {@code spec.target} policies
     * @param providerReturnedData whether the provider returned any data (before the template): ESO's "no data"
     *     decision (retain or delete the target) is taken on this, not on {@code data}
     */
    public record Desired(
            ExternalSecretId externalSecret,
            String targetName,
            Map<String, byte[]> data,
            String type,
            Map<String, String> labels,
            Map<String, String> annotations,
            Target target,
            boolean providerReturnedData) {

        public Desired {
            Objects.requireNonNull(externalSecret, "externalSecret");
            Objects.requireNonNull(targetName, "targetName");
            data = copy(data);
            Objects.requireNonNull(type, "type");
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
            Objects.requireNonNull(target, "target");
        }

        /** A desired Secret whose provider data was empty exactly when {@code data} is (no template involved). */
        public Desired(
                ExternalSecretId externalSecret,
                String targetName,
                Map<String, byte[]> data,
                String type,
                Map<String, String> labels,
                Map<String, String> annotations,
                Target target) {
            this(externalSecret, targetName, data, type, labels, annotations, target, !data.isEmpty());
        }

        /**
         * The Secret of {@code resolved}, the result of {@code spec}.
         *
         * @param defaultNamespace the namespace when the ExternalSecret has none; may be empty
         * @throws IllegalArgumentException if {@code resolved} is not the result of {@code spec}
         */
        public static Desired of(ExternalSecret spec, ResolvedSecret resolved, String defaultNamespace) {
            if (!spec.name().equals(resolved.name()) || !spec.namespace().equals(resolved.namespace())) {
                throw new IllegalArgumentException(
                        "resolved secret " + resolved.id() + " does not belong to ExternalSecret " + spec.id());
            }
            return new Desired(
                    spec.id().inNamespaceIfNone(defaultNamespace),
                    resolved.targetName(),
                    resolved.data(),
                    resolved.type(),
                    resolved.labels(),
                    resolved.annotations(),
                    spec.target(),
                    resolved.providerReturnedData());
        }

        @Override
        public String toString() {
            return "Desired[" + externalSecret + " -> " + targetName + ", keys " + data.keySet() + ", values redacted]";
        }
    }

    /**
     * The parts of a Secret the plan compares and writes, data decoded. Equality compares data by content.
     *
     * @param data key to value bytes, sorted
     * @param type the Secret's type
     * @param immutable {@code immutable: true}
     * @param labels sorted
     * @param annotations sorted
     */
    public record Contents(
            Map<String, byte[]> data,
            String type,
            boolean immutable,
            Map<String, String> labels,
            Map<String, String> annotations) {

        public Contents {
            data = copy(data);
            Objects.requireNonNull(type, "type");
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
            annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
        }

        /** Whether data and type are the same as {@code other}'s (metadata aside). */
        public boolean sameContent(Contents other) {
            return sameData(data, other.data) && type.equals(other.type);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Contents that
                    && sameContent(that)
                    && immutable == that.immutable
                    && labels.equals(that.labels)
                    && annotations.equals(that.annotations);
        }

        @Override
        public int hashCode() {
            return Objects.hash(data.keySet(), type, immutable, labels, annotations);
        }

        @Override
        public String toString() {
            return "Contents[keys " + data.keySet() + ", type " + type + ", values redacted]";
        }
    }

    /**
     * A controller owner reference of an existing Secret.
     *
     * @param apiVersion the owner's {@code apiVersion}
     * @param kind the owner's kind
     * @param name the owner's name
     * @param uid the owner's uid
     */
    public record Controller(String apiVersion, String kind, String name, String uid) {}

    /**
     * The target Secret as read.
     *
     * @param contents its data, type, immutability and metadata
     * @param controllers its owner references with {@code controller: true}
     * @param fieldManagerKeys the data keys the ExternalSecret's field manager owns in {@code managedFields}
     */
    public record Existing(Contents contents, List<Controller> controllers, Set<String> fieldManagerKeys) {

        public Existing {
            Objects.requireNonNull(contents, "contents");
            controllers = List.copyOf(controllers);
            fieldManagerKeys = Set.copyOf(fieldManagerKeys);
        }
    }

    /** What to do with the target Secret. */
    public enum Action {
        /** Write nothing ({@code creationPolicy: None}, or {@code Merge} without a Secret). */
        SKIP,
        /** Write nothing: no data and {@code deletionPolicy: Retain}. */
        RETAIN,
        /** Create the Secret with {@link Decision#contents()}. */
        CREATE,
        /** Change the Secret to {@link Decision#contents()}. */
        UPDATE,
        /** The Secret already holds what it should. */
        UNCHANGED,
        /** Delete the Secret (when it exists): no data and {@code deletionPolicy: Delete}. */
        DELETE,
        /**
         * Do not write: the ExternalSecret may not write this Secret, or it is immutable and its data would change;
         * for an immutable Secret, {@link Decision#contents()} is the metadata-only change to make anyway, if any.
         */
        REFUSE
    }

    /**
     * One decision.
     *
     * @param action what to do
     * @param reason ESO's condition reason
     * @param message ESO's condition message
     * @param detail for {@link Action#REFUSE}, why; else {@code null}
     * @param contents what the Secret holds after the write, or {@code null} when nothing is written
     */
    public record Decision(Action action, String reason, String message, String detail, Contents contents) {

        static Decision of(Action action, String reason, String message) {
            return new Decision(action, reason, message, null, null);
        }

        static Decision refuse(String message, String detail) {
            return new Decision(Action.REFUSE, SYNCED_ERROR, message, detail, null);
        }
    }

    /**
     * The decision that needs no read of the target Secret, if there is one: {@code creationPolicy: None}, and no
     * data under {@code Retain}, or under {@code Delete} when the ExternalSecret does not own the Secret.
     */
    public static Decision withoutReading(Desired desired) {
        CreationPolicy creation = desired.target().creationPolicy();
        DeletionPolicy deletion = desired.target().deletionPolicy();
        if (creation == CreationPolicy.NONE) {
            return Decision.of(Action.SKIP, SYNCED, "secret will not be written due to CreationPolicy=None");
        }
        // ESO's controller: "if no data was found" is len(dataMap) == 0, the provider's data before the template
        boolean gone = !desired.providerReturnedData();
        if (gone && deletion == DeletionPolicy.RETAIN) {
            return Decision.of(Action.RETAIN, SYNCED, "secret retained due to DeletionPolicy=Retain");
        }
        if (gone && deletion == DeletionPolicy.DELETE && creation != CreationPolicy.OWNER) {
            return Decision.refuse(
                    "could not delete secret",
                    "unable to delete secret: creationPolicy=" + creation.specName() + " is not Owner");
        }
        if (gone && deletion == DeletionPolicy.DELETE) {
            return Decision.of(Action.DELETE, DELETED, "secret deleted due to DeletionPolicy=Delete");
        }
        return null;
    }

    /**
     * The decision for {@code current}, the target Secret as read.
     *
     * @param current {@code null} when there is no such Secret
     * @param selfUid the uid of the owner the writer itself sets under {@code Owner} (never refused as a foreign
     *     controller), or {@code null}
     */
    public static Decision decide(Desired desired, Existing current, String selfUid) {
        Decision early = withoutReading(desired);
        if (early != null && early.action() != Action.DELETE) {
            return early;
        }
        if (current != null) {
            Decision refused = ownership(desired, current, selfUid);
            if (refused != null) {
                return refused;
            }
        }
        if (early != null) {
            return early; // delete, whether or not the Secret is still there
        }
        if (current == null) {
            if (desired.target().creationPolicy() == CreationPolicy.MERGE) {
                return Decision.of(Action.SKIP, MISSING, "secret will not be created due to CreationPolicy=Merge");
            }
            return new Decision(Action.CREATE, SYNCED, "secret synced", null, contents(desired, true));
        }
        Contents now = current.contents();
        Contents wanted = wanted(desired, current);
        if (now.immutable() && !wanted.sameContent(now)) {
            Map<String, String> annotations = new TreeMap<>(wanted.annotations());
            copyOrRemove(now.annotations(), annotations, EsoMarkers.DATA_HASH_ANNOTATION);
            copyOrRemove(now.annotations(), annotations, MANAGED_KEYS_ANNOTATION);
            Contents metadataOnly = new Contents(now.data(), now.type(), true, wanted.labels(), annotations);
            return new Decision(
                    Action.REFUSE,
                    SYNCED_ERROR,
                    "could not update secret, target is immutable",
                    "the Secret is immutable and its data or type would change; only metadata was updated",
                    metadataOnly);
        }
        return wanted.equals(now)
                ? new Decision(Action.UNCHANGED, SYNCED, "secret synced", null, now)
                : new Decision(Action.UPDATE, SYNCED, "secret synced", null, wanted);
    }

    /**
     * The Secret ESO creates for {@code desired}: its data, type and metadata plus ESO's markers (without eso4j's
     * {@link #MANAGED_KEYS_ANNOTATION}, which only the writer adds, as bookkeeping).
     */
    public static Contents contents(Desired desired) {
        return contents(desired, false);
    }

    private static Contents contents(Desired desired, boolean bookkeeping) {
        return new Contents(
                desired.data(),
                desired.type(),
                desired.target().immutable(),
                markerLabels(desired, Map.of()),
                markerAnnotations(desired, desired.data(), Map.of(), bookkeeping));
    }

    /** Whether {@code creation} merges into a Secret ESO does not own ({@code Merge}, {@code CreateOrMerge}). */
    public static boolean isMerging(CreationPolicy creation) {
        return creation == CreationPolicy.MERGE || creation == CreationPolicy.CREATE_OR_MERGE;
    }

    /** The state ESO's controller would leave {@code current} in. */
    private static Contents wanted(Desired desired, Existing current) {
        Contents now = current.contents();
        boolean merging = isMerging(desired.target().creationPolicy());
        Map<String, byte[]> data = new TreeMap<>();
        if (merging) {
            data.putAll(now.data());
            managedKeys(current).forEach(data::remove);
        }
        data.putAll(desired.data());
        Map<String, String> annotations = markerAnnotations(desired, data, now.annotations(), true);
        if (!merging) {
            annotations.remove(MANAGED_KEYS_ANNOTATION);
        }
        String type = merging && OPAQUE.equals(desired.type()) ? now.type() : desired.type();
        return new Contents(
                data,
                type,
                desired.target().immutable() || now.immutable(),
                markerLabels(desired, now.labels()),
                annotations);
    }

    private static Map<String, String> markerLabels(Desired desired, Map<String, String> base) {
        Map<String, String> labels = new TreeMap<>(base);
        labels.putAll(desired.labels());
        labels.put(EsoMarkers.MANAGED_LABEL, "true");
        if (desired.target().creationPolicy() == CreationPolicy.OWNER) {
            labels.put(EsoMarkers.CREATED_BY_LABEL, createdBy(desired));
        }
        return labels;
    }

    private static Map<String, String> markerAnnotations(
            Desired desired, Map<String, byte[]> data, Map<String, String> base, boolean bookkeeping) {
        Map<String, String> annotations = new TreeMap<>(base);
        annotations.putAll(desired.annotations());
        annotations.put(EsoMarkers.DATA_HASH_ANNOTATION, EsoMarkers.dataHash(data));
        if (bookkeeping && isMerging(desired.target().creationPolicy())) {
            annotations.put(
                    MANAGED_KEYS_ANNOTATION,
                    String.join(",", new TreeSet<>(desired.data().keySet())));
        }
        return annotations;
    }

    private static String createdBy(Desired desired) {
        return EsoMarkers.createdBy(
                desired.externalSecret().namespace(), desired.externalSecret().name());
    }

    /** The data keys this ExternalSecret wrote before: its field manager's keys plus eso4j's annotation. */
    private static Set<String> managedKeys(Existing current) {
        Set<String> keys = new TreeSet<>(current.fieldManagerKeys());
        String listed = current.contents().annotations().get(MANAGED_KEYS_ANNOTATION);
        if (listed != null && !listed.isEmpty()) {
            keys.addAll(Arrays.asList(listed.split(",")));
        }
        return keys;
    }

    /** Null when this ExternalSecret may write {@code current}, else the refusal. */
    private static Decision ownership(Desired desired, Existing current, String selfUid) {
        CreationPolicy creation = desired.target().creationPolicy();
        for (Controller controller : current.controllers()) {
            boolean externalSecret = "ExternalSecret".equals(controller.kind())
                    && String.valueOf(controller.apiVersion()).startsWith("external-secrets.io/");
            if (externalSecret) {
                if (!desired.externalSecret().name().equals(controller.name())) {
                    return Decision.refuse(
                            "target is owned by another ExternalSecret",
                            "it is controlled by ExternalSecret " + controller.name());
                }
            } else if (selfUid == null || !selfUid.equals(controller.uid())) {
                if (creation == CreationPolicy.OWNER || creation == CreationPolicy.ORPHAN) {
                    return Decision.refuse(
                            "failed to take ownership of target secret",
                            "it is controlled by " + controller.kind() + " " + controller.name());
                }
            }
        }
        String createdBy = current.contents().labels().get(EsoMarkers.CREATED_BY_LABEL);
        if (createdBy != null && !createdBy.equals(createdBy(desired)) && creation == CreationPolicy.OWNER) {
            return Decision.refuse(
                    "target is owned by another ExternalSecret",
                    "its " + EsoMarkers.CREATED_BY_LABEL + " label names another ExternalSecret");
        }
        return null;
    }

    private static void copyOrRemove(Map<String, String> from, Map<String, String> to, String key) {
        if (from.containsKey(key)) {
            to.put(key, from.get(key));
        } else {
            to.remove(key);
        }
    }

    private static Map<String, byte[]> copy(Map<String, byte[]> data) {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        data.forEach((key, value) -> copy.put(key, value.clone()));
        return Collections.unmodifiableMap(copy);
    }

    private static boolean sameData(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
    }
}
