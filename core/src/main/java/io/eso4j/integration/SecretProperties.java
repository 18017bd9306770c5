package io.eso4j.integration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eso4j.ResolvedSecret;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The target data of one ExternalSecret as configuration properties: each key, behind a prefix, is a property whose
 * value is the key's UTF-8 text; with flattening, a value that is a JSON object also gives one property per leaf
 * ({@code db.host}, {@code db.hosts[0]}; the raw key wins over a leaf of the same name). Stateless, thread-safe.
 *
 * <p>The JSON is read with Jackson's streaming parser into a tree, the tree {@code ObjectMapper.readTree} would give
 * (same node types and numbers, duplicate members last-wins, text after the first value ignored), without {@code
 * ObjectMapper}: that is about 300 classes in a cold JVM, loaded before the first property could be read.
 */
public final class SecretProperties {

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SecretProperties() {}

    /** The properties of {@code secret}, in key order; empty for {@code null} (no value). Immutable. */
    public static Map<String, Object> of(ResolvedSecret secret, String prefix, boolean flattenJson) {
        return of(secret, prefix, flattenJson, UnaryOperator.identity());
    }

    /**
     * The properties of {@code secret} as {@link #of(ResolvedSecret, String, boolean)} gives them, with each key
     * named by {@code naming} (for example {@link ShortForm#springCloudAwsPropertyName}) before the prefix.
     */
    public static Map<String, Object> of(
            ResolvedSecret secret, String prefix, boolean flattenJson, UnaryOperator<String> naming) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (secret != null) {
            for (String key : secret.keys()) {
                String value = secret.string(key).orElse("");
                String name = prefix + naming.apply(key);
                properties.put(name, value);
                if (flattenJson) {
                    flatten(name, value, properties);
                }
            }
        }
        return Collections.unmodifiableMap(properties);
    }

    /**
     * The property names that a change of {@code key} touches among {@code propertyNames}: the key behind the prefix
     * and its flattened leaves.
     */
    public static Set<String> namesOf(String key, String prefix, Collection<String> propertyNames) {
        return namesOf(key, prefix, UnaryOperator.identity(), propertyNames);
    }

    /** As {@link #namesOf(String, String, Collection)}, with keys named by {@code naming}. */
    public static Set<String> namesOf(
            String key, String prefix, UnaryOperator<String> naming, Collection<String> propertyNames) {
        String name = prefix + naming.apply(key);
        Set<String> names = new LinkedHashSet<>();
        names.add(name);
        for (String property : propertyNames) {
            if (property.startsWith(name + ".") || property.startsWith(name + "[")) {
                names.add(property);
            }
        }
        return names;
    }

    private static void flatten(String name, String value, Map<String, Object> into) {
        String trimmed = value.trim();
        if (!trimmed.startsWith("{")) {
            return;
        }
        try {
            JsonNode node = readTree(trimmed);
            if (node.isObject()) {
                leaves(name, node, into);
            }
        } catch (IOException e) {
            // not JSON after all: the raw value stays the only property
        }
    }

    /**
     * The first JSON value of {@code text} as a tree, built without recursion (the parser's nesting limit bounds the
     * stack): numbers as {@code readTree} types them (int, long or big integer; double for any fraction or exponent).
     */
    static JsonNode readTree(String text) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            Deque<ContainerNode<?>> open = new ArrayDeque<>();
            String name = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                JsonNode node;
                switch (token) {
                    case FIELD_NAME -> {
                        name = parser.currentName();
                        continue;
                    }
                    case START_OBJECT, START_ARRAY -> {
                        ContainerNode<?> container =
                                token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
                        add(open.peek(), name, container);
                        open.push(container);
                        name = null;
                        continue;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        ContainerNode<?> done = open.pop();
                        if (open.isEmpty()) {
                            return done;
                        }
                        name = null;
                        continue;
                    }
                    case VALUE_STRING -> node = NODES.textNode(parser.getText());
                    case VALUE_NUMBER_INT ->
                        node = switch (parser.getNumberType()) {
                            case INT -> NODES.numberNode(parser.getIntValue());
                            case LONG -> NODES.numberNode(parser.getLongValue());
                            default -> NODES.numberNode(parser.getBigIntegerValue());
                        };
                    case VALUE_NUMBER_FLOAT -> node = NODES.numberNode(parser.getDoubleValue());
                    case VALUE_TRUE -> node = NODES.booleanNode(true);
                    case VALUE_FALSE -> node = NODES.booleanNode(false);
                    case VALUE_NULL -> node = NODES.nullNode();
                    default -> throw new IOException("unexpected JSON token " + token);
                }
                if (open.isEmpty()) {
                    return node;
                }
                add(open.peek(), name, node);
                name = null;
            }
            throw new IOException("end of input inside a JSON value");
        }
    }

    private static void add(ContainerNode<?> parent, String name, JsonNode child) {
        if (parent instanceof ObjectNode object) {
            object.replace(name, child); // a duplicate member replaces the earlier one in place, as readTree does
        } else if (parent != null) {
            ((ArrayNode) parent).add(child);
        }
    }

    private static void leaves(String name, JsonNode node, Map<String, Object> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                leaves(name + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(name + "[" + i + "]", node.get(i), into);
            }
        } else if (!node.isNull()) {
            into.putIfAbsent(name, node.asText());
        }
    }
}
