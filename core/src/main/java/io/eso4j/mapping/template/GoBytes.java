package io.eso4j.mapping.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go strings are byte strings; Java strings are UTF-16. This maps between the two without loss: valid UTF-8 decodes
 * to the same text, and each byte that is not part of a valid UTF-8 sequence becomes the lone surrogate
 * {@code U+DC80..U+DCFF} (the "surrogate escape" of PEP 383), which no valid UTF-8 can produce. {@link
 * #bytes(String)} reverses it exactly, so a PKCS#12 file can pass through {@code b64dec}, {@code pkcs12key} or a
 * rendered value byte for byte. Stateless.
 */
public final class GoBytes {

    private GoBytes() {}

    /** The Go string for {@code bytes}: UTF-8 text, with undecodable bytes escaped. */
    public static String string(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            }
            int len;
            int cp;
            int min;
            if (b >= 0xc2 && b <= 0xdf) {
                len = 2;
                cp = b & 0x1f;
                min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                len = 3;
                cp = b & 0x0f;
                min = 0x800;
            } else if (b >= 0xf0 && b <= 0xf4) {
                len = 4;
                cp = b & 0x07;
                min = 0x10000;
            } else {
                out.append((char) (0xdc00 | b));
                i++;
                continue;
            }
            boolean ok = i + len <= n;
            for (int k = 1; ok && k < len; k++) {
                int c = bytes[i + k] & 0xff;
                if ((c & 0xc0) != 0x80) {
                    ok = false;
                } else {
                    cp = (cp << 6) | (c & 0x3f);
                }
            }
            if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
                out.appendCodePoint(cp);
                i += len;
            } else {
                out.append((char) (0xdc00 | b));
                i++;
            }
        }
        return out.toString();
    }

    /** The bytes of a Go string made by {@link #string(byte[])} or by the template engine. */
    public static byte[] bytes(String s) {
        if (isPlain(s)) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0xdc80 && c <= 0xdcff) {
                out.write(c & 0xff);
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                byte[] utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                i++;
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate outside the escape range: Go would hold U+FFFD here.
                out.write(0xef);
                out.write(0xbf);
                out.write(0xbd);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    /** Length in bytes, as Go's {@code len} of a string. */
    static int length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (c >= 0xdc80 && c <= 0xdcff) {
                n++;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
