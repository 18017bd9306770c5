package io.eso4j.mapping;

import io.eso4j.SecretMappingException;
import io.eso4j.spec.ConversionStrategy;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Key rules for {@code dataFrom} results: ESO's {@code conversionStrategy} and key validation, plus the Kubernetes
 * Secret key rule ESO leaves to the API server.
 *
 * <p><b>Deliberate difference:</b> ESO's own check lets any Unicode letter or number through, and the API server
 * later rejects such a key ({@code ^[-._a-zA-Z0-9]+$}, not {@code .}/{@code ..}, not starting with {@code ..}).
 * eso4j rejects those keys here, early, with ESO's message wording, so a library user sees the same failure a
 * cluster would produce, instead of a key no Secret can hold. Stateless.
 */
final class Keys {

    static final String INVALID_KEYS_TIP =
            "invalid secret keys (TIP: use rewrite or conversionStrategy to change keys): ";

    private Keys() {}

    /** Whether ESO keeps {@code codePoint} in a key: a Unicode letter or number, {@code -}, {@code .}, {@code _}. */
    static boolean esoKeeps(int codePoint) {
        if (codePoint == '-' || codePoint == '.' || codePoint == '_' || Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /**
     * ESO's {@code ConvertKeys}: every code point ESO does not keep becomes {@code _} (Default) or
     * {@code _U%04x_} (Unicode).
     *
     * @throws SecretMappingException {@code error applying conversion strategy <S> to keys: secret name collision
     *     during conversion: <key>}
     */
    static Map<String, byte[]> convert(ConversionStrategy strategy, Map<String, byte[]> in) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : in.entrySet()) {
            String key = convert(strategy, e.getKey());
            if (out.containsKey(key)) {
                throw new SecretMappingException("error applying conversion strategy " + strategy.specName()
                        + " to keys: secret name collision during conversion: " + key);
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    static String convert(ConversionStrategy strategy, String key) {
        StringBuilder out = new StringBuilder(key.length());
        key.codePoints().forEach(cp -> {
            if (esoKeeps(cp)) {
                out.appendCodePoint(cp);
            } else if (strategy == ConversionStrategy.UNICODE) {
                out.append(String.format("_U%04x_", cp));
            } else {
                out.append('_');
            }
        });
        return out.toString();
    }

    /**
     * ESO's {@code ValidateKeys} followed by the Kubernetes rule: removes empty keys (in place, as ESO does), fails
     * on the first invalid key in map order.
     *
     * @throws SecretMappingException {@code invalid secret keys (TIP: ...): <reason>}
     */
    static void validate(Map<String, byte[]> map) {
        Iterator<String> keys = map.keySet().iterator();
        while (keys.hasNext()) {
            String key = keys.next();
            if (key.isEmpty()) {
                keys.remove();
                continue;
            }
            String problem = problem(key);
            if (problem != null) {
                throw new SecretMappingException(INVALID_KEYS_TIP + problem);
            }
        }
    }

    /** Why {@code key} cannot be a Secret key, in ESO's words, or {@code null} when it can. */
    static String problem(String key) {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 253) {
            return "key has length " + utf8.length + " but max is 253: (following is truncated): "
                    + new String(utf8, 0, 253, StandardCharsets.UTF_8);
        }
        for (int i = 0; i < key.length(); ) {
            int cp = key.codePointAt(i);
            boolean kubernetesAllows =
                    cp < 128 && (cp == '-' || cp == '.' || cp == '_' || Character.isLetterOrDigit(cp));
            if (!kubernetesAllows) {
                return "key has invalid character " + new String(Character.toChars(cp))
                        + ", only alphanumeric, '-', '.' and '_' are allowed: " + key;
            }
            i += Character.charCount(cp);
        }
        if (key.equals(".") || key.equals("..") || key.startsWith("..")) {
            return "key must not be '.' or '..' and must not start with '..': " + key;
        }
        return null;
    }
}
