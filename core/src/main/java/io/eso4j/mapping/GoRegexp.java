package io.eso4j.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Go (RE2) regular expression run on {@link java.util.regex}, with Go's replacement semantics.
 *
 * <p>Translation: {@code (?P<name>..)} and {@code (?<name>..)} become plain groups (Go names may contain {@code _}
 * and start with a digit, Java's may not; names are resolved here); POSIX classes such as {@code [[:alpha:]]}
 * become {@code \p{Alpha}}; a {@code [} or {@code &&} inside a class is literal, as in Go; {@code $} outside
 * multi-line mode means end of text (Java's would also match before a final newline); {@code .} excludes only
 * {@code \n}. RE2 has no look-around, back-references, possessive quantifiers or atomic groups, so those are
 * rejected instead of silently taking Java's meaning.
 *
 * <p>Immutable and thread-safe.
 */
final class GoRegexp {

    private static final Pattern MULTILINE_FLAG = Pattern.compile("\\(\\?[a-zA-Z]*m[a-zA-Z-]*[:)]");

    private final String source;
    private final Pattern pattern;
    /** Go group names by group index (index 0 is the whole match, never named); {@code ""} for unnamed. */
    private final List<String> groupNames;

    private GoRegexp(String source, Pattern pattern, List<String> groupNames) {
        this.source = source;
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /** A Go expression that cannot be compiled; the message describes why, without Go's exact wording. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    static GoRegexp compile(String source) throws SyntaxException {
        List<String> names = new ArrayList<>();
        names.add("");
        String translated = translate(source, names);
        try {
            return new GoRegexp(
                    source, Pattern.compile(translated, Pattern.UNIX_LINES), Collections.unmodifiableList(names));
        } catch (PatternSyntaxException e) {
            throw new SyntaxException("error parsing regexp: " + e.getDescription() + ": `" + source + "`");
        }
    }

    String source() {
        return source;
    }

    /** Go's {@code MatchString}: whether the expression matches anywhere in {@code s} (unanchored). */
    boolean matches(String s) {
        return pattern.matcher(s).find();
    }

    /**
     * Go's {@code ReplaceAllString(s, template)}: {@code $name}/{@code ${name}} expansion, and no replacement for
     * an empty match right after a previous match.
     */
    String replaceAll(String s, String template) {
        Matcher m = pattern.matcher(s);
        StringBuilder out = new StringBuilder();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= s.length() && m.find(searchPos)) {
            int start = m.start();
            int end = m.end();
            out.append(s, lastMatchEnd, start);
            if (end > lastMatchEnd || start == 0) {
                expand(out, template, m);
            }
            lastMatchEnd = end;
            int width = searchPos < s.length() ? Character.charCount(s.codePointAt(searchPos)) : 1;
            searchPos = searchPos + width > end ? searchPos + width : end;
        }
        out.append(s, lastMatchEnd, s.length());
        return out.toString();
    }

    /** Go's {@code Regexp.Expand}: {@code $$}, {@code $name} (longest run of letters, digits, {@code _}), {@code ${name}}. */
    private void expand(StringBuilder out, String template, Matcher m) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int next;
            if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
                int close = template.indexOf('}', i + 2);
                name = close < 0 ? "" : template.substring(i + 2, close);
                next = close + 1;
                if (close < 0 || name.isEmpty() || nameEnd(name, 0) != name.length()) {
                    name = "";
                }
            } else {
                next = nameEnd(template, i + 1);
                name = template.substring(i + 1, next);
            }
            if (name.isEmpty()) {
                out.append('$'); // malformed reference: Go keeps the '$' as text
                i++;
                continue;
            }
            String group = group(m, name);
            if (group != null) {
                out.append(group);
            }
            i = next;
        }
    }

    private static int nameEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!Character.isLetter(cp) && Character.getType(cp) != Character.DECIMAL_DIGIT_NUMBER && cp != '_') {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /** The text of group {@code name} (a number or a Go group name), or {@code null} if absent or unmatched. */
    private String group(Matcher m, String name) {
        int index = -1;
        if (name.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            if (name.length() <= 8) {
                index = Integer.parseInt(name);
            }
        } else {
            index = groupNames.indexOf(name);
        }
        if (index < 0 || index > m.groupCount()) {
            return null;
        }
        return m.group(index);
    }

    // ---------------------------------------------------------------- translation

    private static String translate(String source, List<String> names) throws SyntaxException {
        boolean multiline = hasMultilineFlag(source);
        StringBuilder out = new StringBuilder(source.length() + 8);
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\') {
                i = escape(source, i, out);
            } else if (c == '[') {
                i = charClass(source, i, out);
            } else if (c == '(') {
                i = group(source, i, out, names);
            } else if (c == '$' && !multiline) {
                out.append("\\z");
                i++;
            } else if ((c == '+' || c == '*' || c == '?' || c == '}')
                    && i + 1 < source.length()
                    && source.charAt(i + 1) == '+') {
                throw new SyntaxException("error parsing regexp: invalid nested repetition operator: `" + c + "+`");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean hasMultilineFlag(String source) {
        return MULTILINE_FLAG.matcher(source).find();
    }

    private static int escape(String source, int i, StringBuilder out) throws SyntaxException {
        if (i + 1 >= source.length()) {
            throw new SyntaxException("error parsing regexp: trailing backslash at end of expression: ``");
        }
        char e = source.charAt(i + 1);
        if (e >= '1' && e <= '9') {
            throw new SyntaxException(
                    "error parsing regexp: invalid escape sequence: `\\" + e + "` (RE2 has no back-references)");
        }
        if (e == 'Z' || e == 'G' || e == 'R' || e == 'X' || e == 'K' || e == 'k' || e == 'h' || e == 'H' || e == 'V') {
            throw new SyntaxException("error parsing regexp: invalid escape sequence: `\\" + e + "`");
        }
        if (e == 'v') {
            out.append("\\x0B"); // Go: the vertical tab character; Java: any vertical whitespace
            return i + 2;
        }
        if (e == 'Q') {
            int end = source.indexOf("\\E", i + 2);
            int stop = end < 0 ? source.length() : end + 2;
            out.append(source, i, stop);
            if (end < 0) {
                out.append("\\E");
            }
            return stop;
        }
        out.append('\\').append(e);
        return i + 2;
    }

    private static int charClass(String source, int i, StringBuilder out) throws SyntaxException {
        out.append('[');
        int p = i + 1;
        if (p < source.length() && source.charAt(p) == '^') {
            out.append('^');
            p++;
        }
        boolean first = true;
        while (p < source.length()) {
            char c = source.charAt(p);
            if (c == ']' && !first) {
                out.append(']');
                return p + 1;
            }
            first = false;
            if (c == '\\') {
                if (p + 1 >= source.length()) {
                    break;
                }
                out.append(c).append(source.charAt(p + 1));
                p += 2;
            } else if (c == '[' && source.startsWith("[:", p)) {
                int close = source.indexOf(":]", p + 2);
                if (close < 0) {
                    out.append("\\[");
                    p++;
                    continue;
                }
                String name = source.substring(p + 2, close);
                boolean negated = name.startsWith("^");
                String bare = negated ? name.substring(1) : name;
                String posix = posixClass(bare);
                if ("word".equals(bare)) {
                    out.append(negated ? "\\W" : "\\w");
                } else if (posix == null) {
                    throw new SyntaxException(
                            "error parsing regexp: invalid character class range: `[:" + name + ":]`");
                } else {
                    out.append(negated ? "\\P{" : "\\p{").append(posix).append('}');
                }
                p = close + 2;
            } else if (c == '[' || c == '&' || c == ']') {
                out.append('\\').append(c);
                p++;
            } else {
                out.append(c);
                p++;
            }
        }
        throw new SyntaxException("error parsing regexp: missing closing ]: `" + source.substring(i) + "`");
    }

    private static String posixClass(String name) {
        switch (name) {
            case "alnum":
                return "Alnum";
            case "alpha":
                return "Alpha";
            case "ascii":
                return "ASCII";
            case "blank":
                return "Blank";
            case "cntrl":
                return "Cntrl";
            case "digit":
                return "Digit";
            case "graph":
                return "Graph";
            case "lower":
                return "Lower";
            case "print":
                return "Print";
            case "punct":
                return "Punct";
            case "space":
                return "Space";
            case "upper":
                return "Upper";
            case "xdigit":
                return "XDigit";
            default:
                return null;
        }
    }

    private static int group(String source, int i, StringBuilder out, List<String> names) throws SyntaxException {
        if (!source.startsWith("(?", i)) {
            names.add("");
            out.append('(');
            return i + 1;
        }
        int nameStart;
        if (source.startsWith("(?P<", i)) {
            nameStart = i + 4;
        } else if (source.startsWith("(?<", i) && !source.startsWith("(?<=", i) && !source.startsWith("(?<!", i)) {
            nameStart = i + 3;
        } else {
            char kind = i + 2 < source.length() ? source.charAt(i + 2) : ')';
            if (kind == '=' || kind == '!' || kind == '<') {
                throw new SyntaxException("error parsing regexp: invalid or unsupported Perl syntax: `(?" + kind
                        + "` (RE2 has no look-around)");
            }
            if (kind == '>') {
                throw new SyntaxException("error parsing regexp: invalid or unsupported Perl syntax: `(?>`");
            }
            int end = i + 2;
            while (end < source.length() && source.charAt(end) != ')' && source.charAt(end) != ':') {
                char flag = source.charAt(end);
                if ("imsU-".indexOf(flag) < 0) {
                    throw new SyntaxException("error parsing regexp: invalid or unsupported Perl syntax: `"
                            + source.substring(i, end + 1) + "`");
                }
                if (flag == 'U') {
                    throw new SyntaxException("error parsing regexp: the ungreedy flag (?U) is not supported by eso4j");
                }
                end++;
            }
            out.append(source, i, Math.min(end + 1, source.length()));
            return end + 1;
        }
        int close = source.indexOf('>', nameStart);
        String name = close < 0 ? "" : source.substring(nameStart, close);
        if (name.isEmpty() || nameEnd(name, 0) != name.length() || names.contains(name)) {
            throw new SyntaxException("error parsing regexp: invalid named capture: `"
                    + source.substring(i, close < 0 ? source.length() : close + 1) + "`");
        }
        names.add(name);
        out.append('(');
        return close + 1;
    }
}
