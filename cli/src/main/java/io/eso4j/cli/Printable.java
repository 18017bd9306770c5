package io.eso4j.cli;

/**
 * Names (Secret names, keys, types) made safe to print where a person or a shell reads them: a name of visible ASCII
 * only ({@code !} to {@code ~}, no space) is printed as it is; any other is printed double-quoted with every control,
 * space-like or non-ASCII character escaped ({@code \n}, {@code \t}, {@code \x1b}, <code>&#92;u202e</code>, ...), so a name can
 * neither end a line (a forged line in {@code -o keys}, a command after a {@code #} comment in {@code -o env}) nor
 * send terminal escape sequences or bidirectional overrides. Never used for values: values are not printed outside
 * the secret data formats.
 */
final class Printable {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {}

    /** {@code name} as it is when plain, else quoted and escaped; the result holds visible ASCII and spaces only. */
    static String name(String name) {
        return isPlain(name) ? name : quoted(name);
    }

    /** {@code name} double-quoted, escaped as {@link #name} escapes it. */
    static String quoted(String name) {
        StringBuilder out = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append(c);
                    } else if (c < 0x100) {
                        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append("\\u")
                                .append(HEX[c >> 12])
                                .append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf])
                                .append(HEX[c & 0xf]);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * A message line for standard error: every character that could end the line, move the cursor, start a terminal
     * escape sequence or reorder the text (C0 controls but tab, DEL, C1 controls, line and paragraph separators,
     * bidirectional controls) escaped as {@code \xNN} / <code>&#92;uNNNN</code>; everything else as it is.
     */
    static String line(String message) {
        StringBuilder out = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean unsafe = (c < 0x20 && c != '\t')
                    || (c >= 0x7f && c < 0xa0)
                    || c == '\u2028'
                    || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069')
                    || c == '\u200e'
                    || c == '\u200f';
            if (unsafe && out == null) {
                out = new StringBuilder(message.length() + 16).append(message, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (!unsafe) {
                out.append(c);
            } else if (c < 0x100) {
                out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                out.append("\\u")
                        .append(HEX[c >> 12])
                        .append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            }
        }
        return out == null ? message : out.toString();
    }

    private static boolean isPlain(String name) {
        if (name.isEmpty() || name.charAt(0) == '"') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
