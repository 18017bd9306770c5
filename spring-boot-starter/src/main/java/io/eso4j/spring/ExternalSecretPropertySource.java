package io.eso4j.spring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The target data of one ExternalSecret as properties: each key (behind the import's prefix) is a property name,
 * its value the UTF-8 text. Reads the {@link ExternalSecrets}' current snapshot on every call, so {@code
 * Environment.getProperty} sees each refresh without a restart; while the ExternalSecret has no value (an {@code
 * optional:} import that failed) it has no properties. Named {@code eso:<namespace/>name}; {@code /actuator/env}
 * masks every value of a property source so named.
 *
 * <p>Thread-safe: the derived property map is rebuilt once per new snapshot and published atomically.
 */
public final class ExternalSecretPropertySource extends EnumerablePropertySource<ExternalSecrets> {

    /** The name prefix of every eso4j property source. */
    public static final String NAME_PREFIX = "eso:";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final String externalSecret;
    private final String prefix;
    private final boolean flattenJson;
    private volatile View view = new View(null, Map.of());

    private record View(ResolvedSecret secret, Map<String, Object> properties) {}

    ExternalSecretPropertySource(
            ExternalSecrets secrets, String namespace, String externalSecret, String prefix, boolean flattenJson) {
        super(NAME_PREFIX + (namespace.isEmpty() ? "" : namespace + "/") + externalSecret, secrets);
        this.namespace = namespace;
        this.externalSecret = externalSecret;
        this.prefix = prefix;
        this.flattenJson = flattenJson;
    }

    /** The ExternalSecret, {@code namespace/name} or {@code name}, as events and health name it. */
    public String externalSecret() {
        return namespace.isEmpty() ? externalSecret : namespace + "/" + externalSecret;
    }

    /** The prefix in front of every key. */
    public String prefix() {
        return prefix;
    }

    /** The ExternalSecret's current value, empty while it has none. */
    public Optional<ResolvedSecret> current() {
        try {
            return Optional.of(source.get(namespace, externalSecret));
        } catch (NoSuchElementException e) {
            return Optional.empty();
        }
    }

    @Override
    public Object getProperty(String name) {
        return properties().get(name);
    }

    @Override
    public boolean containsProperty(String name) {
        return properties().containsKey(name);
    }

    @Override
    public String[] getPropertyNames() {
        return properties().keySet().toArray(String[]::new);
    }

    /**
     * The property names that {@code key} of the target data gives now: the key with the prefix and, flattened, its
     * leaves ({@code db.host}, {@code db.hosts[0]}).
     */
    Set<String> propertyNames(String key) {
        String name = prefix + key;
        Set<String> names = new LinkedHashSet<>();
        names.add(name);
        for (String property : properties().keySet()) {
            if (property.startsWith(name + ".") || property.startsWith(name + "[")) {
                names.add(property);
            }
        }
        return names;
    }

    private Map<String, Object> properties() {
        ResolvedSecret secret = current().orElse(null);
        View seen = view;
        if (seen.secret() == secret) {
            return seen.properties();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        if (secret != null) {
            for (String key : secret.keys()) {
                String value = secret.string(key).orElse("");
                properties.put(prefix + key, value);
                if (flattenJson) {
                    flatten(prefix + key, value, properties);
                }
            }
        }
        Map<String, Object> published = Map.copyOf(properties);
        view = new View(secret, published);
        return published;
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
