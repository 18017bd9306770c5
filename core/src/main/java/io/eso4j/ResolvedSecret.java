package io.eso4j;

import io.eso4j.spec.ExternalSecretId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Secret an ExternalSecret resolved to: its data (key to bytes, as a Kubernetes Secret holds them), type,
 * labels and annotations. An immutable snapshot; {@link #toString()} lists key names, never values.
 */
public final class ResolvedSecret {

    private final String name;
    private final String namespace;
    private final String targetName;
    private final Map<String, byte[]> data;
    /**
     * The values decoded as UTF-8 once, so {@link #string} allocates nothing on the read path; used for lookups only
     * and never handed out, so a hash map (the sorted {@link #data} serves iteration).
     */
    private final HashMap<String, String> strings;

    private final String type;
    private final Map<String, String> labels;
    private final Map<String, String> annotations;
    private final Map<String, String> versions;
    private final Instant fetchedAt;
    private final boolean providerReturnedData;

    /**
     * A resolved secret, as eso4j's engine builds it; public for tests of code that consumes them. Copies every map
     * (and each value array). Whether the provider returned data is taken from {@code data} being non-empty.
     *
     * @param versions remote secret key to the version id the data came from
     * @param fetchedAt when the data was fetched
     */
    public ResolvedSecret(
            String name,
            String namespace,
            String targetName,
            Map<String, byte[]> data,
            String type,
            Map<String, String> labels,
            Map<String, String> annotations,
            Map<String, String> versions,
            Instant fetchedAt) {
        this(name, namespace, targetName, data, type, labels, annotations, versions, fetchedAt, !data.isEmpty());
    }

    /**
     * A resolved secret, as eso4j's engine builds it. Copies every map (and each value array).
     *
     * @param versions remote secret key to the version id the data came from
     * @param fetchedAt when the data was fetched
     * @param providerReturnedData whether the provider returned any data (ESO's "no data" decision is taken on it,
     *     not on the rendered Secret)
     */
    public ResolvedSecret(
            String name,
            String namespace,
            String targetName,
            Map<String, byte[]> data,
            String type,
            Map<String, String> labels,
            Map<String, String> annotations,
            Map<String, String> versions,
            Instant fetchedAt,
            boolean providerReturnedData) {
        this.providerReturnedData = providerReturnedData;
        this.name = Objects.requireNonNull(name, "name");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.targetName = Objects.requireNonNull(targetName, "targetName");
        TreeMap<String, byte[]> copy = new TreeMap<>();
        data.forEach((key, value) -> copy.put(key, value.clone()));
        this.data = Collections.unmodifiableMap(copy);
        // The hot read path (string(key)) hashes once instead of comparing its way down a sorted map.
        HashMap<String, String> decoded = new HashMap<>(copy.size() * 4 / 3 + 1);
        copy.forEach((key, value) -> decoded.put(key, new String(value, StandardCharsets.UTF_8)));
        this.strings = decoded;
        this.type = Objects.requireNonNull(type, "type");
        this.labels = Map.copyOf(labels);
        this.annotations = Map.copyOf(annotations);
        this.versions = Collections.unmodifiableMap(new TreeMap<>(versions));
        this.fetchedAt = Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /** The ExternalSecret's name. */
    public String name() {
        return name;
    }

    /** The ExternalSecret's namespace and name. */
    public ExternalSecretId id() {
        return ExternalSecretId.of(namespace, name);
    }

    /** The ExternalSecret's namespace; empty when its manifest had none. */
    public String namespace() {
        return namespace;
    }

    /** The name of the Secret ESO would write ({@code spec.target.name}, else the ExternalSecret's name). */
    public String targetName() {
        return targetName;
    }

    /** The data keys, sorted. */
    public java.util.Set<String> keys() {
        return data.keySet();
    }

    /** A copy of the bytes under {@code key}, if present. */
    public Optional<byte[]> bytes(String key) {
        byte[] value = data.get(key);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    /** The value under {@code key} decoded as UTF-8 (decoded once, when the snapshot was made), if present. */
    public Optional<String> string(String key) {
        return Optional.ofNullable(strings.get(key));
    }

    /**
     * The value under {@code key} decoded as UTF-8, or {@code fallback} (which may be {@code null}) when absent. One
     * map lookup and no {@link Optional}: the allocation-free form for hot read paths.
     */
    public String string(String key, String fallback) {
        String value = strings.get(key);
        return value == null ? fallback : value;
    }

    /** A copy of all data, sorted by key. */
    public Map<String, byte[]> data() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        data.forEach((key, value) -> copy.put(key, value.clone()));
        return copy;
    }

    /** The Secret type: the template's {@code type}, else {@code Opaque}. */
    public String type() {
        return type;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public Map<String, String> annotations() {
        return annotations;
    }

    /**
     * The AWS {@code VersionId} of each remote secret version this data came from: keyed by the remote key as the
     * spec names it (without the store prefix), suffixed with {@code @<version>} when the spec pins a version other
     * than {@code AWSCURRENT}; secrets found by {@code dataFrom.find} are keyed by their full name. Sorted.
     */
    public Map<String, String> versions() {
        return versions;
    }

    /** When the remote data behind this value was fetched (the refresh that first produced this data). */
    public Instant fetchedAt() {
        return fetchedAt;
    }

    /**
     * Whether the provider returned any data for this ExternalSecret ({@code data} and {@code dataFrom}, before the
     * template). ESO decides to delete or retain the target Secret on this, not on the rendered data: a template
     * that renders only labels still writes the Secret, and one that renders fixed data from no provider data does
     * not.
     */
    public boolean providerReturnedData() {
        return providerReturnedData;
    }

    /** Whether {@code other} holds the same data, type, labels and annotations (versions and times aside). */
    public boolean sameContent(ResolvedSecret other) {
        if (!type.equals(other.type)
                || providerReturnedData != other.providerReturnedData
                || !labels.equals(other.labels)
                || !annotations.equals(other.annotations)
                || !data.keySet().equals(other.data.keySet())) {
            return false;
        }
        return changedKeys(other).isEmpty();
    }

    /** The keys whose value differs between this and {@code previous}, including added and removed keys. */
    public java.util.Set<String> changedKeys(ResolvedSecret previous) {
        java.util.Set<String> changed = new java.util.TreeSet<>();
        data.forEach((key, value) -> {
            byte[] before = previous.data.get(key);
            if (before == null || !java.util.Arrays.equals(before, value)) {
                changed.add(key);
            }
        });
        previous.data.keySet().stream().filter(key -> !data.containsKey(key)).forEach(changed::add);
        return changed;
    }

    @Override
    public String toString() {
        return "ResolvedSecret[" + id() + " -> " + targetName + ", type " + type + ", keys " + data.keySet()
                + ", values redacted]";
    }
}
