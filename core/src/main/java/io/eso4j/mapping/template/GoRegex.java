package io.eso4j.mapping.template;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Go regular expression on RE2/J (the Java port of RE2, which Go's {@code regexp} also implements: the same syntax,
 * linear-time matching), with Go's {@code FindAll}, {@code ReplaceAll} (including {@code $1}/{@code ${name}}
 * expansion and its empty-match rules) and {@code Split}. Immutable and thread-safe.
 */
final class GoRegex {

    private final Pattern pattern;
    private final String[] names;

    private GoRegex(Pattern pattern) {
        this.pattern = pattern;
        this.names = new String[pattern.groupCount() + 1];
        for (Map.Entry<String, Integer> e : pattern.namedGroups().entrySet()) {
            names[e.getValue()] = e.getKey();
        }
    }

    /** Go's {@code regexp.Compile}; the error is RE2's text, e.g. {@code error parsing regexp: missing closing )}. */
    static GoRegex compile(String expr) {
        try {
            return new GoRegex(Pattern.compile(expr));
        } catch (PatternSyntaxException e) {
            throw new TemplateExecException(e.getMessage());
        }
    }

    /** Go's {@code regexp.MustCompile}, whose panic the template engine reports as the call's error. */
    static GoRegex mustCompile(String expr) {
        try {
            return new GoRegex(Pattern.compile(expr));
        } catch (PatternSyntaxException e) {
            throw new TemplateExecException("regexp: Compile(" + backquote(expr) + "): " + e.getMessage());
        }
    }

    private static String backquote(String s) {
        boolean ok = s.chars().allMatch(c -> c != '`' && c != '\ufeff' && (c >= ' ' || c == '\t') && c != 0x7f);
        return ok ? "`" + s + "`" : GoStrings.quote(s);
    }

    boolean matches(String s) {
        return pattern.matcher(s).find();
    }

    String find(String s) {
        Matcher m = pattern.matcher(s);
        return m.find() ? m.group() : "";
    }

    /** Go's {@code allMatches}: successive non-overlapping matches; an empty match abutting the previous is skipped. */
    private List<int[]> all(String s, long n) {
        List<int[]> out = new ArrayList<>();
        if (n < 0) {
            n = s.length() + 1L;
        }
        Matcher m = pattern.matcher(s);
        int pos = 0;
        int prevEnd = -1;
        while (out.size() < n && pos <= s.length()) {
            if (!m.find(pos)) {
                break;
            }
            boolean accept = true;
            int[] groups = new int[2 * (m.groupCount() + 1)];
            for (int g = 0; g <= m.groupCount(); g++) {
                groups[2 * g] = m.start(g);
                groups[2 * g + 1] = m.end(g);
            }
            if (m.end() == pos) {
                if (m.start() == prevEnd) {
                    accept = false;
                }
                pos += pos < s.length() ? Character.charCount(s.codePointAt(pos)) : 1;
            } else {
                pos = m.end();
            }
            prevEnd = m.end();
            if (accept) {
                out.add(groups);
            }
        }
        return out;
    }

    List<Object> findAll(String s, long n) {
        List<String> out = new ArrayList<>();
        for (int[] match : all(s, n)) {
            out.add(s.substring(match[0], match[1]));
        }
        // Go returns a nil []string when nothing matches; it prints as [] either way.
        return new StringList(out);
    }

    /** Go's {@code Regexp.Split}. */
    List<Object> split(String s, long n) {
        if (n == 0) {
            return new StringList(List.of());
        }
        if (!pattern.pattern().isEmpty() && s.isEmpty()) {
            return new StringList(List.of(""));
        }
        List<String> out = new ArrayList<>();
        int beg = 0;
        int end = 0;
        for (int[] match : all(s, n)) {
            if (n > 0 && out.size() == n - 1) {
                break;
            }
            end = match[0];
            if (match[1] != 0) {
                out.add(s.substring(beg, end));
            }
            beg = match[1];
        }
        if (end != s.length()) {
            out.add(s.substring(beg));
        }
        return new StringList(out);
    }

    /** Go's {@code ReplaceAllString} ({@code literal}: {@code ReplaceAllLiteralString}). */
    String replaceAll(String src, String repl, boolean literal) {
        StringBuilder out = new StringBuilder();
        Matcher m = pattern.matcher(src);
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= src.length()) {
            if (!m.find(searchPos)) {
                break;
            }
            out.append(src, lastMatchEnd, m.start());
            if (m.end() > lastMatchEnd || m.start() == 0) {
                if (literal) {
                    out.append(repl);
                } else {
                    expand(out, repl, src, m);
                }
                Sprig.checkSize("regexReplaceAll", out.length());
            }
            lastMatchEnd = m.end();
            int width = searchPos < src.length() ? Character.charCount(src.codePointAt(searchPos)) : 1;
            if (searchPos + width > m.end()) {
                searchPos += width;
            } else if (searchPos + 1 > m.end()) {
                searchPos++;
            } else {
                searchPos = m.end();
            }
        }
        out.append(src.substring(Math.min(lastMatchEnd, src.length())));
        return out.toString();
    }

    /** Go's {@code Regexp.expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. */
    private void expand(StringBuilder out, String template, String src, Matcher m) {
        int i = 0;
        while (i < template.length()) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                out.append(template, i, template.length());
                return;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < template.length() && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < template.length() && template.charAt(i) == '{';
            int start = brace ? i + 1 : i;
            int end = start;
            while (end < template.length()) {
                int cp = template.codePointAt(end);
                if (!(Character.isLetterOrDigit(cp) || cp == '_')) {
                    break;
                }
                end += Character.charCount(cp);
            }
            if (end == start || (brace && (end >= template.length() || template.charAt(end) != '}'))) {
                out.append('$');
                continue;
            }
            String name = template.substring(start, end);
            i = brace ? end + 1 : end;
            int group = -1;
            if (name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                group = name.length() > 8 ? Integer.MAX_VALUE : Integer.parseInt(name);
            } else {
                for (int g = 1; g < names.length; g++) {
                    if (name.equals(names[g])) {
                        group = g;
                        break;
                    }
                }
            }
            if (group >= 0 && group <= m.groupCount() && m.start(group) >= 0) {
                out.append(src, m.start(group), m.end(group));
            }
        }
    }

    /** Go's {@code regexp.QuoteMeta}. */
    static String quoteMeta(String s) {
        StringBuilder out = new StringBuilder(s.length() * 2);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
