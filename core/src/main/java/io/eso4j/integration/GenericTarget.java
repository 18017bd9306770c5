package io.eso4j.integration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eso4j.ResolvedSecret;
import io.eso4j.SecretMappingException;
import io.eso4j.mapping.SecretMapper;
import io.eso4j.mapping.TemplateRenderer;
import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.TargetManifest;
import io.eso4j.spec.Template;
import io.eso4j.spec.TemplateFrom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The object ESO writes for an ExternalSecret with {@code spec.target.manifest} (a "generic target", such as a
 * ConfigMap), made from the ExternalSecret's mapped data ({@link ResolvedSecret#data()}, which for such an
 * ExternalSecret is the data <em>before</em> the template, since ESO templates into the object, not into a Secret).
 * The rules are ESO's {@code applyTemplateToManifest} ({@code pkg/controllers/externalsecret/
 * externalsecret_controller_manifest.go}) and its template engine's target handling
 * ({@code runtime/template/v2/template.go}):
 *
 * <ul>
 *   <li>a new object has {@code data: {}} when its kind is {@code ConfigMap} or {@code Secret}, else {@code spec: {}};
 *   <li>without a template, the data goes to {@code data} of a ConfigMap and to {@code spec.data} of any other kind,
 *       as strings, with the ExternalSecret's labels and annotations;
 *   <li>with a template, its {@code metadata} labels and annotations are copied (not templated), each
 *       {@code templateFrom[].literal} is rendered as keys and values into {@code Data} (top-level {@code data}),
 *       {@code Labels}, {@code Annotations} or a nested path such as {@code spec.database} (parsed as YAML; a path of
 *       several keys merges into a map already there, a single key replaces), then {@code template.data} values go to
 *       top-level {@code data}; the fetched data itself is not copied ({@code mergePolicy} plays no part);
 *   <li>ESO's markers: the managed label, the {@code created-by} label under {@code creationPolicy: Owner}, and the
 *       {@code data-hash} annotation over {@code spec} when the object has one, else over {@code data}.
 * </ul>
 *
 * <p>ESO writes generic targets only when its controller runs with {@code --unsafe-allow-generic-targets}; the
 * Kubernetes writer has the same opt-in. Stateless and thread-safe.
 */
public final class GenericTarget {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int MAX_ARRAY_INDEX = 10_000;

    private GenericTarget() {}

    /** Whether {@code externalSecret} writes a generic target rather than a Secret. */
    public static boolean applies(ExternalSecret externalSecret) {
        return externalSecret.target().manifest() != null;
    }

    /**
     * The object ESO creates for {@code resolved}, rendered with eso4j's Go templates.
     *
     * @param defaultNamespace the namespace when the ExternalSecret has none; may be empty
     * @throws IllegalArgumentException when the ExternalSecret has no {@code target.manifest}
     * @throws SecretMappingException when a template fails (naming the field, never a value)
     */
    public static Rendered render(ExternalSecret externalSecret, ResolvedSecret resolved, String defaultNamespace) {
        return render(externalSecret, resolved.data(), resolved.targetName(), defaultNamespace, renderer());
    }

    /**
     * The object ESO creates from {@code data}, the ExternalSecret's mapped data before its template.
     *
     * @param targetName the object's name ({@code target.name}, else the ExternalSecret's)
     */
    static Rendered render(
            ExternalSecret externalSecret,
            Map<String, byte[]> data,
            String targetName,
            String defaultNamespace,
            TemplateRenderer renderer) {
        return render(externalSecret, data, targetName, defaultNamespace, renderer, null);
    }

    /**
     * The object ESO writes from {@code data} over {@code existing}, as it does under {@code creationPolicy: Merge}
     * and {@code CreateOrMerge}: the existing object is the base (its other fields, labels and annotations kept),
     * the ExternalSecret's content applied over it.
     *
     * @param existing the object in the cluster as plain JSON values, or {@code null} for a new object
     */
    public static Rendered render(
            ExternalSecret externalSecret,
            Map<String, byte[]> data,
            String targetName,
            String defaultNamespace,
            Map<String, Object> existing) {
        return render(externalSecret, data, targetName, defaultNamespace, renderer(), existing);
    }

