package io.eso4j.mapping.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Word-case conversions ({@code huandu/xstrings}' {@code ToSnakeCase}, {@code ToKebabCase}, {@code ToPascalCase})
 * and {@code goutils}' {@code WrapCustom}. Stateless.
 */
final class Case {

    private Case() {}

    /** Splits on non-alphanumerics, lower→upper changes and the end of an acronym ({@code HTTPServer}). */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (!Character.isLetterOrDigit(cp)) {
                flush(words, word);
                continue;
            }
            if (word.length() > 0 && Character.isUpperCase(cp)) {
                int prev = cps[i - 1];
                boolean nextLower = i + 1 < cps.length && Character.isLowerCase(cps[i + 1]);
                if (Character.isLowerCase(prev)
                        || Character.isDigit(prev)
                        || (Character.isUpperCase(prev) && nextLower)) {
                    flush(words, word);
                }
            }
            word.appendCodePoint(cp);
        }
        flush(words, word);
        return words;
    }

    private static void flush(List<String> words, StringBuilder word) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    static String snake(String s, char separator) {
        List<String> out = new ArrayList<>();
        for (String w : words(s)) {
            out.add(GoStrings.mapCase(w, false));
        }
        return String.join(String.valueOf(separator), out);
    }

    /**
     * {@code xstrings.ToCamelCase} (huandu/xstrings v1.5.0, which ESO's Sprig uses; Sprig's {@code TestCamelCase}):
     * words joined by {@code -}, {@code _} or white space, each capitalised; leading connectors are kept, and of a run
     * of connectors all but the last; a trailing connector is kept (and a text of connectors only gets its last one twice, as in Go).
     */
    static String pascal(String s) {
        int[] cps = s.codePoints().toArray();
        if (cps.length == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int r0 = 0;
        while (i < cps.length) {
            r0 = cps[i++];
            if (!isConnector(r0)) {
                r0 = Character.toUpperCase(r0);
                break;
            }
            out.appendCodePoint(r0);
        }
        if (i >= cps.length) {
            // as xstrings: the last rune is written once more, so "_" becomes "__"
            out.appendCodePoint(r0);
            return out.toString();
        }
        while (i < cps.length) {
            int r1 = r0;
            r0 = cps[i++];
            if (isConnector(r0) && isConnector(r1)) {
                out.appendCodePoint(r1);
                continue;
            }
            if (isConnector(r1)) {
                r0 = Character.toUpperCase(r0);
            } else {
                out.appendCodePoint(r1);
            }
        }
        out.appendCodePoint(r0);
        return out.toString();
    }

    private static boolean isConnector(int cp) {
        return cp == '-' || cp == '_' || GoStrings.isSpace(cp);
    }

    /** {@code goutils.WrapCustom}. */
    static String wrap(String str, int wrapLength, String newLine, boolean wrapLongWords) {
        if (str.isEmpty()) {
            return "";
        }
        if (newLine.isEmpty()) {
            newLine = "\n";
        }
        if (wrapLength < 1) {
            wrapLength = 1;
        }
        int length = str.length();
        int offset = 0;
        StringBuilder out = new StringBuilder();
        while (length - offset > wrapLength) {
            if (str.charAt(offset) == ' ') {
                offset++;
                continue;
            }
            int end = wrapLength + offset + 1;
            int spaceToWrapAt = str.substring(offset, end).lastIndexOf(' ') + offset;
            if (spaceToWrapAt >= offset) {
                out.append(str, offset, spaceToWrapAt).append(newLine);
                offset = spaceToWrapAt + 1;
            } else if (wrapLongWords) {
                out.append(str, offset, wrapLength + offset).append(newLine);
                offset += wrapLength;
            } else {
                int e = wrapLength + offset;
                int index = str.indexOf(' ', e);
                if (index == -1) {
                    out.append(str.substring(offset));
                    offset = length;
                } else {
                    out.append(str, offset, index).append(newLine);
                    offset = index + 1;
                }
            }
            Sprig.checkSize("wrap", out.length());
        }
        out.append(str.substring(offset));
        return out.toString();
    }
}
