package io.eso4j.mapping.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's {@code encoding/pem}: {@link #decode} finds the next block as {@code pem.Decode} does (skipping malformed
 * candidates, tolerating text around blocks, {@code Proc-Type}-style headers), {@link #encode} writes one as
 * {@code pem.Encode} does (64-column base64, headers with {@code Proc-Type} first). Works on bytes. Stateless.
 */
final class Pem {

    private static final byte[] BEGIN = "\n-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n-----END ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);

    private Pem() {}

    /** A decoded block. */
    record Block(String type, Map<String, String> headers, byte[] bytes) {}

    /** A block and the input after it; {@code block} is null when there is none (then {@code rest} is the input). */
    record Decoded(Block block, byte[] rest) {}

    private static int indexOf(byte[] data, int from, byte[] needle) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (data[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix, int prefixFrom) {
        int n = prefix.length - prefixFrom;
        if (data.length - at < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (data[at + k] != prefix[prefixFrom + k]) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code getLine}: the line at {@code at} without its ending and trailing blanks, and the next offset. */
    private static int[] line(byte[] data, int at) {
        int nl = -1;
        for (int i = at; i < data.length; i++) {
            if (data[i] == '\n') {
                nl = i;
                break;
            }
        }
        int end;
        int next;
        if (nl < 0) {
            end = data.length;
            next = data.length;
        } else {
            end = nl;
            next = nl + 1;
            if (end > at && data[end - 1] == '\r') {
                end--;
            }
        }
        while (end > at && (data[end - 1] == ' ' || data[end - 1] == '\t')) {
            end--;
        }
        return new int[] {at, end, next};
    }

    private static String ascii(byte[] data, int from, int to) {
        byte[] part = new byte[to - from];
        System.arraycopy(data, from, part, 0, part.length);
        return GoBytes.string(part);
    }

    static Decoded decode(byte[] data) {
        int rest = 0;
        while (true) {
            if (startsWith(data, rest, BEGIN, 1)) {
                rest += BEGIN.length - 1;
            } else {
                int at = indexOf(data, rest, BEGIN);
                if (at < 0) {
                    return new Decoded(null, data);
                }
                rest = at + BEGIN.length;
            }
            int[] typeLine = line(data, rest);
            rest = typeLine[2];
            int typeEnd = typeLine[1];
            if (typeEnd - typeLine[0] < DASHES.length || !startsWith(data, typeEnd - DASHES.length, DASHES, 0)) {
                continue;
            }
            typeEnd -= DASHES.length;
            String type = ascii(data, typeLine[0], typeEnd);
            Map<String, String> headers = new LinkedHashMap<>();
            boolean truncated = false;
            while (true) {
                if (rest >= data.length) {
                    truncated = true;
                    break;
                }
                int[] l = line(data, rest);
                int colon = -1;
                for (int i = l[0]; i < l[1]; i++) {
                    if (data[i] == ':') {
                        colon = i;
                        break;
                    }
                }
                if (colon < 0) {
                    break;
                }
                headers.put(
                        ascii(data, l[0], colon).strip(),
                        ascii(data, colon + 1, l[1]).strip());
                rest = l[2];
            }
            if (truncated) {
                return new Decoded(null, data);
            }
            int endIndex;
            int endTrailer;
            if (headers.isEmpty() && startsWith(data, rest, END, 1)) {
                endIndex = rest;
                endTrailer = rest + END.length - 1;
            } else {
                int at = indexOf(data, rest, END);
                if (at < 0) {
                    continue;
                }
                endIndex = at;
                endTrailer = at + END.length;
            }
            int typeLength = typeEnd - typeLine[0];
            int trailerLength = typeLength + DASHES.length;
            if (data.length - endTrailer < trailerLength) {
                continue;
            }
            boolean typeMatches = true;
            for (int k = 0; k < typeLength; k++) {
                if (data[endTrailer + k] != data[typeLine[0] + k]) {
                    typeMatches = false;
                    break;
                }
            }
            if (!typeMatches || !startsWith(data, endTrailer + typeLength, DASHES, 0)) {
                continue;
            }
            int[] restOfEndLine = line(data, endTrailer + trailerLength);
            if (restOfEndLine[1] != restOfEndLine[0]) {
                continue;
            }
            ByteArrayOutputStream b64 = new ByteArrayOutputStream();
            for (int i = rest; i < endIndex; i++) {
                if (data[i] != ' ' && data[i] != '\t') {
                    b64.write(data[i]);
                }
            }
            byte[] bytes = base64(b64.toByteArray());
            if (bytes == null) {
                continue;
            }
            int[] after = line(data, endIndex + END.length - 1);
            byte[] remaining = new byte[data.length - after[2]];
            System.arraycopy(data, after[2], remaining, 0, remaining.length);
            return new Decoded(new Block(type, headers, bytes), remaining);
        }
    }

    /** Go's {@code base64.StdEncoding.Decode} (newlines skipped, padding required), or null when invalid. */
    private static byte[] base64(byte[] text) {
        ByteArrayOutputStream clean = new ByteArrayOutputStream(text.length);
        for (byte b : text) {
            if (b != '\n' && b != '\r') {
                clean.write(b);
            }
        }
        byte[] c = clean.toByteArray();
        if (c.length % 4 != 0) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(c);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Every block in order, as a loop over {@code pem.Decode} sees them. */
    static List<Block> all(byte[] data) {
        List<Block> blocks = new ArrayList<>();
        while (true) {
            Decoded d = decode(data);
            if (d.block() == null) {
                return blocks;
            }
            blocks.add(d.block());
            data = d.rest();
        }
    }

    static String encode(String type, byte[] der) {
        return encode(new Block(type, Map.of(), der));
    }

    /** Go's {@code pem.Encode}. */
    static String encode(Block block) {
        StringBuilder out = new StringBuilder();
        out.append("-----BEGIN ").append(block.type()).append("-----\n");
        if (!block.headers().isEmpty()) {
            Map<String, String> sorted = new TreeMap<>(block.headers());
            String proc = sorted.remove("Proc-Type");
            if (proc != null) {
                out.append("Proc-Type: ").append(proc).append('\n');
            }
            sorted.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
            out.append('\n');
        }
        String b64 = Base64.getEncoder().encodeToString(block.bytes());
        for (int i = 0; i < b64.length(); i += 64) {
            out.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        out.append("-----END ").append(block.type()).append("-----\n");
        return out.toString();
    }
}
