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

    static String pascal(String s) {
        StringBuilder out = new StringBuilder();
        boolean upperNext = true;
        for (int cp : s.codePoints().toArray()) {
            if (cp == '_' || cp == '-' || cp == ' ' || cp == '.') {
                upperNext = true;
                continue;
            }
            out.appendCodePoint(upperNext ? Character.toUpperCase(cp) : cp);
            upperNext = false;
        }
        return out.toString();
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
