package io.eso4j.mapping;

import io.eso4j.mapping.template.GoStrings;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Secret an ExternalSecret maps to: data, type, labels and annotations.
 *
 * <p>{@code data} is sorted by key in code point order (Go's byte order, as Kubernetes and ESO's data-hash see
 * it). The arrays are copied in; {@link #value(String)} hands out copies, while {@link #data()} exposes the stored
 * arrays, which callers must not modify. Equality compares the bytes. {@link #toString()} shows keys only, never
 * values (labels and annotations can be rendered from secrets, so their values are not shown either).
 * Immutable and thread-safe.
 *
 * @param data target key to value bytes
 * @param type the Secret type: {@code target.template.type}, or {@code Opaque} when unset
 * @param labels with a template: the rendered {@code template.metadata.labels}; without: the ExternalSecret's own
 * @param annotations as {@code labels}, for annotations
 * @param providerReturnedData whether {@code data} and {@code dataFrom} produced any key before the template: ESO
 *     takes its "no data" decision (delete or retain the target) on this, not on the rendered data, so a template
 *     that renders only labels still writes the Secret ({@code pkg/controllers/externalsecret/
 *     externalsecret_controller.go}, {@code len(dataMap) == 0})
 */
public record MappedSecret(
        Map<String, byte[]> data,
        String type,
        Map<String, String> labels,
        Map<String, String> annotations,
        boolean providerReturnedData) {

    /** The Secret type Kubernetes gives a Secret created without one. */
    public static final String OPAQUE = "Opaque";

    public MappedSecret {
        TreeMap<String, byte[]> copy = new TreeMap<>(GoStrings.KEY_ORDER);
        data.forEach((k, v) -> copy.put(Objects.requireNonNull(k), v.clone()));
        data = Collections.unmodifiableSortedMap(copy);
        type = type == null || type.isEmpty() ? OPAQUE : type;
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    /** A mapped secret whose provider data was empty exactly when {@code data} is (no template involved). */
    public MappedSecret(
            Map<String, byte[]> data, String type, Map<String, String> labels, Map<String, String> annotations) {
        this(data, type, labels, annotations, !data.isEmpty());
    }

    /** A copy of the value of {@code key}, or {@code null} when absent. */
    public byte[] value(String key) {
        byte[] value = data.get(key);
        return value == null ? null : value.clone();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof MappedSecret)) {
            return false;
        }
        MappedSecret that = (MappedSecret) other;
        if (!type.equals(that.type)
                || providerReturnedData != that.providerReturnedData
                || !labels.equals(that.labels)
                || !annotations.equals(that.annotations)
                || !data.keySet().equals(that.data.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : data.entrySet()) {
            if (!Arrays.equals(e.getValue(), that.data.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(type, labels, annotations, providerReturnedData);
        for (Map.Entry<String, byte[]> e : data.entrySet()) {
            hash = 31 * hash + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
        }
        return hash;
    }

    @Override
    public String toString() {
        return "MappedSecret[type=" + type + ", keys=" + data.keySet() + ", labels=" + labels.keySet()
                + ", annotations=" + annotations.keySet() + "]";
    }
}
