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
            boolean matches = component.wildcard() ? glob(component.glob(), 0, key, 0) : key.equals(component.key());
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

    /** Glob match of {@code pattern[p..]} ({@code {codePoint, isWildcard}} tokens) against {@code s[i..]}. */
    private static boolean glob(List<int[]> pattern, int p, String s, int i) {
        if (p == pattern.size()) {
            return i == s.length();
        }
        int[] token = pattern.get(p);
        if (token[1] == 1 && token[0] == '*') {
            for (int j = i; j <= s.length(); j = j < s.length() ? j + Character.charCount(s.codePointAt(j)) : j + 1) {
                if (glob(pattern, p + 1, s, j)) {
                    return true;
                }
            }
            return false;
        }
        if (i >= s.length()) {
            return false;
        }
        int c = s.codePointAt(i);
        if ((token[1] == 1 && token[0] == '?') || token[0] == c) {
            return glob(pattern, p + 1, s, i + Character.charCount(c));
        }
        return false;
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