    /** {@link #render(ExternalSecret, Map, String, String, Map)} with the given template engine. */
    static Rendered render(
            ExternalSecret externalSecret,
            Map<String, byte[]> data,
            String targetName,
            String defaultNamespace,
            TemplateRenderer renderer,
            Map<String, Object> existing) {
        TargetManifest manifest = externalSecret.target().manifest();
        if (manifest == null) {
            throw new IllegalArgumentException("ExternalSecret " + externalSecret.id() + " has no target.manifest");
        }
        String namespace = externalSecret.namespace().isEmpty() ? defaultNamespace : externalSecret.namespace();
        Map<String, Object> object;
        Map<String, Object> metadata;
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> annotations = new TreeMap<>();
        if (existing != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = (Map<String, Object>) thaw(existing);
            object = copy;
            metadata = map(object, "metadata");
            stringsOf(metadata.get("labels")).forEach(labels::put);
            stringsOf(metadata.get("annotations")).forEach(annotations::put);
        } else {
            object = new LinkedHashMap<>();
            object.put("apiVersion", manifest.apiVersion());
            object.put("kind", manifest.kind());
            metadata = new LinkedHashMap<>();
            metadata.put("name", targetName);
            if (!namespace.isEmpty()) {
                metadata.put("namespace", namespace);
            }
            object.put("metadata", metadata);
            boolean dataKind =
                    manifest.kind().equals("ConfigMap") || manifest.kind().equals("Secret");
            object.put(dataKind ? "data" : "spec", new LinkedHashMap<String, Object>());
        }
        Template template = externalSecret.target().template();
        labels.putAll(template != null ? template.labels() : externalSecret.labels());
        annotations.putAll(template != null ? template.annotations() : externalSecret.annotations());
        labels.put(EsoMarkers.MANAGED_LABEL, "true");
        if (template == null) {
            Map<String, Object> strings = new LinkedHashMap<>();
            new TreeMap<>(data).forEach((k, v) -> strings.put(k, new String(v, StandardCharsets.UTF_8)));
            if (manifest.kind().equals("ConfigMap")) {
                object.put("data", strings);
            } else {
                map(object, "spec").put("data", strings);
            }
        } else {
            Map<String, Object> context = SecretMapper.templateContext(data);
            List<TemplateFrom> sources = template.templateFrom();
            for (int i = 0; i < sources.size(); i++) {
                TemplateFrom source = sources.get(i);
                String where = "templateFrom[" + i + "].literal";
                String target = source.path().isEmpty() ? source.target().specName() : source.path();
                String rendered = render(renderer, source.literal(), context, where);
                String lower = target.toLowerCase(Locale.ROOT);
                if (lower.equals("data") || lower.equals("labels") || lower.equals("annotations")) {
                    stringMap(rendered, where).forEach((k, v) -> apply(object, labels, annotations, lower, k, v));
                } else {
                    applyParsed(object, target, parse(rendered, where), where);
                }
            }
            template.data().forEach((k, v) -> map(object, "data").put(k, render(renderer, v, context, "data." + k)));
        }
        if (externalSecret.target().creationPolicy() == CreationPolicy.OWNER) {
            labels.put(EsoMarkers.CREATED_BY_LABEL, EsoMarkers.createdBy(namespace, externalSecret.name()));
        }
        Object hashed = object.get("spec") != null ? object.get("spec") : object.get("data");
        if (hashed == null) {
            throw new SecretMappingException(
                    "generic target content does not have a spec or data field for content hashing");
        }
        annotations.put(EsoMarkers.DATA_HASH_ANNOTATION, EsoMarkers.objectHash(hashed));
        metadata.put("labels", labels);
        metadata.put("annotations", annotations);
        return new Rendered(object);
    }

    /**
     * The object of a generic target: plain Java values (maps, lists, strings, numbers, booleans), unmodifiable.
     * {@link #toString()} names the kind and name only: the object holds secret values.
     *
     * @param object the whole object, {@code apiVersion}, {@code kind}, {@code metadata} and {@code data} /
     *     {@code spec}
     */
    public record Rendered(Map<String, Object> object) {

        /** Deep, unmodifiable copy. */
        public Rendered {
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = (Map<String, Object>) freeze(object);
            object = copy;
        }

        /** {@code metadata.name}. */
        public String name() {
            return String.valueOf(metadata().get("name"));
        }

