package io.eso4j.cli;

import io.eso4j.InvalidSpecException;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.ManifestDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of the {@code v1/Secret} documents among the inputs, as a {@link SecretKeyResolver}, so a store's
 * {@code auth.secretRef} resolves offline. {@code stringData} wins over {@code data}, as in Kubernetes. A Secret
 * with a namespace answers lookups in that namespace; any Secret answers a lookup by name and key alone when no
 * namespaced one matched (the first such Secret in input order wins).
 */
final class SecretManifests {

    private SecretManifests() {}

    /**
     * The resolver over the Secret documents.
     *
     * @throws InvalidSpecException when a {@code data} value is not base64 or a value is not a string
     */
    static SecretKeyResolver resolver(List<ManifestDocument> documents) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ManifestDocument document : documents) {
            if (!document.isSecret()) {
                continue;
            }
            Map<String, String> keys = new LinkedHashMap<>();
            String origin = document.source() + "#" + document.index();
            read(document.content().get("data"), true, origin + " data", keys, problems);
            read(document.content().get("stringData"), false, origin + " stringData", keys, problems);
            keys.forEach((key, value) -> {
                String local = document.name() + "/" + key;
                if (!document.namespace().isEmpty()) {
                    values.put(document.namespace() + "/" + local, value);
                }
                values.putIfAbsent(local, value);
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return SecretKeyResolver.fromMap(values);
    }

    private static void read(
            Object section, boolean base64, String path, Map<String, String> into, List<String> problems) {
        if (section == null) {
            return;
        }
        if (!(section instanceof Map)) {
            problems.add(path + ": must be a map of key to string");
            return;
        }
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) section).entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof String)) {
                problems.add(path + "." + key + ": must be a string");
                continue;
            }
            String value = (String) entry.getValue();
            if (!base64) {
                into.put(key, value);
                continue;
            }
            try {
                into.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                problems.add(path + "." + key + ": is not valid base64");
            }
        }
    }
}
