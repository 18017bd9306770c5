package io.eso4j.mapping.template;

import java.io.ByteArrayOutputStream;

/** Go's {@code base32.StdEncoding} (RFC 4648 alphabet, padded); decode errors are Go's texts, as Sprig returns them. */
final class Base32 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {}

    static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length + 4) / 5 * 8);
        for (int i = 0; i < data.length; i += 5) {
            int n = Math.min(5, data.length - i);
            long buffer = 0;
            for (int k = 0; k < 5; k++) {
                buffer = buffer << 8 | (k < n ? data[i + k] & 0xff : 0);
            }
            int chars = (n * 8 + 4) / 5;
            for (int k = 0; k < 8; k++) {
                out.append(k < chars ? ALPHABET.charAt((int) (buffer >> (35 - 5 * k)) & 31) : '=');
            }
        }
        return out.toString();
    }

    static String decode(String text) {
        String s = text.replace("\r", "").replace("\n", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (s.length() % 8 != 0) {
            return "illegal base32 data at input byte " + (s.length() / 8 * 8 + Math.min(s.length() % 8, 8));
        }
        for (int i = 0; i < s.length(); i += 8) {
            long buffer = 0;
            int chars = 8;
            for (int k = 0; k < 8; k++) {
                char c = s.charAt(i + k);
                if (c == '=') {
                    if (chars == 8) {
                        chars = k;
                    }
                    if (i + 8 != s.length() || k < 2) {
                        return "illegal base32 data at input byte " + (i + k);
                    }
                    buffer <<= 5;
                    continue;
                }
                int v = ALPHABET.indexOf(c);
                if (v < 0 || chars != 8) {
                    return "illegal base32 data at input byte " + (i + k);
                }
                buffer = buffer << 5 | v;
            }
            int bytes = switch (chars) {
                case 8 -> 5;
                case 7 -> 4;
                case 5 -> 3;
                case 4 -> 2;
                case 2 -> 1;
                default -> -1;
            };
            if (bytes < 0) {
                return "illegal base32 data at input byte " + (i + chars);
            }
            for (int k = 0; k < bytes; k++) {
                out.write((int) (buffer >> (32 - 8 * k)) & 0xff);
            }
        }
        return GoBytes.string(out.toByteArray());
    }
}
