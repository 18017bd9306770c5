package io.eso4j.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, path-aware reads of one YAML mapping. Every read marks its field as known; {@link #finish()} warns about
 * the rest ({@code unknown field}). Wrong types, bad enum values and bad durations become problems and read as
 * absent, so the loader goes on and reports everything at once. {@code null} values read as absent, as in
 * Kubernetes. Not thread-safe; one per mapping.
 */
final class Fields {

    private final JsonNode node;
    private final String path;
    private final Problems.Sink sink;
    private final Set<String> known = new HashSet<>();

    private Fields(JsonNode node, String path, Problems.Sink sink) {
        this.node = node;
        this.path = path;
        this.sink = sink;
    }

    /** The mapping at {@code node}, or {@code null} (with a problem) when it is not a mapping. */
    static Fields of(JsonNode node, String path, Problems.Sink sink) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            sink.error(path, "must be a map, not " + typeName(node));
            return null;
        }
        return new Fields(node, path, sink);
    }

    String path() {
        return path;
    }

    String pathOf(String field) {
        return Paths.field(path, field);
    }

    /** The field names of the mapping, in the manifest's order. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    boolean has(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    JsonNode raw(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    String string(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            sink.error(pathOf(field), "must be a string, not " + typeName(value));
            return null;
        }
        return value.textValue();
    }

    boolean bool(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            sink.error(pathOf(field), "must be a boolean, not " + typeName(value));
            return false;
        }
        return value.booleanValue();
    }

    Integer integer(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            sink.error(pathOf(field), "must be a 32-bit integer, not " + typeName(value));
            return null;
        }
        return value.intValue();
    }

    Fields object(String field) {
        return of(raw(field), pathOf(field), sink);
    }

    /** Every element of the list {@code field} as a mapping; elements that are not mappings are problems. */
    List<Fields> objects(String field) {
        List<Fields> result = new ArrayList<>();
        JsonNode list = list(field);
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode element = list.get(i);
                String elementPath = Paths.index(pathOf(field), i);
                if (element.isNull()) {
                    sink.error(elementPath, "must be a map, not null");
                    result.add(null);
                } else {
                    result.add(of(element, elementPath, sink));
                }
            }
        }
        return result;
    }

    List<String> strings(String field) {
        List<String> result = new ArrayList<>();
        JsonNode list = list(field);
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode element = list.get(i);
                if (!element.isTextual()) {
                    sink.error(Paths.index(pathOf(field), i), "must be a string, not " + typeName(element));
                } else {
                    result.add(element.textValue());
                }
            }
        }
        return result;
    }

    private JsonNode list(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            sink.error(pathOf(field), "must be a list, not " + typeName(value));
            return null;
        }
        return value;
    }

    /** A string-to-string map such as labels or tags, in the manifest's order. */
    Map<String, String> stringMap(String field) {
        Map<String, String> result = new LinkedHashMap<>();
        JsonNode value = raw(field);
        if (value == null) {
            return result;
        }
        if (!value.isObject()) {
            sink.error(pathOf(field), "must be a map, not " + typeName(value));
            return result;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                sink.error(
                        Paths.field(pathOf(field), entry.getKey()),
                        "must be a string, not " + typeName(entry.getValue()));
            } else {
                result.put(entry.getKey(), entry.getValue().textValue());
            }
        }
        return result;
    }

    <E extends Enum<E> & SpecEnum> E enumValue(String field, Class<E> type) {
        String value = string(field);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return SpecEnum.parse(type, value);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (DecodingStrategy.class.equals(type)) {
                // ESO's runtime wording, which users (and the conformance vectors) search for.
                message = "decoding strategy " + (value.length() > 80 ? value.substring(0, 80) + "…" : value)
                        + " is not supported, "
                        + message.substring(message.indexOf("expected"));
            }
            sink.error(pathOf(field), message);
            return null;
        }
    }

    /** A Go duration string; a negative one reads as zero, with a warning, as ESO treats it. */
    Duration duration(String field) {
        String value = string(field);
        if (value == null) {
            return null;
        }
        try {
            Duration duration = GoDuration.parse(value);
            if (duration.isNegative()) {
                sink.warn(pathOf(field), "negative duration treated as 0, as ESO does");
                return Duration.ZERO;
            }
            return duration;
        } catch (IllegalArgumentException e) {
            sink.error(pathOf(field), e.getMessage());
            return null;
        }
    }

    /** Marks {@code field} as known and warns, when it is present, that eso4j ignores it. */
    void ignored(String field, String why) {
        if (has(field)) {
            sink.warn(pathOf(field), "ignored by eso4j: " + why);
        }
    }

    /** Marks {@code field} as known and reports it, when present, as a feature eso4j does not have. */
    void unsupported(String field, String why) {
        if (has(field)) {
            sink.error(pathOf(field), "not supported (yet): " + why);
        }
    }

    /** Marks {@code fieldNames} as known without reading them (Kubernetes bookkeeping). */
    void accept(String... fieldNames) {
        known.addAll(List.of(fieldNames));
    }

    /** Warns about every field that no read asked for. */
    void finish() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                sink.warn(pathOf(name), "unknown field");
            }
        }
    }

    static String typeName(JsonNode node) {
        switch (node.getNodeType()) {
            case ARRAY:
                return "a list";
            case OBJECT:
                return "a map";
            case BOOLEAN:
                return "a boolean";
            case NUMBER:
                return "a number";
            case STRING:
                return "a string";
            case NULL:
                return "null";
            default:
                return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
