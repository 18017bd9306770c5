package io.eso4j.mapping;

import io.eso4j.mapping.template.GoStrings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small JSON reader and writer with Go's {@code encoding/json} rules where ESO depends on them: strict syntax,
 * raw text of any value kept exactly as written, duplicate members last-wins, and output that is compact, sorted by
 * key (byte order) and escaped like Go ({@code \u003c} for {@code <} when HTML escaping is on, {@code \u2028}
 * always). Error texts give an offset, never the offending text, because the text is a secret. Stateless.
 */
final class Json {

    /** Orders keys as Go sorts map keys: by UTF-8 bytes, which is code point order. */
    private Json() {}

    /** The document is not JSON; the message names an offset only. */
    static final class MalformedJsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- reading

    /** Index of the first non-whitespace character (JSON whitespace only) at or after {@code from}. */
    static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    /** Index just after the (strictly valid) JSON value starting at {@code from}. */
    static int valueEnd(String text, int from) {
        return new Reader(text).skipValue(from);
    }

    /** Whether {@code text} is exactly one JSON value, with optional surrounding whitespace. */
    static void requireSingleValue(String text) {
        int start = skipWhitespace(text, 0);
        int end = skipWhitespace(text, valueEnd(text, start));
        if (end != text.length()) {
            throw syntax("invalid character after top-level value", end);
        }
    }

    /**
     * The members of a top-level object as raw value texts, in document order, duplicates resolved last-wins (Go).
     * The literal {@code null} gives an empty map, as Go's unmarshal into a map does.
     *
     * @throws MalformedJsonException for invalid JSON or a top level that is not an object (Go's wording)
     */
    static Map<String, String> objectMembers(String text) {
        requireSingleValue(text);
        int start = skipWhitespace(text, 0);
        char first = text.charAt(start);
        Map<String, String> members = new LinkedHashMap<>();
        if (first == 'n') {
            return members;
        }
        if (first != '{') {
            throw new MalformedJsonException(
                    "json: cannot unmarshal " + kindName(first) + " into Go value of type map[string]json.RawMessage");
        }
        Reader reader = new Reader(text);
        int i = skipWhitespace(text, start + 1);
        if (text.charAt(i) == '}') {
            return members;
        }
        while (true) {
            int keyEnd = reader.skipString(i);
            String key = unescape(text, i, keyEnd);
            int valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
            int valueEnd = reader.skipValue(valueStart);
            members.remove(key);
            members.put(key, text.substring(valueStart, valueEnd));
            i = skipWhitespace(text, valueEnd);
            if (text.charAt(i) == '}') {
                return members;
            }
            i = skipWhitespace(text, i + 1);
        }
    }

    /**
     * Parses like Go's {@code json.Unmarshal} into {@code any}: objects become maps (document order, last wins),
     * arrays lists, numbers {@link Double}, {@code null} Java {@code null}.
     */
    static Object parse(String text) {
        requireSingleValue(text);
        return new Reader(text).read(skipWhitespace(text, 0));
    }

    /** Go's name for the JSON kind starting with {@code c}, as in its "cannot unmarshal X" errors. */
    static String kindName(char c) {
        switch (c) {
            case '[':
                return "array";
            case '"':
                return "string";
            case 't':
            case 'f':
                return "bool";
            case '{':
                return "object";
            case 'n':
                return "null";
            default:
                return "number";
        }
    }

    /**
     * The content of the JSON string literal {@code text[start, end)} (quotes included), unescaped. Lenient for
     * literals that were not validated (gjson): a bad escape is kept as written.
     */
    static String unescape(String text, int start, int end) {
        StringBuilder out = null;
        int runStart = start + 1;
        int last = end - 1;
        for (int i = start + 1; i < last; i++) {
            if (text.charAt(i) != '\\') {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(end - start);
            }
            out.append(text, runStart, i);
            char e = i + 1 < last ? text.charAt(i + 1) : '\\';
            i++;
            switch (e) {
                case 'b':
                    out.append('\b');
                    break;
                case 'f':
                    out.append('\f');
                    break;
                case 'n':
                    out.append('\n');
                    break;
                case 'r':
                    out.append('\r');
                    break;
                case 't':
                    out.append('\t');
                    break;
                case 'u':
                    int code = hex4(text, i + 1, last);
                    if (code < 0) {
                        out.append('\\').append('u');
                    } else {
                        out.append((char) code);
                        i += 4;
                    }
                    break;
                default:
                    out.append(e);
            }
            runStart = i + 1;
        }
        if (out == null) {
            return text.substring(start + 1, last);
        }
        return out.append(text, runStart, last).toString();
    }

