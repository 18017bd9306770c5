package io.eso4j.mapping;

import io.eso4j.SecretMappingException;
import io.eso4j.spec.DecodingStrategy;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ESO's {@code decodingStrategy} with Go's {@code encoding/base64} rules, which differ from
 * {@link java.util.Base64}: padding is required, {@code \r} and {@code \n} anywhere are skipped, non-zero trailing
 * bits are accepted. {@code Auto} tries standard, then URL-safe, then leaves the bytes as they are. Errors name
 * the byte offset only ({@code illegal base64 data at input byte N}, Go's text). Stateless.
 */
final class Decoding {

    private static final String STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private Decoding() {}

    /** Thrown for input Go's decoder rejects; the message is Go's. */
    static final class IllegalBase64Exception extends Exception {
        private static final long serialVersionUID = 1L;

        IllegalBase64Exception(int offset) {
            super("illegal base64 data at input byte " + offset);
        }
    }

    /**
     * Decodes one value.
     *
     * @throws SecretMappingException {@code error applying decoding strategy <S> to data: <reason>}
     */
    static byte[] decode(DecodingStrategy strategy, byte[] in) {
        try {
            return apply(strategy, in);
        } catch (IllegalBase64Exception e) {
            throw new SecretMappingException(
                    "error applying decoding strategy " + strategy.specName() + " to data: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes every value of a map, keeping its order.
     *
     * @throws SecretMappingException {@code error applying decoding strategy <S> to data: failure decoding key <k>: ..}
     */
    static Map<String, byte[]> decodeMap(DecodingStrategy strategy, Map<String, byte[]> in) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : in.entrySet()) {
            try {
                out.put(e.getKey(), apply(strategy, e.getValue()));
            } catch (IllegalBase64Exception failure) {
                throw new SecretMappingException(
                        "error applying decoding strategy " + strategy.specName() + " to data: failure decoding key "
                                + e.getKey() + ": " + failure.getMessage(),
                        failure);
            }
        }
        return out;
    }

    /**
     * Decodes one rendered template value with {@code templateFrom[].valuesDecodingStrategy} (ESO's
     * {@code runtime/template/v2/template.go}, {@code valueScopeApply} / {@code mapScopeApply}).
     *
     * @throws SecretMappingException {@code failed to decode rendered template value for key <k>: <Go's reason>}
     */
    static byte[] decodeRendered(DecodingStrategy strategy, String key, byte[] in) {
        try {
            return apply(strategy, in);
        } catch (IllegalBase64Exception e) {
            throw new SecretMappingException(
                    "failed to decode rendered template value for key " + key + ": " + e.getMessage(), e);
        }
    }

    private static byte[] apply(DecodingStrategy strategy, byte[] in) throws IllegalBase64Exception {
        switch (strategy) {
            case BASE64:
                return base64(in, STANDARD);
            case BASE64_URL:
                return base64(in, URL);
            case AUTO:
                try {
                    return base64(in, STANDARD);
                } catch (IllegalBase64Exception notStandard) {
                    try {
                        return base64(in, URL);
                    } catch (IllegalBase64Exception notUrl) {
                        return in;
                    }
                }
            default:
                return in;
        }
    }

    /** Go's {@code Encoding.DecodeString} for a padded encoding with {@code alphabet}. */
    static byte[] base64(byte[] in, String alphabet) throws IllegalBase64Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 / 4);
        int[] quantum = new int[4];
        int filled = 0;
        int i = 0;
        while (i < in.length) {
            int b = in[i] & 0xff;
            if (b == '\r' || b == '\n') {
                i++;
                continue;
            }
            if (b == '=') {
                // Padding: allowed only as the 3rd/4th character of a quantum, and must complete it.
                if (filled < 2) {
                    throw new IllegalBase64Exception(i);
                }
                int position = i;
                if (filled == 2) {
                    int next = nextSignificant(in, i + 1);
                    if (next == in.length) {
                        throw new IllegalBase64Exception(in.length);
                    }
                    if (in[next] != '=') {
                        throw new IllegalBase64Exception(next);
                    }
                    position = next;
                }
                int trailing = nextSignificant(in, position + 1);
                if (trailing < in.length) {
                    throw new IllegalBase64Exception(trailing);
                }
                emit(out, quantum, filled);
                return out.toByteArray();
            }
            int value = b < 128 ? alphabet.indexOf(b) : -1;
            if (value < 0) {
                throw new IllegalBase64Exception(i);
            }
            quantum[filled++] = value;
            if (filled == 4) {
                emit(out, quantum, 4);
                filled = 0;
            }
            i++;
        }
        if (filled != 0) {
            // Go reports an unpadded tail at the end of the input.
            throw new IllegalBase64Exception(in.length - countTrailingNewlines(in) - filled);
        }
        return out.toByteArray();
    }

    private static int nextSignificant(byte[] in, int from) {
        int j = from;
        while (j < in.length && (in[j] == '\r' || in[j] == '\n')) {
            j++;
        }
        return j;
    }

    private static int countTrailingNewlines(byte[] in) {
        int n = 0;
        for (int j = in.length - 1; j >= 0 && (in[j] == '\r' || in[j] == '\n'); j--) {
            n++;
        }
        return n;
    }

    private static void emit(ByteArrayOutputStream out, int[] quantum, int filled) {
        int bits = 0;
        for (int k = 0; k < 4; k++) {
            bits = (bits << 6) | (k < filled ? quantum[k] : 0);
        }
        out.write((bits >> 16) & 0xff);
        if (filled > 2) {
            out.write((bits >> 8) & 0xff);
        }
        if (filled > 3) {
            out.write(bits & 0xff);
        }
    }
}
