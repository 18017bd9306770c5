package io.eso4j.mapping;

import io.eso4j.SecretMappingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ESO's {@code GetSecretMap} unpacking for {@code dataFrom.extract}: the top-level members of a JSON object, string
 * members unescaped, everything else as its raw JSON text exactly as written ({@code 1.50} stays {@code 1.50}),
 * {@code null} as empty. Stateless.
 */
final class Extract {

    private Extract() {}

    /**
     * @throws SecretMappingException {@code unable to unmarshal secret <key>: <reason>} when the payload is not a
     *     JSON object (or {@code null})
     */
    static Map<String, byte[]> members(byte[] payload, String key) {
        Map<String, String> raw;
        try {
            raw = Json.objectMembers(new String(payload, StandardCharsets.UTF_8));
        } catch (Json.MalformedJsonException e) {
            throw new SecretMappingException("unable to unmarshal secret " + key + ": " + e.getMessage(), e);
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            String text;
            if (value.startsWith("\"")) {
                text = Json.unescape(value, 0, value.length());
            } else if (value.equals("null")) {
                text = "";
            } else {
                text = value;
            }
            out.put(name, text.getBytes(StandardCharsets.UTF_8));
        });
        return out;
    }
}
