package io.eso4j.mapping.template;

import java.util.Comparator;

/**
 * Go's string rules, each in one place: the key order of Go maps, {@code strconv.Quote} ({@code %q}), the string
 * literals of {@code encoding/json}, literal unquoting and the {@code unicode} predicates Go uses. The template
 * engine, the mapping pipeline ({@code io.eso4j.mapping}) and ESO's markers ({@code io.eso4j.integration.EsoMarkers}) all call
 * these, so they cannot drift apart; only what those packages need is public. Not an application API. Stateless and
 * thread-safe.
 */
public final class GoStrings {

    /**
     * How Go orders string keys (sorted map keys, {@code json.Marshal}, {@code fmt}'s {@code %v} of a map): by
     * their UTF-8 bytes, which is code point order, unlike {@link String#compareTo} (UTF-16 units).
     */
    public static final Comparator<String> KEY_ORDER = GoStrings::compareCodePoints;

    private GoStrings() {}

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * Appends {@code s} as {@code encoding/json} writes a string: quoted; the quote, the backslash and
     * {@code \b \f \n \r \t} escaped with a backslash; other control characters, U+2028 and U+2029 as six-character
     * unicode escapes; a lone surrogate as the escape of U+FFFD; and {@code < > &} as unicode escapes too when
     * {@code escapeHtml} (as {@code json.Marshal} does; an encoder with {@code SetEscapeHTML(false)} does not).
     */
    public static void appendJsonString(StringBuilder out, String s, boolean escapeHtml) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20
                            || c == '\u2028'
                            || c == '\u2029'
                            || (escapeHtml && (c == '<' || c == '>' || c == '&'))) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c)
                                && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            out.append("\\ufffd");
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Unquotes a Go double-quoted string or character literal ({@code strconv.Unquote}). */
    static String unquote(String literal, int pos) {
        char quote = literal.charAt(0);
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == quote) {
                throw new TemplateSyntaxException(pos, "invalid syntax in quoted constant " + literal);
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= body.length()) {
                throw new TemplateSyntaxException(pos, "invalid syntax in quoted constant " + literal);
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '\\' -> out.append('\\');
                case '"', '\'' -> {
                    if (e != quote) {
                        throw new TemplateSyntaxException(pos, "invalid syntax in quoted constant " + literal);
                    }
                    out.append(e);
                }
                case 'x', 'u', 'U' -> {
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + n > body.length()) {
                        throw new TemplateSyntaxException(pos, "invalid syntax in quoted constant " + literal);
                    }
                    int value = parseHex(body.substring(i, i + n), pos, literal);
                    i += n;
                    if (e == 'x') {
                        // \xHH is a raw byte; only ASCII bytes can be represented in a Java string.
                        if (value > 0x7f) {
                            throw new TemplateSyntaxException(
                                    pos, "non-ASCII \\x escapes are not supported by eso4j in " + literal);
                        }
                        out.append((char) value);
                    } else {
                        if (value > 0x10FFFF || (value >= 0xD800 && value < 0xE000)) {
                            throw new TemplateSyntaxException(pos, "invalid syntax in quoted constant " + literal);
                        }
                        out.appendCodePoint(value);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        if (i + 2 > body.length()) {
                            throw new TemplateSyntaxException(pos, "invalid syntax in quoted constant " + literal);
                        }
                        String oct = body.substring(i - 1, i + 2);
                        if (!oct.chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
                            throw new TemplateSyntaxException(pos, "invalid syntax in quoted constant " + literal);
                        }
                        int value = Integer.parseInt(oct, 8);
                        if (value > 0x7f) {
                            throw new TemplateSyntaxException(
                                    pos, "non-ASCII octal escapes are not supported by eso4j in " + literal);
                        }
                        out.append((char) value);
                        i += 2;
                    } else {
                        throw new TemplateSyntaxException(pos, "invalid syntax in quoted constant " + literal);
                    }
                }
            }
        }
        if (quote == '\'' && out.codePointCount(0, out.length()) != 1) {
            throw new TemplateSyntaxException(pos, "malformed character constant: " + literal);
        }
        return out.toString();
    }

    private static int parseHex(String digits, int pos, String literal) {
        try {
            return Integer.parseUnsignedInt(digits, 16);
        } catch (NumberFormatException e) {
            throw new TemplateSyntaxException(pos, "invalid syntax in quoted constant " + literal);
        }
    }

    /**
     * Go's {@code strconv.Quote}, which {@code %q} prints: double quotes, Go's escapes for what is not printable
     * (BEL as {@code \a}, other control characters as {@code \x07}-style escapes, invisible runes as unicode
     * escapes), printable runes kept as they are. ESO's messages quote key names with it.
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> appendEscaped(out, cp, '"'));
        return out.append('"').toString();
    }

    /** Go's {@code strconv.QuoteRune}. */
    static String quoteRune(int cp) {
        StringBuilder out = new StringBuilder().append('\'');
        appendEscaped(out, cp, '\'');
        return out.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder out, int cp, char quote) {
        if (cp == quote || cp == '\\') {
            out.append('\\').appendCodePoint(cp);
            return;
        }
        if (isPrint(cp)) {
            out.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0b -> out.append("\\v");
            default -> {
                if (cp < ' ' || cp == 0x7f) {
                    out.append(String.format("\\x%02x", cp));
                } else if (cp >= 0xD800 && cp < 0xE000) {
                    out.append("\\ufffd");
                } else if (cp < 0x10000) {
                    out.append(String.format("\\u%04x", cp));
                } else {
                    out.append(String.format("\\U%08x", cp));
                }
            }
        }
    }

    /** Approximates Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isSpace(int cp) {
        if (cp <= 0xff) {
            return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0;
        }
        return cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0x202F
                || cp == 0x205F
                || cp == 0x3000;
    }

    /** Go's {@code strings.TrimSpace}. */
    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end) {
            int cp = s.codePointAt(start);
            if (!isSpace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    /** Go's {@code strings.Trim(s, cutset)}. */
    static String trim(String s, String cutset) {
        int start = 0;
        int end = s.length();
        while (start < end) {
            int cp = s.codePointAt(start);
            if (cutset.indexOf(cp) < 0) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = s.codePointBefore(end);
            if (cutset.indexOf(cp) < 0) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    /** Go's {@code strings.ToUpper}/{@code ToLower}: per-rune simple case mapping, no locale. */
    static String mapCase(String s, boolean upper) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints()
                .forEach(cp -> out.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp)));
        return out.toString();
    }

    /** Go's (deprecated) {@code strings.Title}, which Sprig's {@code title} calls. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int[] prev = {' '};
        s.codePoints().forEach(cp -> {
            out.appendCodePoint(isSeparator(prev[0]) ? Character.toTitleCase(cp) : cp);
            prev[0] = cp;
        });
        return out.toString();
    }

    private static boolean isSeparator(int cp) {
        if (cp <= 0x7f) {
            return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_');
        }
        if (Character.isLetter(cp) || Character.isDigit(cp)) {
            return false;
        }
        return isSpace(cp);
    }

    /** Go's {@code strings.Replace(s, old, new, -1)}, including the rune-boundary rule for an empty {@code old}. */
    static String replaceAll(String s, String old, String replacement) {
        long count = 0;
        if (old.isEmpty()) {
            count = s.codePointCount(0, s.length()) + 1L;
        } else {
            for (int at = s.indexOf(old); at >= 0; at = s.indexOf(old, at + old.length())) {
                count++;
            }
        }
        Sprig.checkSize("replace", s.length() + count * (replacement.length() - (long) old.length()));
        if (!old.isEmpty()) {
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder().append(replacement);
        s.codePoints().forEach(cp -> out.appendCodePoint(cp).append(replacement));
        return out.toString();
    }

    /** Go's {@code strings.Split}: an empty separator splits after each rune; no trailing parts are dropped. */
    static java.util.List<String> split(String s, String sep) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
            return parts;
        }
        int start = 0;
        while (true) {
            int at = s.indexOf(sep, start);
            if (at < 0) {
                parts.add(s.substring(start));
                return parts;
            }
            parts.add(s.substring(start, at));
            start = at + sep.length();
        }
    }

    /** Go's {@code len} of a string: its UTF-8 byte count. */
    static int byteLength(String s) {
        return GoBytes.length(s);
    }
}
