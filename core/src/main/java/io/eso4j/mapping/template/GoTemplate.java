package io.eso4j.mapping.template;

import io.eso4j.SecretMappingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed Go {@code text/template} in the subset ESO manifests use, with Sprig functions (see the package
 * documentation for the exact subset). Executes like ESO: the data context is a map of secret key to value and a
 * missing key is an error ({@code missingkey=error}).
 *
 * <p>Immutable and thread-safe once parsed: one instance may be executed concurrently with different data. Errors
 * are {@link SecretMappingException}s whose messages give the position ({@code line:column}) and the template
 * construct, never a data value.
 */
public final class GoTemplate {

    private final String text;
    private final List<Node> nodes;
    private final Set<String> literals;
    private final Map<String, List<Node>> defines;

    private GoTemplate(String text, List<Node> nodes, Map<String, List<Node>> defines, Set<String> literals) {
        this.text = text;
        this.nodes = nodes;
        this.defines = defines;
        this.literals = literals;
    }

    /**
     * Parses a template.
     *
     * @throws SecretMappingException on a syntax error or a construct outside eso4j's subset; the message names the
     *     position and the construct, e.g. {@code template: 1:4: function "pkcs12cert" is not supported by eso4j}
     */
    public static GoTemplate parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            Parser.Result result = Parser.parse(text);
            return new GoTemplate(
                    text, List.copyOf(result.nodes()), result.defines(), Set.copyOf(new HashSet<>(result.literals())));
        } catch (TemplateSyntaxException e) {
            throw new SecretMappingException("template: " + position(text, e.pos()) + ": " + e.getMessage());
        }
    }

    /**
     * Renders the template with {@code data} as dot ({@code .}) and {@code $}. Values are strings, or nested
     * {@code Map<String, ?>} / {@code List<?>} / numbers / booleans as produced by JSON.
     *
     * @throws SecretMappingException when execution fails (missing key, wrong argument type, {@code fail}...); the
     *     message names the position and the failing construct, never a data value
     */
    public String execute(Map<String, ?> data) {
        Objects.requireNonNull(data, "data");
        GoMap root = root(data);
        try {
            return Executor.run(nodes, defines, root, literals);
        } catch (Executor.Failure e) {
            throw new SecretMappingException(
                    "template: " + position(text, e.pos) + ": executing at <" + e.node + ">: " + e.getMessage());
        }
    }

    private static GoMap root(Map<String, ?> data) {
        boolean allStrings = true;
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : data.entrySet()) {
            Object value = convert(e.getValue(), e.getKey(), 0);
            allStrings &= value instanceof String;
            entries.put(Objects.requireNonNull(e.getKey(), "data key"), value);
        }
        return GoMap.of(entries, allStrings);
    }

    private static Object convert(Object value, String key, int depth) {
        if (depth > 1000) {
            throw new SecretMappingException("template data at key " + key + " is nested deeper than 1000 levels");
        }
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            return ((Number) value).longValue();
        } else if (value instanceof Number n) {
            return n.doubleValue();
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new SecretMappingException("template data at key " + key + " has a non-string map key");
                }
                entries.put(k, convert(e.getValue(), key, depth + 1));
            }
            return GoMap.of(entries, false);
        } else if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            for (Object item : list) {
                items.add(convert(item, key, depth + 1));
            }
            return java.util.Collections.unmodifiableList(items);
        }
        throw new SecretMappingException("template data at key " + key + " has unsupported type "
                + value.getClass().getSimpleName());
    }

    private static String position(String text, int pos) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (pos - lineStart + 1);
    }

    /** Shows the template's length only: templates can embed literal secrets. */
    @Override
    public String toString() {
        return "GoTemplate[" + text.length() + " chars]";
    }
}
