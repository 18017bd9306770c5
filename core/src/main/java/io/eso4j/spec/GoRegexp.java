package io.eso4j.spec;

import io.eso4j.SecretMappingException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Go regular expression as ESO compiles and runs it ({@code regexp.Compile}, {@code MatchString},
 * {@code ReplaceAllString}): RE2 syntax and linear-time matching on RE2/J ({@code com.google.re2j}), Go's error
 * texts ({@code error parsing regexp: <reason>: `<part>`}) and Go's replacement expansion. Used for
 * {@code dataFrom[].rewrite[].regexp.source} ({@code runtime/esutils/utils.go RewriteRegexp}) and
 * {@code dataFrom[].find.name.regexp} ({@code runtime/find/find.go}); the validator compiles them the same way, so
 * a manifest is accepted exactly when Go would compile its patterns.
 *
 * <p>RE2/J is a port of Go's {@code regexp} and shares its syntax and messages. Where it differs, this class
 * restores Go's behaviour: Go's parse limits that RE2/J lacks (nested repeats over 1000 copies, capture groups
 * nested 1000 deep, programs over Go's size limit) are rejected with Go's messages; a capture name used twice,
 * which Go allows and RE2/J rejects, is accepted, and {@code $name} then expands the first such group that matched,
 * as in Go. One difference is eso4j's own: RE2/J follows empty-width instruction chains recursively, so a pattern
 * with thousands of consecutive optional parts (which Go runs) is rejected at compile time when it exhausts the
 * stack, and a match that still does so fails with {@link SecretMappingException} instead of an {@link Error}.
 *
 * <p>Matching takes time linear in the input (times the pattern's size) and constant stack, whatever the input.
 * Immutable and thread-safe.
 */
public final class GoRegexp {

    /** Go's {@code maxHeight}; here applied to nested capture groups. */
    static final int MAX_NESTING = 1000;
    /** Go's limit on the copies a (nested) counted repetition makes ({@code repeatIsValid(re, 1000)}). */
    static final int MAX_REPEAT = 1000;
    /** Go's {@code maxSize}: 128 MB of 40-byte instructions. */
    static final int MAX_PROGRAM_SIZE = (128 << 20) / 40;

    private final String source;
    private final com.google.re2j.Pattern pattern;
    /** Go group names by group index (index 0 is the whole match); {@code ""} for an unnamed group. */
    private final List<String> groupNames;

    private GoRegexp(String source, com.google.re2j.Pattern pattern, List<String> groupNames) {
        this.source = source;
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /** A pattern Go's {@code regexp.Compile} rejects; the message is Go's error text. */
    public static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    /**
     * Go's {@code regexp.Compile(source)}.
     *
     * @throws SyntaxException with Go's message, for example
     *     {@code error parsing regexp: invalid repeat count: `{1001}`}
     */
    public static GoRegexp compile(String source) throws SyntaxException {
        List<String> names = new ArrayList<>();
        names.add("");
        Map<String, String> renamed = new LinkedHashMap<>();
        String prepared = Scan.prepare(source, names, renamed);
        com.google.re2j.Pattern pattern;
        try {
            pattern = com.google.re2j.Pattern.compile(prepared);
            pattern.matcher("").find(); // a probe: a program too deep for the stack fails here, not on a key
        } catch (com.google.re2j.PatternSyntaxException e) {
            if ("stack underflow".equals(e.getPattern())) {
                // RE2/J's report of a ')' without its '(', which Go reports as ErrUnexpectedParen
                throw new SyntaxException("error parsing regexp: unexpected ): `" + source + "`");
            }
            String message = e.getMessage();
            for (Map.Entry<String, String> name : renamed.entrySet()) {
                message = message.replace(name.getKey(), name.getValue());
            }
            throw new SyntaxException(message);
        } catch (StackOverflowError e) {
            throw new SyntaxException(
                    "error parsing regexp: expression too large (nested or chained too deeply to run): `" + source
                            + "`");
        }
        if (pattern.programSize() > MAX_PROGRAM_SIZE) {
            throw new SyntaxException("error parsing regexp: expression too large: `" + source + "`");
        }
        if (pattern.groupCount() != names.size() - 1) {
            // The scan disagreed with RE2/J about the groups (it cannot have renamed any then): trust RE2/J.
            names = new ArrayList<>(Collections.nCopies(pattern.groupCount() + 1, ""));
            for (Map.Entry<String, Integer> group : pattern.namedGroups().entrySet()) {
                names.set(group.getValue(), group.getKey());
            }
        }
        return new GoRegexp(source, pattern, Collections.unmodifiableList(names));
    }

    /** The pattern as written. */
    public String source() {
        return source;
    }

    /**
     * Go's {@code MatchString}: whether the expression matches anywhere in {@code s}.
     *
     * @throws SecretMappingException when the match exhausts the stack (see the class comment)
     */
    public boolean matches(String s) {
        try {
            return pattern.matcher(s).find();
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    /**
     * Go's {@code ReplaceAllString(s, template)}: every non-overlapping match replaced by {@code template} with
     * {@code $name} / {@code ${name}} expanded ({@code Regexp.Expand}), and no replacement for an empty match right
     * after a previous match.
     *
     * @throws SecretMappingException when the match exhausts the stack (see the class comment)
     */
    public String replaceAll(String s, String template) {
        try {
            return replace(s, template);
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    private SecretMappingException tooDeep() {
        return new SecretMappingException("regexp " + GoDuration.quote(source)
                + " is nested or chained too deeply to run on this thread's stack");
    }

    private String replace(String s, String template) {
        com.google.re2j.Matcher m = pattern.matcher(s);
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

    /** Go's {@code Regexp.Expand}: {@code $$}; {@code $name} (the longest run of letters, digits, {@code _}); {@code ${name}}. */
    private void expand(StringBuilder out, String template, com.google.re2j.Matcher m) {
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
            boolean brace = i + 1 < template.length() && template.charAt(i + 1) == '{';
            int nameStart = i + 1 + (brace ? 1 : 0);
            int nameEnd = nameEnd(template, nameStart);
            boolean ok =
                    nameEnd > nameStart && (!brace || (nameEnd < template.length() && template.charAt(nameEnd) == '}'));
            if (!ok) {
                out.append('$'); // malformed reference: Go keeps the '$' as text
                i++;
                continue;
            }
            String group = group(m, template.substring(nameStart, nameEnd));
            if (group != null) {
                out.append(group);
            }
            i = brace ? nameEnd + 1 : nameEnd;
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

    /**
     * Go's group lookup in {@code expand}: a number (ASCII digits, no leading zero, below 10^9) is a group index;
     * anything else is a name, the first group of that name that took part in the match.
     */
    private String group(com.google.re2j.Matcher m, String name) {
        int number = 0;
        for (int k = 0; k < name.length(); k++) {
            char ch = name.charAt(k);
            if (ch < '0' || ch > '9' || number >= 100_000_000) {
                number = -1;
                break;
            }
            number = number * 10 + (ch - '0');
        }
        if (name.charAt(0) == '0' && name.length() > 1) {
            number = -1;
        }
        if (number >= 0) {
            return number < groupNames.size() ? m.group(number) : null;
        }
        for (int index = 1; index < groupNames.size(); index++) {
            if (groupNames.get(index).equals(name) && m.group(index) != null) {
                return m.group(index);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "GoRegexp[" + source + "]";
    }

    /**
     * A linear scan of the pattern for what RE2/J does not check: the capture groups and their names, how deep
     * capture groups nest, and how many copies nested counted repetitions make (Go's {@code repeatIsValid}). It
     * understands escapes, {@code \Q..\E}, classes and groups; anything malformed is left for RE2/J to report.
     */
    private static final class Scan {

        /** A group being scanned: the copy count of its last item and the largest of its items. */
        private static final class Frame {
            final boolean capture;
            int last = -1;
            int max = 1;
            boolean lastRepeated;

            Frame(boolean capture) {
                this.capture = capture;
            }

            void atom(int copies) {
                last = copies;
                max = Math.max(max, copies);
                lastRepeated = false;
            }
        }

        private final String source;
        private final List<String> names;
        private final Map<String, String> renamed;
        private final Deque<Frame> frames = new ArrayDeque<>();
        private final Set<String> seenNames = new HashSet<>();
        private StringBuilder rewritten;
        private int copiedUpTo;
        private Frame top = new Frame(false);
        private int captureDepth;

        private Scan(String source, List<String> names, Map<String, String> renamed) {
            this.source = source;
            this.names = names;
            this.renamed = renamed;
        }

        /** The pattern to hand to RE2/J (with repeated capture names made unique), after the limit checks. */
        static String prepare(String source, List<String> names, Map<String, String> renamed) throws SyntaxException {
            Scan scan = new Scan(source, names, renamed);
            scan.run();
            if (scan.rewritten == null) {
                return source;
            }
            return scan.rewritten
                    .append(source, scan.copiedUpTo, source.length())
                    .toString();
        }

        private void run() throws SyntaxException {
            int n = source.length();
            int i = 0;
            while (i < n) {
                char c = source.charAt(i);
                switch (c) {
                    case '\\':
                        i = escape(i);
                        top.atom(1);
                        break;
                    case '[':
                        i = charClass(i);
                        top.atom(1);
                        break;
                    case '(':
                        i = open(i);
                        break;
                    case ')':
                        close();
                        i++;
                        break;
                    case '|':
                        top.last = -1;
                        top.lastRepeated = false;
                        i++;
                        break;
                    case '*':
                    case '+':
                    case '?':
                        top.lastRepeated = true;
                        i++;
                        if (i < n && source.charAt(i) == '?') {
                            i++; // non-greedy
                        }
                        break;
                    case '{':
                        i = repeat(i);
                        break;
                    default:
                        top.atom(1);
                        i += Character.charCount(source.codePointAt(i));
                }
            }
        }

        private int escape(int i) {
            int n = source.length();
            if (i + 1 >= n) {
                return n;
            }
            char e = source.charAt(i + 1);
            if (e == 'Q') {
                int end = source.indexOf("\\E", i + 2);
                return end < 0 ? n : end + 2;
            }
            if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < n && source.charAt(i + 2) == '{') {
                int close = source.indexOf('}', i + 3);
                return close < 0 ? n : close + 1;
            }
            return i + 1 + Character.charCount(source.codePointAt(i + 1));
        }

        /** Skips a class: {@code ]} first (after {@code ^}) is literal, {@code [:name:]} is a POSIX class. */
        private int charClass(int i) {
            int n = source.length();
            int p = i + 1;
            if (p < n && source.charAt(p) == '^') {
                p++;
            }
            if (p < n && source.charAt(p) == ']') {
                p++;
            }
            while (p < n) {
                char c = source.charAt(p);
                if (c == ']') {
                    return p + 1;
                }
                if (c == '\\') {
                    p = escape(p);
                } else if (c == '[' && source.startsWith("[:", p) && source.indexOf(":]", p + 2) >= 0) {
                    p = source.indexOf(":]", p + 2) + 2;
                } else {
                    p++;
                }
            }
            return n;
        }

        private int open(int i) throws SyntaxException {
            int n = source.length();
            int nameStart = -1;
            if (source.startsWith("(?P<", i)) {
                nameStart = i + 4;
            } else if (source.startsWith("(?<", i) && !source.startsWith("(?<=", i) && !source.startsWith("(?<!", i)) {
                nameStart = i + 3;
            }
            if (nameStart >= 0) {
                int close = source.indexOf('>', nameStart);
                if (close < 0) {
                    return n; // RE2/J reports the malformed name
                }
                String name = source.substring(nameStart, close);
                if (!seenNames.add(name)) {
                    rename(nameStart, close, name);
                }
                names.add(name);
                push(true);
                return close + 1;
            }
            if (source.startsWith("(?", i)) {
                int p = i + 2;
                while (p < n && source.charAt(p) != ')' && source.charAt(p) != ':') {
                    p++;
                }
                if (p < n && source.charAt(p) == ':') {
                    push(false);
                }
                return p + 1; // a flags-only group "(?i)" opens nothing
            }
            names.add("");
            push(true);
            return i + 1;
        }

        private void push(boolean capture) throws SyntaxException {
            frames.push(top);
            top = new Frame(capture);
            if (capture && ++captureDepth >= MAX_NESTING) {
                throw new SyntaxException("error parsing regexp: expression nests too deeply: `" + source + "`");
            }
        }

        private void close() {
            if (frames.isEmpty()) {
                return; // RE2/J reports the unexpected ')'
            }
            Frame inner = top;
            top = frames.pop();
            if (inner.capture) {
                captureDepth--;
            }
            top.atom(inner.max);
        }

        /** A counted repetition {@code {n}}, {@code {n,}}, {@code {n,m}}; any other {@code {} is a literal. */
        private int repeat(int i) throws SyntaxException {
            int n = source.length();
            int p = i + 1;
            int minStart = p;
            while (p < n && source.charAt(p) >= '0' && source.charAt(p) <= '9') {
                p++;
            }
            if (p == minStart || p >= n) {
                top.atom(1);
                return i + 1;
            }
            long min = parse(minStart, p);
            long max = min;
            if (source.charAt(p) == ',') {
                p++;
                int maxStart = p;
                while (p < n && source.charAt(p) >= '0' && source.charAt(p) <= '9') {
                    p++;
                }
                max = p == maxStart ? -1 : parse(maxStart, p);
            }
            if (p >= n || source.charAt(p) != '}') {
                top.atom(1);
                return i + 1;
            }
            int end = p + 1;
            if (top.last < 0 || top.lastRepeated || min > MAX_REPEAT || max > MAX_REPEAT) {
                top.lastRepeated = true;
                return end; // RE2/J reports the missing argument, nested repetition or count
            }
            long copies = max >= 0 ? max : min;
            long product = copies == 0 ? 1 : copies * top.last;
            if ((min >= 2 || max >= 2) && product > MAX_REPEAT) {
                throw new SyntaxException(
                        "error parsing regexp: invalid repeat count: `" + source.substring(i, end) + "`");
            }
            top.last = (int) product;
            top.max = Math.max(top.max, top.last);
            top.lastRepeated = true;
            return end;
        }

        private long parse(int from, int to) {
            return to - from > 8 ? Long.MAX_VALUE : Long.parseLong(source.substring(from, to));
        }

        /** Gives a repeated capture name a fresh one for RE2/J; group lookup by name stays with the Go names. */
        private void rename(int nameStart, int nameEnd, String name) {
            if (rewritten == null) {
                rewritten = new StringBuilder(source.length() + 16);
            }
            String fresh;
            int k = renamed.size();
            do {
                fresh = "eso4jDuplicate" + k++ + "x" + name;
            } while (source.contains(fresh) || renamed.containsKey(fresh));
            renamed.put(fresh, name);
            rewritten.append(source, copiedUpTo, nameStart).append(fresh);
            copiedUpTo = nameEnd;
        }
    }
}
