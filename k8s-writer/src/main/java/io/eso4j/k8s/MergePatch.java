package io.eso4j.k8s;

import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Builds the JSON merge patch (RFC 7386) that turns one Secret state into another: only changed data keys, labels
 * and annotations (removed ones as {@code null}), plus {@code metadata.resourceVersion} so a stale patch fails with
 * 409 instead of overwriting a concurrent change. Stateless.
 */
final class MergePatch {

    private MergePatch() {}

    static String between(String resourceVersion, SecretWriter.State now, SecretWriter.State wanted) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        putIfAny(metadata, "labels", diff(now.labels, wanted.labels));
        putIfAny(metadata, "annotations", diff(now.annotations, wanted.annotations));
        if (!now.ownerReferences.equals(wanted.ownerReferences)) {
            metadata.put(
                    "ownerReferences",
                    wanted.ownerReferences.stream().map(MergePatch::reference).toList());
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("metadata", metadata);
        Map<String, Object> data = new LinkedHashMap<>();
        for (String key : new TreeSet<>(union(now.data, wanted.data))) {
            byte[] before = now.data.get(key);
            byte[] after = wanted.data.get(key);
            if (!Arrays.equals(before, after)) {
                data.put(key, after == null ? null : Base64.getEncoder().encodeToString(after));
            }
        }
        putIfAny(patch, "data", data);
        if (!now.type.equals(wanted.type)) {
            patch.put("type", wanted.type);
        }
        if (now.immutable != wanted.immutable) {
            patch.put("immutable", wanted.immutable);
        }
        StringBuilder json = new StringBuilder();
        write(json, patch);
        return json.toString();
    }

    private static TreeSet<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static Map<String, Object> diff(Map<String, String> now, Map<String, String> wanted) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String key : union(now, wanted)) {
            if (!Objects.equals(now.get(key), wanted.get(key))) {
                changes.put(key, wanted.get(key));
            }
        }
        return changes;
    }

    private static void putIfAny(Map<String, Object> into, String field, Map<String, Object> changes) {
        if (!changes.isEmpty()) {
            into.put(field, changes);
        }
    }

    private static Map<String, Object> reference(OwnerReference reference) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("apiVersion", reference.getApiVersion());
        json.put("kind", reference.getKind());
        json.put("name", reference.getName());
        json.put("uid", reference.getUid());
        if (reference.getController() != null) {
            json.put("controller", reference.getController());
        }
        if (reference.getBlockOwnerDeletion() != null) {
            json.put("blockOwnerDeletion", reference.getBlockOwnerDeletion());
        }
        return json;
    }

    private static void write(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof String text) {
            quote(json, text);
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(first ? "" : ",");
                quote(json, String.valueOf(entry.getKey()));
                json.append(':');
                write(json, entry.getValue());
                first = false;
            }
            json.append('}');
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                json.append(i == 0 ? "" : ",");
                write(json, list.get(i));
            }
            json.append(']');
        } else {
            throw new IllegalArgumentException(
                    "unsupported JSON value type " + value.getClass().getName());
        }
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
