package io.eso4j.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-tolerant copies used by the compact constructors of the spec records. */
final class Specs {

    private Specs() {}

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** An unmodifiable copy that keeps the manifest's order (labels, tags and templates print in it). */
    static <V> Map<String, V> map(Map<String, V> values) {
        return values == null || values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static String text(String value) {
        return value == null ? "" : value;
    }
}
