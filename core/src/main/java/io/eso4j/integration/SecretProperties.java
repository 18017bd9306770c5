package io.eso4j.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.ResolvedSecret;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The target data of one ExternalSecret as configuration properties: each key, behind a prefix, is a property whose
 * value is the key's UTF-8 text; with flattening, a value that is a JSON object also gives one property per leaf
 * ({@code db.host}, {@code db.hosts[0]}; the raw key wins over a leaf of the same name). Stateless, thread-safe.
 */
public final class SecretProperties {

    private static final ObjectMapper JSON = new ObjectMapper();

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
            JsonNode node = JSON.readTree(trimmed);
            if (node.isObject()) {
                leaves(name, node, into);
            }
        } catch (JsonProcessingException e) {
            // not JSON after all: the raw value stays the only property
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
