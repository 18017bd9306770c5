package io.eso4j.mapping.template;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Go map with string keys as a template value: {@code map[string]string} (the data context, {@code split}) or
 * {@code map[string]interface {}} ({@code dict}, {@code fromJson}). Keys iterate in Go's sorted order. A {@code map[string]string} is immutable; a
 * {@code map[string]interface {}} is mutable, as Sprig's {@code set} and {@code unset} change it in place (Go maps are
 * references).
 */
record GoMap(SortedMap<String, Object> entries, boolean stringValued) {

    GoMap {
        SortedMap<String, Object> copy = new TreeMap<>(GoStrings.KEY_ORDER);
        copy.putAll(entries);
        entries = stringValued ? Collections.unmodifiableSortedMap(copy) : copy;
    }

    static GoMap of(Map<String, ?> entries, boolean stringValued) {
        SortedMap<String, Object> copy = new TreeMap<>(GoStrings.KEY_ORDER);
        copy.putAll(entries);
        return new GoMap(copy, stringValued);
    }

    String typeName() {
        return stringValued ? "map[string]string" : "map[string]interface {}";
    }

    @Override
    public String toString() {
        return "GoMap[" + entries.size() + " entries]";
    }
}