    private static int hex4(String text, int from, int limit) {
        if (from + 4 > limit) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static MalformedJsonException syntax(String what, int offset) {
        return new MalformedJsonException(what + " at offset " + offset);
    }

    /**
     * Deepest nesting of arrays and objects accepted, as Go's {@code encoding/json} ({@code exceeded max depth}).
     */
    static final int MAX_DEPTH = 10_000;

    /**
     * Deepest nesting read into Java values (merge rewrites, {@code fromJson}): lower than Go's, to stay clear of
     * the thread's stack; no real secret comes near it.
     */
    static final int MAX_READ_DEPTH = 1_000;

    /** Recursive-descent validator/reader over one document. */
    private static final class Reader {
        private final String text;

        Reader(String text) {
            this.text = text;
        }

        private char at(int i) {
            if (i >= text.length()) {
                throw syntax("unexpected end of JSON input", i);
            }
            return text.charAt(i);
        }

        /**
         * Validates the value at {@code i} and returns the offset after it. Iterative, with an explicit stack of
         * open containers, so nesting depth costs heap, not thread stack.
         */
        int skipValue(int i) {
            boolean[] inObject = new boolean[16];
            int depth = 0;
            int p = i;
            while (true) {
                char c = at(p);
                if (c == '{' || c == '[') {
                    if (depth == MAX_DEPTH) {
                        throw syntax("exceeded max depth", p);
                    }
                    if (depth == inObject.length) {
                        inObject = java.util.Arrays.copyOf(inObject, depth * 2);
                    }
                    inObject[depth++] = c == '{';
                    p = skipWhitespace(text, p + 1);
                    if (at(p) != (c == '{' ? '}' : ']')) {
                        p = c == '{' ? skipKey(p) : p;
                        continue;
                    }
                    p++;
                    depth--;
                } else {
                    p = skipScalar(p, c);
                }
                // After a value: close finished containers, or move to the next member or element.
                while (true) {
                    if (depth == 0) {
                        return p;
                    }
                    p = skipWhitespace(text, p);
                    char d = at(p);
                    boolean object = inObject[depth - 1];
                    if (d == (object ? '}' : ']')) {
                        p++;
                        depth--;
                        continue;
                    }
                    if (d != ',') {
                        throw syntax(
                                object
                                        ? "invalid character after object key:value pair"
                                        : "invalid character after array element",
                                p);
                    }
                    p = skipWhitespace(text, p + 1);
                    if (object) {
                        p = skipKey(p);
                    }
                    break;
                }
            }
        }

        /** A member's key and colon; returns the offset of its value. */
        private int skipKey(int p) {
            if (at(p) != '"') {
                throw syntax("invalid character looking for beginning of object key string", p);
            }
            int q = skipWhitespace(text, skipString(p));
            if (at(q) != ':') {
                throw syntax("invalid character after object key", q);
            }
            return skipWhitespace(text, q + 1);
        }

        private int skipScalar(int i, char c) {
            switch (c) {
                case '"':
                    return skipString(i);
                case 't':
                    return skipWord(i, "true");
                case 'f':
                    return skipWord(i, "false");
                case 'n':
                    return skipWord(i, "null");
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return skipNumber(i);
                    }
                    throw syntax("invalid character looking for beginning of value", i);
            }
        }

        private int skipWord(int i, String word) {
            if (!text.startsWith(word, i)) {
                throw syntax("invalid literal", i);
            }
            return i + word.length();
        }

        int skipString(int i) {
            if (at(i) != '"') {
                throw syntax("expected string", i);
            }
            int p = i + 1;
            while (true) {
                char c = at(p);
                if (c == '"') {
                    return p + 1;
                }
                if (c < 0x20) {
                    throw syntax("invalid control character in string literal", p);
                }
                if (c == '\\') {
                    char e = at(p + 1);
                    if (e == 'u') {
                        if (hex4(text, p + 2, text.length()) < 0) {
                            throw syntax("invalid unicode escape in string literal", p);
                        }
                        p += 6;
                        continue;
                    }
                    if ("\"\\/bfnrt".indexOf(e) < 0) {
                        throw syntax("invalid escape in string literal", p);
                    }
                    p += 2;
                    continue;
                }
                p++;
            }
        }

        private int skipNumber(int i) {
            int p = i;
            if (at(p) == '-') {
                p++;
            }
            char c = at(p);
            if (c == '0') {
                p++;
            } else if (c >= '1' && c <= '9') {
                p = digits(p);
            } else {
                throw syntax("invalid character in numeric literal", p);
            }
            if (p < text.length() && text.charAt(p) == '.') {
                p++;
                if (!isDigit(p)) {
                    throw syntax("invalid character after decimal point in numeric literal", p);
                }
                p = digits(p);
            }
            if (p < text.length() && (text.charAt(p) == 'e' || text.charAt(p) == 'E')) {
                p++;
                if (p < text.length() && (text.charAt(p) == '+' || text.charAt(p) == '-')) {
                    p++;
                }
                if (!isDigit(p)) {
                    throw syntax("invalid character in exponent of numeric literal", p);
                }
                p = digits(p);
            }
            return p;
        }

        private boolean isDigit(int p) {
            return p < text.length() && text.charAt(p) >= '0' && text.charAt(p) <= '9';
        }

        private int digits(int p) {
            int q = p;
            while (isDigit(q)) {
                q++;
            }
            return q;
        }

        /** Reads the (already validated) value at {@code i} into Go-like Java values. */
        Object read(int i) {
            return read(i, 0);
        }

        /**
         * Recursive, so it materialises at most {@link #MAX_READ_DEPTH} levels; deeper documents are only ever
         * validated and skipped (iteratively), never read into values.
         */
        private Object read(int i, int depth) {
            char c = text.charAt(i);
            if ((c == '{' || c == '[') && depth == MAX_READ_DEPTH) {
                throw syntax("exceeded max depth", i);
            }
            switch (c) {
                case '{': {
                    Map<String, Object> map = new LinkedHashMap<>();
                    int p = skipWhitespace(text, i + 1);
                    if (text.charAt(p) == '}') {
                        return map;
                    }
                    while (true) {
                        int keyEnd = skipString(p);
                        String key = unescape(text, p, keyEnd);
                        int valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
                        map.remove(key);
                        map.put(key, read(valueStart, depth + 1));
                        p = skipWhitespace(text, skipValue(valueStart));
                        if (text.charAt(p) == '}') {
                            return map;
                        }
                        p = skipWhitespace(text, p + 1);
                    }
                }
                case '[': {
                    List<Object> list = new ArrayList<>();
                    int p = skipWhitespace(text, i + 1);
                    if (text.charAt(p) == ']') {
                        return list;
                    }
                    while (true) {
                        list.add(read(p, depth + 1));
                        p = skipWhitespace(text, skipValue(p));
                        if (text.charAt(p) == ']') {
                            return list;
                        }
                        p = skipWhitespace(text, p + 1);
                    }
                }
                case '"':
                    return unescape(text, i, skipString(i));
                case 't':
                    return Boolean.TRUE;
                case 'f':
                    return Boolean.FALSE;
                case 'n':
                    return null;
                default:
                    return Double.parseDouble(text.substring(i, skipNumber(i)));
            }
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Go's {@code json.Marshal} of a value built from maps, lists, strings, doubles, booleans and {@code null}: compact,
     * map keys sorted, floats in Go's format.
     *
     * @param escapeHtml {@code true} for {@code json.Marshal}, {@code false} for an encoder with
     *     {@code SetEscapeHTML(false)}
     */
    static String write(Object value, boolean escapeHtml) {
        StringBuilder out = new StringBuilder();
        write(out, value, escapeHtml);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, boolean escapeHtml) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            GoStrings.appendJsonString(out, (String) value, escapeHtml);
        } else if (value instanceof Double) {
            out.append(GoFloat.formatJson((Double) value));
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map) {
            Map<String, Object> sorted = new TreeMap<>(GoStrings.KEY_ORDER);
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                sorted.put((String) e.getKey(), e.getValue());
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                GoStrings.appendJsonString(out, e.getKey(), escapeHtml);
                out.append(':');
                write(out, e.getValue(), escapeHtml);
            }
            out.append('}');
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object element : (List<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, element, escapeHtml);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        }
    }
}
