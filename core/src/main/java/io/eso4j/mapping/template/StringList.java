package io.eso4j.mapping.template;

import java.util.AbstractList;
import java.util.List;

/** A Go {@code []string} value ({@code splitList}, {@code keys}); other lists are {@code []interface {}}. Immutable. */
final class StringList extends AbstractList<Object> {

    private final List<String> items;

    StringList(List<String> items) {
        this.items = List.copyOf(items);
    }

    @Override
    public Object get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public String toString() {
        return "StringList[" + items.size() + " items]";
    }
}
