package io.eso4j.mapping;

import io.eso4j.SecretMappingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of tidwall/gjson (v1.18) that ESO's {@code remoteRef.property} reaches: dotted paths, {@code \} escapes,
 * {@code *}/{@code ?} key wildcards, 0-based array indexes, {@code #} (length), {@code #.x} projections and
 * {@code |} pipes, rendered like gjson's {@code Result.String()}. Queries ({@code #(...)}), modifiers
 * ({@code @x}), literals ({@code !x}) and multipaths ({@code [..]}, <code>{..}</code>) are rejected with
 * {@link SecretMappingException}. Like gjson it does not validate the document beyond what it walks: a malformed
 * document is simply "not found". Stateless.
 */
final class Gjson {

    private Gjson() {}

    /** What a path selected: a JSON kind and the value's raw text (synthesised for {@code #} and projections). */
    record Hit(char kind, String raw) {
        /** gjson's {@code Result.String()}. */
        String render() {
            switch (kind) {
                case '"':
                    return Json.unescape(raw, 0, raw.length());
                case 'n':
                    return "";
                case 't':
                case 'f':
                case '{':
                case '[':
                    return raw;
                default:
                    return isIntegerLiteral(raw) ? raw : GoFloat.formatF(Double.parseDouble(raw));
            }
        }
    }

    /**
     * ESO's property lookup: with a {@code .} in {@code property}, the path with every dot escaped (one literal key)
     * is tried first; otherwise, or if that misses, the path as written.
     *
     * @return the rendered value, or empty when the path selects nothing (or the payload is not JSON)
     */
    static Optional<String> property(String json, String property) {
        if (property.indexOf('.') >= 0) {
            Optional<Hit> literal = get(json, property.replace(".", "\\."));
            if (literal.isPresent()) {
                return literal.map(Hit::render);
            }
        }
        return get(json, property).map(Hit::render);
    }

    /** gjson's {@code Get(json, path)}. */
    static Optional<Hit> get(String json, String path) {
        rejectUnsupported(path);
        List<List<Component>> segments = parse(path);
        String current = json;
        Hit hit = null;
        for (List<Component> segment : segments) {
            Optional<Hit> next;
            try {
                next = walk(current, 0, segment, 0);
            } catch (Json.MalformedJsonException | StringIndexOutOfBoundsException e) {
                next = Optional.empty();
            }
            if (next.isEmpty()) {
                return Optional.empty();
            }
            hit = next.get();
            current = hit.raw();
        }
        return Optional.ofNullable(hit);
    }

    private static void rejectUnsupported(String path) {
        if (path.isEmpty()) {
            return;
        }
        char first = path.charAt(0);
        if (first == '[' || first == '{') {
            throw unsupported(path, "multipaths");
        }
        if (first == '!') {
            throw unsupported(path, "literals");
        }
        boolean escaped = false;
        boolean componentStart = true;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (escaped) {
                escaped = false;
                componentStart = false;
                continue;
            }
            if (c == '\\') {
                escaped = true;
                continue;
            }
            if (componentStart && c == '@') {
                throw unsupported(path, "modifiers");
            }
            if (componentStart && c == '#' && i + 1 < path.length() && path.charAt(i + 1) == '(') {
                throw unsupported(path, "queries");
            }
            componentStart = c == '.' || c == '|';
        }
    }

    private static SecretMappingException unsupported(String path, String feature) {
        return new SecretMappingException(
                "property " + path + " uses gjson " + feature + ", which eso4j does not support");
    }

    /** One path component: the unescaped key, the glob tokens, and its kind. */
    private record Component(String key, List<int[]> glob, boolean wildcard, boolean hash) {}

    /** Splits at unescaped {@code |} into segments and at unescaped {@code .} into components. */
    private static List<List<Component>> parse(String path) {
        List<List<Component>> segments = new ArrayList<>();
        List<Component> segment = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        List<int[]> glob = new ArrayList<>();
        boolean wildcard = false;
        boolean rawHash = true;
        int i = 0;
        while (i <= path.length()) {
            if (i == path.length() || path.charAt(i) == '.' || path.charAt(i) == '|') {
                boolean hash = rawHash && key.length() == 1 && key.charAt(0) == '#';
                segment.add(new Component(key.toString(), glob, wildcard, hash));
                key = new StringBuilder();
                glob = new ArrayList<>();
                wildcard = false;
                rawHash = true;
                if (i == path.length() || path.charAt(i) == '|') {
                    segments.add(segment);
                    segment = new ArrayList<>();
                }
                i++;
                continue;
            }
            int c = path.codePointAt(i);
            if (c == '\\' && i + 1 < path.length()) {
                int escapedChar = path.codePointAt(i + 1);
                key.appendCodePoint(escapedChar);
                glob.add(new int[] {escapedChar, 0});
                rawHash = false;
                i += 1 + Character.charCount(escapedChar);
                continue;
            }
            key.appendCodePoint(c);
            boolean special = c == '*' || c == '?';
            wildcard |= special;
            glob.add(new int[] {c, special ? 1 : 0});
            i += Character.charCount(c);
        }
        return segments;
    }

    /** Evaluates {@code components[from..]} on the value starting at {@code json[at]}. */
    private static Optional<Hit> walk(String json, int at, List<Component> components, int from) {
        int start = Json.skipWhitespace(json, at);
        if (start >= json.length()) {
            return Optional.empty();
        }
        if (from == components.size()) {
            int end = Json.valueEnd(json, start);
            return Optional.of(new Hit(json.charAt(start), json.substring(start, end)));
        }
        Component component = components.get(from);
        char open = json.charAt(start);
        if (open == '{') {
            if (component.hash()) {
                return Optional.empty();
            }
            int member = findMember(json, start, component);
            return member < 0 ? Optional.empty() : walk(json, member, components, from + 1);
        }
        if (open == '[') {
            List<Integer> elements = elements(json, start);
            if (component.hash()) {
                if (from + 1 == components.size()) {
                    return Optional.of(new Hit('0', Integer.toString(elements.size())));
                }
                StringBuilder projected = new StringBuilder("[");
                for (int element : elements) {
                    Optional<Hit> part = walk(json, element, components, from + 1);
                    if (part.isPresent()) {
                        projected
                                .append(projected.length() > 1 ? "," : "")
                                .append(part.get().raw());
                    }
                }
                return Optional.of(new Hit('[', projected.append(']').toString()));
            }
            int index = parseIndex(component.key());
            if (component.wildcard() || index < 0 || index >= elements.size()) {
                return Optional.empty();
            }
            return walk(json, elements.get(index), components, from + 1);
        }
        return Optional.empty();
    }

    /** Offset of the value of the first member of the object at {@code start} whose key matches, or -1. */
    private static int findMember(String json, int start, Component component) {
        int i = Json.skipWhitespace(json, start + 1);
        if (json.charAt(i) == '}') {
            return -1;
        }
        while (true) {
            int keyEnd = Json.valueEnd(json, i);
            if (json.charAt(i) != '"') {
                return -1;
            }
            String key = Json.unescape(json, i, keyEnd);
            int colon = Json.skipWhitespace(json, keyEnd);
            if (json.charAt(colon) != ':') {
                return -1;
            }
            int valueStart = Json.skipWhitespace(json, colon + 1);
            boolean matches = component.wildcard() ? globLimited(component.glob(), key) : key.equals(component.key());
            if (matches) {
                return valueStart;
            }
            int next = Json.skipWhitespace(json, Json.valueEnd(json, valueStart));
            if (json.charAt(next) != ',') {
                return -1;
            }
            i = Json.skipWhitespace(json, next + 1);
        }
    }

    private static List<Integer> elements(String json, int start) {
        List<Integer> offsets = new ArrayList<>();
        int i = Json.skipWhitespace(json, start + 1);
        if (json.charAt(i) == ']') {
            return offsets;
        }
        while (true) {
            offsets.add(i);
            int next = Json.skipWhitespace(json, Json.valueEnd(json, i));
            if (json.charAt(next) != ',') {
                return offsets;
            }
            i = Json.skipWhitespace(json, next + 1);
        }
    }

    private static int parseIndex(String key) {
        if (key.isEmpty() || key.length() > 9) {
            return -1;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(key);
    }

    /**
     * gjson's {@code matchLimit(key, pattern)}: tidwall/match's {@code MatchLimit} with a complexity limit of 10,000
     * (the fix for CVE-2021-42248). The matcher recurses at each {@code *}; once it has been entered more than
     * 10,000 times the key's UTF-8 length, it stops and the key counts as not matching, as in gjson, so a
     * pathological pattern ({@code *a*a*a…*b}) costs at most that many steps instead of exponential time. A pattern
     * with so many stars that the recursion exhausts the stack is treated the same way.
     */
    static boolean globLimited(List<int[]> pattern, String key) {
        if (pattern.size() == 1 && isWild(pattern.get(0), '*')) {
            return true;
        }
        int[] s = key.codePoints().toArray();
        long[] budget = {0, (long) utf8Length(key) * MATCH_LIMIT};
        try {
            return glob(pattern, 0, pattern.size(), s, 0, s.length, budget) == MATCHED;
        } catch (StackOverflowError e) {
            return false;
        }
    }

    private static final int MATCH_LIMIT = 10_000;
    private static final int NO_MATCH = 0;
    private static final int MATCHED = 1;
    private static final int STOPPED = 2;

    /** tidwall/match's {@code match} over {@code pat[pi..pe)} and {@code s[si..se)}; {@code budget = {used, limit}}. */
    private static int glob(List<int[]> pat, int pi, int pe, int[] s, int si, int se, long[] budget) {
        if (budget[0] > budget[1]) {
            return STOPPED;
        }
        budget[0]++;
        while (pi < pe) {
            boolean wild = false;
            int[] token = pat.get(pi);
            if (isWild(token, '?')) {
                if (si == se) {
                    return NO_MATCH;
                }
            } else if (isWild(token, '*')) {
                while (pi + 1 < pe && isWild(pat.get(pi + 1), '*')) {
                    pi++; // repeated stars are one star
                }
                if (pi + 1 == pe) {
                    return MATCHED;
                }
                // match and trim the literal suffix of the pattern against the end of the key
                while (si < se && pe - pi > 1) {
                    int[] last = pat.get(pe - 1);
                    if (isWild(last, '*')) {
                        break;
                    }
                    if (!isWild(last, '?') && last[0] != s[se - 1]) {
                        return NO_MATCH;
                    }
                    se--;
                    pe--;
                }
                if (pe - pi == 1) {
                    return MATCHED;
                }
                int r = glob(pat, pi + 1, pe, s, si, se, budget);
                if (r != NO_MATCH) {
                    return r;
                }
                if (si == se) {
                    return NO_MATCH;
                }
                wild = true;
            } else if (si == se || token[0] != s[si]) {
                return NO_MATCH;
            }
            si++;
            if (!wild) {
                pi++;
            }
        }
        return si == se ? MATCHED : NO_MATCH;
    }

    private static boolean isWild(int[] token, char c) {
        return token[1] == 1 && token[0] == c;
    }

    private static int utf8Length(String key) {
        int bytes = 0;
        for (int i = 0; i < key.length(); ) {
            int cp = key.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return bytes;
    }

    static boolean isIntegerLiteral(String raw) {
        int i = raw.startsWith("-") ? 1 : 0;
        if (i == raw.length()) {
            return false;
        }
        for (; i < raw.length(); i++) {
            if (raw.charAt(i) < '0' || raw.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
