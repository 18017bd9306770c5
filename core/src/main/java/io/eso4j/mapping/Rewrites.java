package io.eso4j.mapping;

import io.eso4j.SecretMappingException;
import io.eso4j.mapping.template.GoStrings;
import io.eso4j.spec.GoRegexp;
import io.eso4j.spec.Rewrite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * ESO's {@code RewriteMap}: the {@code dataFrom[].rewrite[]} operations, in order, each on the previous one's
 * output. Where Go iterates a map (random order), eso4j iterates in map order, so when two keys rewrite to the same
 * key the later one wins. Stateless apart from the renderer it is given.
 */
final class Rewrites {

    private Rewrites() {}

    /**
     * Applies {@code operations} to {@code in}.
     *
     * @throws SecretMappingException {@code error applying rewrite to keys: failed rewrite operation[<i>]: <detail>}
     */
    static Map<String, byte[]> apply(List<Rewrite> operations, Map<String, byte[]> in, TemplateRenderer renderer) {
        Map<String, byte[]> out = in;
        for (int i = 0; i < operations.size(); i++) {
            try {
                out = apply(operations.get(i), out, renderer);
            } catch (SecretMappingException e) {
                throw new SecretMappingException(
                        "error applying rewrite to keys: failed rewrite operation[" + i + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Map<String, byte[]> apply(Rewrite operation, Map<String, byte[]> in, TemplateRenderer renderer) {
        if (operation instanceof Rewrite.Regexp) {
            return regexp((Rewrite.Regexp) operation, in);
        }
        if (operation instanceof Rewrite.Transform) {
            return transform((Rewrite.Transform) operation, in, renderer);
        }
        return merge((Rewrite.Merge) operation, in);
    }

    /** ESO's {@code RewriteRegexp}: Go's {@code ReplaceAllString} on every key (RE2, linear time). */
    static Map<String, byte[]> regexp(Rewrite.Regexp operation, Map<String, byte[]> in) {
        GoRegexp re;
        try {
            re = GoRegexp.compile(operation.source());
        } catch (GoRegexp.SyntaxException e) {
            throw new SecretMappingException("regexp failed with failed to compile: " + e.getMessage(), e);
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        in.forEach((key, value) -> {
            String rewritten = re.replaceAll(key, operation.target());
            out.remove(rewritten);
            out.put(rewritten, value);
        });
        return out;
    }

    static Map<String, byte[]> transform(
            Rewrite.Transform operation, Map<String, byte[]> in, TemplateRenderer renderer) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        in.forEach((key, value) -> {
            String rewritten;
            try {
                rewritten = renderer.render(operation.template(), Map.of("value", key));
            } catch (SecretMappingException e) {
                throw new SecretMappingException(
                        "transform failed with failed to execute template for key " + GoStrings.quote(key) + ": "
                                + e.getMessage(),
                        e);
            }
            out.remove(rewritten);
            out.put(rewritten, value);
        });
        return out;
    }

    static Map<String, byte[]> merge(Rewrite.Merge operation, Map<String, byte[]> in) {
        Map<String, Object> merged = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (String key : mergeOrder(operation, in)) {
            byte[] value = in.get(key);
            if (value == null) {
                if (operation.priorityPolicy() == Rewrite.Merge.PriorityPolicy.IGNORE_NOT_FOUND) {
                    continue;
                }
                throw new SecretMappingException(
                        "merge failed with key " + GoStrings.quote(key) + " not found in input map");
            }
            Object parsed;
            try {
                parsed = Json.parse(new String(value, StandardCharsets.UTF_8));
            } catch (Json.MalformedJsonException e) {
                throw new SecretMappingException("merge failed with failed to unmarshal JSON: " + e.getMessage(), e);
            }
            if (parsed != null && !(parsed instanceof Map)) {
                String kind = parsed instanceof List
                        ? "array"
                        : parsed instanceof String ? "string" : parsed instanceof Boolean ? "bool" : "number";
                throw new SecretMappingException("merge failed with failed to unmarshal JSON: json: cannot unmarshal "
                        + kind + " into Go value of type map[string]interface {}");
            }
            if (parsed != null) {
                for (Map.Entry<?, ?> member : ((Map<?, ?>) parsed).entrySet()) {
                    String name = (String) member.getKey();
                    if (merged.containsKey(name)) {
                        conflicts.add(name);
                    }
                    merged.put(name, member.getValue());
                }
            }
        }
        if (operation.conflictPolicy() != Rewrite.Merge.ConflictPolicy.IGNORE && !conflicts.isEmpty()) {
            throw new SecretMappingException("merge failed with conflicts: " + String.join(", ", conflicts));
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (operation.strategy() == Rewrite.Merge.Strategy.JSON) {
            if (operation.into().isEmpty()) {
                throw new SecretMappingException("merge failed with missing 'into' field");
            }
            out.putAll(in);
            out.remove(operation.into());
            out.put(operation.into(), Json.write(merged, false).getBytes(StandardCharsets.UTF_8));
            return out;
        }
        merged.forEach((name, value) -> out.put(name, byteValue(value)));
        return out;
    }

    /** Non-priority keys sorted (Go byte order), then the priority keys in their listed order. */
    private static List<String> mergeOrder(Rewrite.Merge operation, Map<String, byte[]> in) {
        TreeSet<String> sorted = new TreeSet<>(GoStrings.KEY_ORDER);
        for (String key : in.keySet()) {
            if (!operation.priority().contains(key)) {
                sorted.add(key);
            }
        }
        List<String> order = new ArrayList<>(sorted);
        order.addAll(operation.priority());
        return order;
    }

    /** ESO's {@code GetByteValue} for a merged member (Go's {@code json.Marshal}, HTML-escaping, for containers). */
    private static byte[] byteValue(Object value) {
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof String) {
            return ((String) value).getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof Double) {
            return GoFloat.formatF((Double) value).getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof Boolean) {
            return value.toString().getBytes(StandardCharsets.UTF_8);
        }
        return Json.write(value, true).getBytes(StandardCharsets.UTF_8);
    }
}