        /** {@code kind}. */
        public String kind() {
            return String.valueOf(object.get("kind"));
        }

        /**
         * The object's string data, what an application reads: {@code data} when it is a map of strings (a ConfigMap),
         * else {@code spec.data}; empty when neither is.
         */
        public Map<String, String> data() {
            Map<String, String> strings = strings(object.get("data"));
            if (strings.isEmpty() && object.get("spec") instanceof Map<?, ?> spec) {
                strings = strings(spec.get("data"));
            }
            return strings;
        }

        /** {@code metadata.labels}, with ESO's markers. */
        public Map<String, String> labels() {
            return strings(metadata().get("labels"));
        }

        /** {@code metadata.annotations}, with ESO's data-hash. */
        public Map<String, String> annotations() {
            return strings(metadata().get("annotations"));
        }

        private Map<?, ?> metadata() {
            return (Map<?, ?>) object.get("metadata");
        }

        private static Map<String, String> strings(Object value) {
            Map<String, String> out = new LinkedHashMap<>();
            if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getValue() instanceof String s) {
                        out.put(String.valueOf(e.getKey()), s);
                    }
                }
            }
            return Collections.unmodifiableMap(out);
        }

        @Override
        public String toString() {
            return "GenericTarget.Rendered[" + kind() + " " + name() + ", values redacted]";
        }
    }

    // ---------------------------------------------------------------- ESO's target handling

    private static void apply(
            Map<String, Object> object,
            Map<String, String> labels,
            Map<String, String> annotations,
            String target,
            String key,
            String value) {
        switch (target) {
            case "labels" -> labels.put(key, value);
            case "annotations" -> annotations.put(key, value);
            default -> map(object, "data").put(key, value);
        }
    }

    /** ESO's {@code applyParsedToPath}: one key replaces, a longer path merges into a map already there. */
    private static void applyParsed(Map<String, Object> object, String target, Object parsed, String where) {
        List<Object> tokens = tokens(target, where);
        boolean replace = tokens.size() == 1;
        Object updated = setAt(
                object,
                tokens,
                0,
                existing -> {
                    if (!replace
                            && existing instanceof Map<?, ?> existingMap
                            && parsed instanceof Map<?, ?> parsedMap) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> merged = (Map<String, Object>) existingMap;
                        parsedMap.forEach((k, v) -> merged.put(String.valueOf(k), v));
                        return merged;
                    }
                    return parsed;
                },
                target,
                where);
        if (updated != object) {
            throw invalid(where, "failed to set path " + target + ": expected object root");
        }
    }

    /** ESO's {@code parseTargetPath}: keys are strings, indexes integers. */
    private static List<Object> tokens(String target, String where) {
        List<Object> tokens = new ArrayList<>();
        for (String segment : target.split("\\.", -1)) {
            if (segment.isEmpty()) {
                throw invalid(where, "invalid path " + quote(target) + ": empty segment");
            }
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            String rest = bracket < 0 ? "" : segment.substring(bracket);
            if (!name.isEmpty()) {
                tokens.add(name);
            }
            while (!rest.isEmpty()) {
                if (rest.charAt(0) != '[') {
                    throw invalid(where, "invalid path " + quote(target) + ": expected '[' near " + quote(rest));
                }
                int end = rest.indexOf(']');
                if (end < 0) {
                    throw invalid(where, "invalid path " + quote(target) + ": unterminated '['");
                }
                String digits = rest.substring(1, end);
                int index;
                try {
                    index = Integer.parseInt(digits);
                } catch (NumberFormatException e) {
                    throw invalid(where, "invalid path " + quote(target) + ": bad index " + quote(digits));
                }
                if (index < 0) {
                    throw invalid(where, "invalid path " + quote(target) + ": negative index " + index);
                }
                if (index > MAX_ARRAY_INDEX) {
                    throw invalid(
                            where, "invalid path " + quote(target) + ": index " + index + " exceeds maximum (10000)");
                }
                tokens.add(index);
                rest = rest.substring(end + 1);
            }
        }
        if (!(tokens.get(0) instanceof String)) {
            throw invalid(where, "invalid path " + quote(target) + ": path must start with a key");
        }
        return tokens;
    }

    private static Object setAt(
            Object node,
            List<Object> tokens,
            int at,
            java.util.function.UnaryOperator<Object> leaf,
            String target,
            String where) {
        Object token = tokens.get(at);
        boolean last = at == tokens.size() - 1;
        if (token instanceof String key) {
            Map<String, Object> map;
            if (node == null) {
                map = new LinkedHashMap<>();
            } else if (node instanceof Map<?, ?> existing) {
                @SuppressWarnings("unchecked")
                Map<String, Object> cast = (Map<String, Object>) existing;
                map = cast;
            } else {
                throw invalid(where, "failed to set path " + target + ": expected map at key " + quote(key));
            }
            map.put(key, last ? leaf.apply(map.get(key)) : setAt(map.get(key), tokens, at + 1, leaf, target, where));
            return map;
        }
        int index = (Integer) token;
        List<Object> list;
        if (node == null) {
            list = new ArrayList<>();
        } else if (node instanceof List<?> existing) {
            @SuppressWarnings("unchecked")
            List<Object> cast = (List<Object>) existing;
            list = cast;
        } else {
            throw invalid(where, "failed to set path " + target + ": expected array at index " + index);
        }
        while (list.size() <= index) {
            list.add(null);
        }
        list.set(
                index,
                last ? leaf.apply(list.get(index)) : setAt(list.get(index), tokens, at + 1, leaf, target, where));
        return list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> object, String field) {
        Object value = object.get(field);
        if (!(value instanceof Map<?, ?>)) {
            value = new LinkedHashMap<String, Object>();
            object.put(field, value);
        }
        return (Map<String, Object>) value;
    }

    // ---------------------------------------------------------------- templates and YAML

    private static TemplateRenderer renderer() {
        return Holder.RENDERER;
    }

    /** Loaded on first use: the template engine and its function providers. */
    private static final class Holder {
        static final TemplateRenderer RENDERER = TemplateRenderer.goTemplates();
    }

    private static String render(
            TemplateRenderer renderer, String template, Map<String, Object> context, String where) {
        try {
            return renderer.render(template, context);
        } catch (SecretMappingException e) {
            throw new SecretMappingException(
                    "could not execute template: spec.target.template." + where + ": " + e.getMessage(), e);
        }
    }

    /** A rendered keys-and-values text: a YAML map of keys to strings (ESO unmarshals into map[string]string). */
    private static Map<String, String> stringMap(String rendered, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser parser = YAML.createParser(rendered)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return out;
            }
            if (token != JsonToken.START_OBJECT) {
                throw notStringMap(where);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    out.put(key, "");
                } else if (value == JsonToken.VALUE_STRING) {
                    out.put(key, parser.getText());
                } else {
                    throw notStringMap(where);
                }
            }
            return out;
        } catch (IOException e) {
            throw notStringMap(where); // Jackson's message quotes the rendered (secret) text
        }
    }

    /** A rendered text for a nested path: any YAML, numbers as ESO's JSON decoding gives them. */
    private static Object parse(String rendered, String where) {
        try {
            Object parsed = YAML.readValue(rendered, Object.class);
            return numbersAsGo(parsed);
        } catch (IOException e) {
            throw invalid(where, "could not unmarshal template YAML");
        }
    }

    /** JSON numbers decode to float64 in ESO; integral ones print without a fraction, as Go's %v does. */
    private static Object numbersAsGo(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), numbersAsGo(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(numbersAsGo(v)));
            return out;
        }
        if (value instanceof Number number && !(value instanceof Long) && !(value instanceof Integer)) {
            double d = number.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return (long) d;
            }
            return d;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }

    private static Map<String, String> stringsOf(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof String text) {
                    out.put(String.valueOf(k), text);
                }
            });
        }
        return out;
    }

    /** A mutable deep copy. */
    private static Object thaw(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), thaw(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(thaw(v)));
            return out;
        }
        return value;
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(freeze(v)));
            return Collections.unmodifiableList(out);
        }
        return value;
    }

    private static SecretMappingException notStringMap(String where) {
        return invalid(where, "could not unmarshal template to 'map[string][]byte'");
    }

    private static SecretMappingException invalid(String where, String reason) {
        return new SecretMappingException("could not execute template: spec.target.template." + where + ": " + reason);
    }

    private static String quote(String text) {
        return "\"" + Objects.toString(text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
