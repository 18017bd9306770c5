package io.eso4j.spec;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TemplateSources} over the {@code v1} ConfigMap and Secret documents loaded next to the ExternalSecrets. A
 * document matches by name and namespace; a document or ExternalSecret without a namespace matches any namespace (the
 * files are applied together, so they share one). The first matching document in load order wins. A Secret's
 * {@code stringData} wins over its {@code data}, as in Kubernetes; a {@code data} value that is not base64, or a
 * value that is not a string, makes the document unusable (it counts as missing), never printing the value.
 * Immutable and thread-safe.
 */
final class ManifestTemplateSources implements TemplateSources {

    private final List<ManifestDocument> documents;

    ManifestTemplateSources(List<ManifestDocument> documents) {
        this.documents = List.copyOf(documents);
    }

    @Override
    public Optional<Map<String, String>> configMap(String namespace, String name) {
        return find("ConfigMap", namespace, name).map(d -> {
            Map<String, String> data = new LinkedHashMap<>();
            strings(d.content().get("data")).forEach(data::put);
            return Collections.unmodifiableMap(data);
        });
    }

    @Override
    public Optional<Map<String, byte[]>> secret(String namespace, String name) {
        return find("Secret", namespace, name).map(d -> {
            Map<String, byte[]> data = new LinkedHashMap<>();
            strings(d.content().get("data")).forEach((k, v) -> {
                try {
                    data.put(k, Base64.getMimeDecoder().decode(v));
                } catch (IllegalArgumentException notBase64) {
                    // left out: the key then reads as missing
                }
            });
            strings(d.content().get("stringData")).forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
            return Collections.unmodifiableMap(data);
        });
    }

    private Optional<ManifestDocument> find(String kind, String namespace, String name) {
        for (ManifestDocument d : documents) {
            if (d.apiVersion().equals("v1")
                    && d.kind().equals(kind)
                    && d.name().equals(name)
                    && (d.namespace().isEmpty()
                            || namespace.isEmpty()
                            || d.namespace().equals(namespace))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> strings(Object section) {
        Map<String, String> out = new LinkedHashMap<>();
        if (section instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof String s) {
                    out.put(String.valueOf(k), s);
                }
            });
        }
        return out;
    }

    @Override
    public String toString() {
        return "ManifestTemplateSources[" + documents.size() + " documents]";
    }
}
