package io.eso4j.mapping.template;

import static io.eso4j.mapping.template.Functions.add;
import static io.eso4j.mapping.template.Functions.empty;
import static io.eso4j.mapping.template.Functions.str;
import static io.eso4j.mapping.template.Functions.strval;

import io.eso4j.mapping.template.Functions.Param;
import java.math.BigDecimal;
import java.math.MathContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Adler32;

/**
 * Sprig's functions as ESO vendors them ({@code runtime/template/v2/sprig/*.go}): strings, numbers, lists, dicts,
 * defaults, reflection, paths, encodings, dates, regular expressions (RE2/J: Go's RE2 syntax, linear time), URLs
 * and random values. Registered into {@link Functions}'s table. Stateless.
 */
final class Sprig {

    /** Bound on one string a function builds ({@code repeat}, {@code indent}, {@code replace}, ...), in chars. */
    static final int MAX_STRING = 16 * 1024 * 1024;

    /** Bound on a list a function builds ({@code until}, {@code seq}, ...). */
    static final int MAX_LIST = 1_000_000;

    /** Seeded on first use: creating a {@code SecureRandom} costs start-up time. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    private Sprig() {}

    /** Fails cleanly when a function result would exceed {@link #MAX_STRING}. */
    static void checkSize(String function, long chars) {
        if (chars > MAX_STRING) {
            throw new TemplateExecException(
                    "result of " + function + " exceeds eso4j's limit of " + MAX_STRING + " characters");
        }
    }

    private static void checkList(String function, long size) {
        if (size > MAX_LIST) {
            throw new TemplateExecException(
                    "result of " + function + " exceeds eso4j's limit of " + MAX_LIST + " elements");
        }
    }

    private static long i(List<Object> args, int index) {
        return (Long) args.get(index);
    }

    static void register() {
        Param s = Param.STRING;
        Param a = Param.ANY;
        Param n = Param.INT;
        Param m = Param.MAP;
        add("hello", List.of(), null, args -> "Hello!");
        strings(s, a, n);
        numbers(s, a, n);
        lists(s, a, n);
        dicts(s, a, m);
        defaults(s, a);
        reflection(s, a);
        paths(s);
        encodings(s);
        dates(s, a);
        regexps(s, n);
        urls(s, m);
        random(n);
    }

    // ------------------------------------------------------------------ strings

    private static void strings(Param s, Param a, Param n) {
        add("trunc", List.of(n, s), null, args -> {
            long c = i(args, 0);
            byte[] b = GoBytes.bytes(str(args, 1));
            if (c < 0 && b.length + c > 0) {
                return slice(b, (int) (b.length + c), b.length);
            }
            if (c >= 0 && b.length > c) {
                return slice(b, 0, (int) c);
            }
            return str(args, 1);
        });
        add("substr", List.of(n, n, s), null, args -> {
            long start = i(args, 0);
            long end = i(args, 1);
            byte[] b = GoBytes.bytes(str(args, 2));
            if (start < 0) {
                return slice(b, 0, end);
            }
            if (end < 0 || end > b.length) {
                return slice(b, start, b.length);
            }
            return slice(b, start, end);
        });
        add("repeat", List.of(n, s), null, args -> repeat(str(args, 1), i(args, 0), "repeat"));
        add("trimall", List.of(s, s), null, args -> GoStrings.trim(str(args, 1), str(args, 0)));
        add("untitle", List.of(s), null, args -> {
            // goutils.Uncapitalize: the first letter of every whitespace-separated word in lower case.
            StringBuilder out = new StringBuilder();
            boolean start = true;
            for (int cp : str(args, 0).codePoints().toArray()) {
                out.appendCodePoint(start ? Character.toLowerCase(cp) : cp);
                start = Character.isWhitespace(cp);
            }
            return out.toString();
        });
        add("initials", List.of(s), null, args -> {
            StringBuilder out = new StringBuilder();
            boolean lastSpace = true;
            for (int cp : str(args, 0).codePoints().toArray()) {
                if (Character.isWhitespace(cp)) {
                    lastSpace = true;
                } else if (lastSpace) {
                    out.appendCodePoint(cp);
                    lastSpace = false;
                }
            }
            return out.toString();
        });
        add("abbrev", List.of(n, s), null, args -> {
            long width = i(args, 0);
            String x = str(args, 1);
            if (width < 4) {
                return x;
            }
            return abbreviate(x, 0, (int) width);
        });
        add("abbrevboth", List.of(n, n, s), null, args -> {
            long left = i(args, 0);
            long right = i(args, 1);
            String x = str(args, 2);
            if (right < 4 || left > 0 && right < 7) {
                return x;
            }
            return abbreviate(x, (int) left, (int) right);
        });
        add("swapcase", List.of(s), null, args -> {
            StringBuilder out = new StringBuilder();
            for (int cp : str(args, 0).codePoints().toArray()) {
                if (Character.isUpperCase(cp)) {
                    out.appendCodePoint(Character.toLowerCase(cp));
                } else if (Character.isLowerCase(cp)) {
                    out.appendCodePoint(Character.toUpperCase(cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
            return out.toString();
        });
        add("shuffle", List.of(s), null, args -> {
            List<Integer> cps = new ArrayList<>();
            str(args, 0).codePoints().forEach(cps::add);
            Collections.shuffle(cps, Random.INSTANCE);
            StringBuilder out = new StringBuilder();
            cps.forEach(out::appendCodePoint);
            return out.toString();
        });
        add("snakecase", List.of(s), null, args -> Case.snake(str(args, 0), '_'));
        add("kebabcase", List.of(s), null, args -> Case.snake(str(args, 0), '-'));
        add("camelcase", List.of(s), null, args -> Case.pascal(str(args, 0)));
        add("wrap", List.of(n, s), null, args -> Case.wrap(str(args, 1), (int) i(args, 0), "\n", false));
        add("wrapWith", List.of(n, s, s), null, args -> Case.wrap(str(args, 2), (int) i(args, 0), str(args, 1), true));
        add("cat", List.of(), a, args -> {
            List<String> parts = new ArrayList<>();
            for (Object o : args) {
                if (o != null) {
                    parts.add(GoFormat.value(o));
                }
            }
            return String.join(" ", parts);
        });
        add("plural", List.of(s, s, n), null, args -> i(args, 2) == 1 ? str(args, 0) : str(args, 1));
        add("sha1sum", List.of(s), null, args -> hex(digest("SHA-1", str(args, 0))));
        add("sha512sum", List.of(s), null, args -> hex(digest("SHA-512", str(args, 0))));
        add("adler32sum", List.of(s), null, args -> {
            Adler32 adler = new Adler32();
            adler.update(GoBytes.bytes(str(args, 0)));
            return Long.toString(adler.getValue());
        });
        add("splitn", List.of(s, n, s), null, args -> {
            List<String> parts = splitN(str(args, 2), str(args, 0), i(args, 1));
            Map<String, Object> result = new LinkedHashMap<>();
            for (int k = 0; k < parts.size(); k++) {
                result.put("_" + k, parts.get(k));
            }
            return GoMap.of(result, true);
        });
        add("toStrings", List.of(a), null, args -> new StringList(Functions.strslice(args.get(0))));
        add("sortAlpha", List.of(a), null, args -> {
            Object list = args.get(0);
            List<String> out = new ArrayList<>();
            if (list instanceof List<?>) {
                out.addAll(Functions.strslice(list));
            } else {
                out.add(strval(list));
            }
            out.sort(GoStrings.KEY_ORDER);
            return new StringList(out);
        });
    }

    static String slice(byte[] b, long from, long to) {
        if (from < 0 || to > b.length || from > to) {
            throw new TemplateExecException("runtime error: slice bounds out of range [" + from + ":" + to + "]");
        }
        byte[] out = new byte[(int) (to - from)];
        System.arraycopy(b, (int) from, out, 0, out.length);
        return GoBytes.string(out);
    }

    static String repeat(String text, long count, String function) {
        if (count < 0) {
            throw new TemplateExecException("strings: negative Repeat count");
        }
        checkSize(function, count * text.length());
        return text.repeat((int) count);
    }

    /** goutils' {@code AbbreviateFull}: {@code ...} at either end, counted in runes. */
    private static String abbreviate(String x, int offset, int maxWidth) {
        int[] cps = x.codePoints().toArray();
        String ellipsis = "...";
        if (cps.length <= maxWidth) {
            return x;
        }
        if (offset > cps.length) {
            offset = cps.length;
        }
        if (cps.length - offset < maxWidth - 3) {
            offset = cps.length - (maxWidth - 3);
        }
        if (offset <= 4) {
            return runes(cps, 0, maxWidth - 3) + ellipsis;
        }
        if (maxWidth < 7) {
            return x;
        }
        if (offset + maxWidth - 3 < cps.length) {
            return ellipsis + abbreviate(runes(cps, offset, cps.length), 0, maxWidth - 3);
        }
        return ellipsis + runes(cps, cps.length - (maxWidth - 3), cps.length);
    }

    private static String runes(int[] cps, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int k = Math.max(0, from); k < Math.min(to, cps.length); k++) {
            out.appendCodePoint(cps[k]);
        }
        return out.toString();
    }

    /** Go's {@code strings.SplitN}. */
    static List<String> splitN(String s, String sep, long n) {
        if (n == 0) {
            return List.of();
        }
        if (n < 0) {
            return GoStrings.split(s, sep);
        }
        List<String> out = new ArrayList<>();
        if (sep.isEmpty()) {
            int[] cps = s.codePoints().toArray();
            for (int k = 0; k < cps.length; k++) {
                if (out.size() == n - 1) {
                    out.add(runes(cps, k, cps.length));
                    return out;
                }
                out.add(new String(Character.toChars(cps[k])));
            }
            return out;
        }
        int from = 0;
        while (out.size() < n - 1) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                break;
            }
            out.add(s.substring(from, at));
            from = at + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(GoBytes.bytes(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    // ------------------------------------------------------------------ numbers

    private static void numbers(Param s, Param a, Param n) {
        add("atoi", List.of(s), null, args -> {
            Long v = Cast.parseGoInt(str(args, 0));
            return v == null ? 0L : v;
        });
        add("int64", List.of(a), null, args -> Cast.toInt64(args.get(0)));
        add("int", List.of(a), null, args -> Cast.toInt64(args.get(0)));
        add("float64", List.of(a), null, args -> Cast.toFloat64(args.get(0)));
        add("toDecimal", List.of(a), null, args -> {
            try {
                return Long.parseLong(GoFormat.value(args.get(0)), 8);
            } catch (NumberFormatException e) {
                return 0L;
            }
        });
        add("seq", List.of(), n, args -> seq(args));
        add("until", List.of(n), null, args -> {
            long count = i(args, 0);
            return untilStep(0, count, count < 0 ? -1 : 1);
        });
        add("untilStep", List.of(n, n, n), null, args -> untilStep(i(args, 0), i(args, 1), i(args, 2)));
        add("add1", List.of(a), null, args -> Cast.toInt64(args.get(0)) + 1);
        add("add", List.of(), a, args -> {
            long sum = 0;
            for (Object o : args) {
                sum += Cast.toInt64(o);
            }
            return sum;
        });
        add("sub", List.of(a, a), null, args -> Cast.toInt64(args.get(0)) - Cast.toInt64(args.get(1)));
        add("div", List.of(a, a), null, args -> {
            long d = Cast.toInt64(args.get(1));
            if (d == 0) {
                throw new TemplateExecException("runtime error: integer divide by zero");
            }
            return Cast.toInt64(args.get(0)) / d;
        });
        add("mod", List.of(a, a), null, args -> {
            long d = Cast.toInt64(args.get(1));
            if (d == 0) {
                throw new TemplateExecException("runtime error: integer divide by zero");
            }
            return Cast.toInt64(args.get(0)) % d;
        });
        add("mul", List.of(a), a, args -> {
            long v = Cast.toInt64(args.get(0));
            for (Object o : args.subList(1, args.size())) {
                v *= Cast.toInt64(o);
            }
            return v;
        });
        add("randInt", List.of(n, n), null, args -> {
            long min = i(args, 0);
            long max = i(args, 1);
            if (max - min <= 0) {
                throw new TemplateExecException("invalid argument to Intn");
            }
            return min + Random.INSTANCE.nextLong(max - min);
        });
        add("add1f", List.of(a), null, args -> decimal(args.get(0), List.of(1L), BigDecimal::add));
        add("addf", List.of(), a, args -> decimal(0.0, args, BigDecimal::add));
        add("subf", List.of(a), a, args -> decimal(args.get(0), args.subList(1, args.size()), BigDecimal::subtract));
        add(
                "divf",
                List.of(a),
                a,
                args -> decimal(args.get(0), args.subList(1, args.size()), (x, y) -> {
                    if (y.signum() == 0) {
                        throw new TemplateExecException("decimal division by 0");
                    }
                    return x.divide(y, new MathContext(16 + 4));
                }));
        add("mulf", List.of(a), a, args -> decimal(args.get(0), args.subList(1, args.size()), BigDecimal::multiply));
        Functions.Impl max = args -> {
            long v = Cast.toInt64(args.get(0));
            for (Object o : args.subList(1, args.size())) {
                v = Math.max(v, Cast.toInt64(o));
            }
            return v;
        };
        add("biggest", List.of(a), a, max);
        add("max", List.of(a), a, max);
        add("min", List.of(a), a, args -> {
            long v = Cast.toInt64(args.get(0));
            for (Object o : args.subList(1, args.size())) {
                v = Math.min(v, Cast.toInt64(o));
            }
            return v;
        });
        add("maxf", List.of(a), a, args -> {
            double v = Cast.toFloat64(args.get(0));
            for (Object o : args.subList(1, args.size())) {
                v = Math.max(v, Cast.toFloat64(o));
            }
            return v;
        });
        add("minf", List.of(a), a, args -> {
            double v = Cast.toFloat64(args.get(0));
            for (Object o : args.subList(1, args.size())) {
                v = Math.min(v, Cast.toFloat64(o));
            }
            return v;
        });
        add("ceil", List.of(a), null, args -> Math.ceil(Cast.toFloat64(args.get(0))));
        add("floor", List.of(a), null, args -> Math.floor(Cast.toFloat64(args.get(0))));
        add("round", List.of(a, n), Param.ANY, args -> {
            double roundOn = args.size() > 2 ? Cast.toFloat64(args.get(2)) : 0.5;
            double val = Cast.toFloat64(args.get(0));
            double pow = Math.pow(10, i(args, 1));
            double digit = pow * val;
            double frac = digit - (long) digit;
            double r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
            return r / pow;
        });
    }

    private static Object seq(List<Object> args) {
        long start = 1;
        long end;
        long step = 1;
        switch (args.size()) {
            case 0 -> {
                return "";
            }
            case 1 -> {
                end = (Long) args.get(0);
                if (end < 1) {
                    step = -1;
                }
            }
            case 2 -> {
                start = (Long) args.get(0);
                end = (Long) args.get(1);
                if (end < start) {
                    step = -1;
                }
            }
            case 3 -> {
                start = (Long) args.get(0);
                step = (Long) args.get(1);
                end = (Long) args.get(2);
                if (end < start && step >= 0 || end > start && step <= 0) {
                    return "";
                }
            }
            default -> {
                return "";
            }
        }
        List<Object> values = untilStep(start, end + (step > 0 ? 1 : -1), step);
        StringBuilder out = new StringBuilder();
        for (Object v : values) {
            out.append(out.length() == 0 ? "" : " ").append(v);
            checkSize("seq", out.length());
        }
        return out.toString();
    }

    static List<Object> untilStep(long start, long stop, long step) {
        List<Object> v = new ArrayList<>();
        if (stop < start) {
            if (step >= 0) {
                return v;
            }
            for (long k = start; k > stop; k += step) {
                v.add(k);
                checkList("untilStep", v.size());
            }
            return v;
        }
        if (step <= 0) {
            return v;
        }
        for (long k = start; k < stop; k += step) {
            v.add(k);
            checkList("untilStep", v.size());
        }
        return v;
    }

    private static double decimal(
            Object first, List<Object> rest, java.util.function.BinaryOperator<BigDecimal> operation) {
        BigDecimal result = Cast.toDecimal(first);
        for (Object o : rest) {
            result = operation.apply(result, Cast.toDecimal(o));
        }
        return result.doubleValue();
    }

    // -------------------------------------------------------------------- lists

    private static List<Object> listOf(Object v, String error) {
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new TemplateExecException(error + " " + Cast.kind(v));
    }

    private static void lists(Param s, Param a, Param n) {
        add("tuple", List.of(), a, ArrayList::new);
        listFn("append", "push", 2, (l, args) -> {
            l.add(args.get(1));
            return l;
        });
        listFn("prepend", "prepend", 2, (l, args) -> {
            l.add(0, args.get(1));
            return l;
        });
        listFn("first", "find first", 1, (l, args) -> l.isEmpty() ? null : l.get(0));
        listFn("last", "find last", 1, (l, args) -> l.isEmpty() ? null : l.get(l.size() - 1));
        listFn("rest", "find rest", 1, (l, args) -> l.isEmpty() ? l : new ArrayList<>(l.subList(1, l.size())));
        listFn(
                "initial",
                "find initial",
                1,
                (l, args) -> l.isEmpty() ? l : new ArrayList<>(l.subList(0, l.size() - 1)));
        listFn("reverse", "find reverse", 1, (l, args) -> {
            Collections.reverse(l);
            return l;
        });
        listFn("compact", "compact on", 1, (l, args) -> {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                if (!empty(o)) {
                    out.add(o);
                }
            }
            return out;
        });
        listFn("uniq", "find uniq", 1, (l, args) -> {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                if (!Cast.contains(out, o)) {
                    out.add(o);
                }
            }
            return out;
        });
        // without(list, omit...), has(needle, haystack): variadic / reversed.
        Functions.Impl without = args -> {
            List<Object> l = listOf(args.get(0), "Cannot find without on type");
            List<Object> out = new ArrayList<>();
            List<Object> omit = args.subList(1, args.size());
            for (Object o : l) {
                if (!Cast.contains(omit, o)) {
                    out.add(o);
                }
            }
            return out;
        };
        add("without", List.of(a), a, panicking(without));
        add("mustWithout", List.of(a), a, without);
        Functions.Impl has = args -> {
            Object haystack = args.get(1);
            if (haystack == null) {
                return false;
            }
            return Cast.contains(listOf(haystack, "Cannot find has on type"), args.get(0));
        };
        add("has", List.of(a, a), null, panicking(has));
        add("mustHas", List.of(a, a), null, has);
        Functions.Impl slice = args -> {
            List<Object> l = listOf(args.get(0), "list should be type of slice or array but");
            if (l.isEmpty()) {
                return null;
            }
            long start = args.size() > 1 ? Cast.toInt64(args.get(1)) : 0;
            long end = args.size() > 2 ? Cast.toInt64(args.get(2)) : l.size();
            if (start < 0 || end > l.size() || start > end) {
                throw new TemplateExecException("reflect: slice index out of range" + (start > end ? "" : ""));
            }
            List<Object> out = new ArrayList<>(l.subList((int) start, (int) end));
            return args.get(0) instanceof StringList ? new StringList(strings(out)) : out;
        };
        add("slice", List.of(a), a, panicking(slice));
        add("mustSlice", List.of(a), a, slice);
        add("concat", List.of(), a, args -> {
            List<Object> out = new ArrayList<>();
            for (Object o : args) {
                if (!(o instanceof List<?> l)) {
                    throw new TemplateExecException("Cannot concat type " + Cast.kind(o) + " as list");
                }
                out.addAll(l);
                checkList("concat", out.size());
            }
            return out.isEmpty() ? null : out;
        });
        Functions.Impl chunk = args -> {
            long size = i(args, 0);
            List<Object> l = listOf(args.get(1), "Cannot chunk type");
            if (size <= 0) {
                throw new TemplateExecException("runtime error: integer divide by zero");
            }
            List<Object> out = new ArrayList<>();
            for (int k = 0; k < l.size(); k += (int) size) {
                out.add(new ArrayList<>(l.subList(k, (int) Math.min(l.size(), k + size))));
            }
            return out;
        };
        add("chunk", List.of(n, a), null, panicking(chunk));
        add("mustChunk", List.of(n, a), null, chunk);
    }

    private static List<String> strings(List<Object> items) {
        List<String> out = new ArrayList<>();
        for (Object o : items) {
            out.add((String) o);
        }
        return out;
    }

    @FunctionalInterface
    private interface ListOp {
        Object apply(List<Object> list, List<Object> args);
    }

    /** A Sprig list function and its {@code must} twin: the plain one panics (an error in Go templates too). */
    private static void listFn(String name, String verb, int arity, ListOp op) {
        String must = "must" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        Functions.Impl impl = args -> {
            Object list = args.get(0);
            if (list == null) {
                throw new TemplateExecException("Cannot " + verb + " on type invalid");
            }
            return op.apply(listOf(list, "Cannot " + verb + (verb.startsWith("find") ? " on type" : " on type")), args);
        };
        List<Param> params = arity == 1 ? List.of(Param.ANY) : List.of(Param.ANY, Param.ANY);
        add(name, params, null, panicking(impl));
        add(must, params, null, impl);
        if (name.equals("append")) {
            add("push", params, null, panicking(impl));
            add("mustPush", params, null, impl);
        }
    }

    /** Sprig's non-{@code must} functions panic on bad input; Go's template turns the panic into an error. */
    private static Functions.Impl panicking(Functions.Impl impl) {
        return impl;
    }

    // -------------------------------------------------------------------- dicts

    private static GoMap map(Object o) {
        return (GoMap) o;
    }

    private static void dicts(Param s, Param a, Param m) {
        add("set", List.of(m, s, a), null, args -> {
            GoMap d = nonNil(args.get(0));
            d.entries().put(str(args, 1), args.get(2));
            return d;
        });
        add("unset", List.of(m, s), null, args -> {
            GoMap d = args.get(0) == null ? GoMap.of(Map.of(), false) : map(args.get(0));
            d.entries().remove(str(args, 1));
            return d;
        });
        add("pluck", List.of(s), m, args -> {
            List<Object> out = new ArrayList<>();
            for (Object d : args.subList(1, args.size())) {
                if (d != null && map(d).entries().containsKey(str(args, 0))) {
                    out.add(map(d).entries().get(str(args, 0)));
                }
            }
            return out;
        });
        add("pick", List.of(m), s, args -> {
            Map<String, Object> out = new LinkedHashMap<>();
            GoMap d = map(args.get(0));
            for (Object k : args.subList(1, args.size())) {
                if (d != null && d.entries().containsKey((String) k)) {
                    out.put((String) k, d.entries().get((String) k));
                }
            }
            return GoMap.of(out, false);
        });
        add("omit", List.of(m), s, args -> {
            Map<String, Object> out = new LinkedHashMap<>();
            GoMap d = map(args.get(0));
            if (d != null) {
                out.putAll(d.entries());
            }
            for (Object k : args.subList(1, args.size())) {
                out.remove((String) k);
            }
            return GoMap.of(out, false);
        });
        add("values", List.of(m), null, args -> {
            GoMap d = map(args.get(0));
            return d == null ? new ArrayList<>() : new ArrayList<>(d.entries().values());
        });
        Functions.Impl merge = args -> merge(args, false);
        Functions.Impl mergeOverwrite = args -> merge(args, true);
        add("merge", List.of(m), m, merge);
        add("mustMerge", List.of(m), m, merge);
        add("mergeOverwrite", List.of(m), m, mergeOverwrite);
        add("mustMergeOverwrite", List.of(m), m, mergeOverwrite);
        add("dig", List.of(), a, args -> {
            if (args.size() < 3) {
                throw new TemplateExecException("dig needs at least three arguments");
            }
            Object last = args.get(args.size() - 1);
            if (!(last instanceof GoMap dict) || dict.stringValued()) {
                throw new TemplateExecException("interface conversion: interface {} is " + GoFormat.typeName(last)
                        + ", not map[string]interface {}");
            }
            Object def = args.get(args.size() - 2);
            Object step = dict;
            List<Object> keys = args.subList(0, args.size() - 2);
            for (int k = 0; k < keys.size(); k++) {
                if (!(keys.get(k) instanceof String key)) {
                    throw new TemplateExecException(
                            "interface conversion: interface {} is " + GoFormat.typeName(keys.get(k)) + ", not string");
                }
                if (!(step instanceof GoMap sm) || sm.stringValued()) {
                    throw new TemplateExecException("interface conversion: interface {} is " + GoFormat.typeName(step)
                            + ", not map[string]interface {}");
                }
                if (!sm.entries().containsKey(key)) {
                    return def;
                }
                step = sm.entries().get(key);
            }
            return step;
        });
        add("deepCopy", List.of(a), null, args -> Cast.deepCopy(args.get(0)));
        add("mustDeepCopy", List.of(a), null, args -> Cast.deepCopy(args.get(0)));
    }

    private static GoMap nonNil(Object o) {
        if (o == null) {
            throw new TemplateExecException("assignment to entry in nil map");
        }
        return map(o);
    }

    /** mergo's {@code Merge} (fill missing keys, recursively into maps) or {@code MergeWithOverwrite}. */
    private static Object merge(List<Object> args, boolean overwrite) {
        GoMap dst = args.get(0) == null ? GoMap.of(Map.of(), false) : map(args.get(0));
        for (Object src : args.subList(1, args.size())) {
            if (src != null) {
                mergeInto(dst.entries(), map(src).entries(), overwrite, 0);
            }
        }
        return dst;
    }

    private static void mergeInto(Map<String, Object> dst, Map<String, Object> src, boolean overwrite, int depth) {
        if (depth > 100) {
            throw new TemplateExecException("merge: maps nested deeper than 100 levels");
        }
        for (Map.Entry<String, Object> e : src.entrySet()) {
            Object existing = dst.get(e.getKey());
            Object value = e.getValue();
            if (existing instanceof GoMap dm && value instanceof GoMap sm && !dm.stringValued() && !sm.stringValued()) {
                mergeInto(dm.entries(), sm.entries(), overwrite, depth + 1);
            } else if (!dst.containsKey(e.getKey()) || empty(existing) || overwrite && !empty(value)) {
                dst.put(e.getKey(), value);
            }
        }
    }

    // ----------------------------------------------------------------- defaults

    private static void defaults(Param s, Param a) {
        add("all", List.of(), a, args -> args.stream().noneMatch(Functions::empty));
        add("any", List.of(), a, args -> args.stream().anyMatch(x -> !empty(x)));
        add("ternary", List.of(a, a, Param.BOOL), null, args -> (Boolean) args.get(2) ? args.get(0) : args.get(1));
        add("toPrettyJson", List.of(a), null, args -> GoJson.encode(args.get(0), true, "  "));
        add("toRawJson", List.of(a), null, args -> mustJson(args.get(0), false, null));
        add("mustToJson", List.of(a), null, args -> mustJson(args.get(0), true, null));
        add("mustToPrettyJson", List.of(a), null, args -> mustJson(args.get(0), true, "  "));
        add("mustToRawJson", List.of(a), null, args -> mustJson(args.get(0), false, null));
        add("mustFromJson", List.of(s), null, args -> GoJson.mustDecode(str(args, 0)));
    }

    private static String mustJson(Object v, boolean escapeHtml, String indent) {
        String out = GoJson.encode(v, escapeHtml, indent);
        if (out.isEmpty()) {
            throw new TemplateExecException("json: unsupported value: " + GoFormat.value(v));
        }
        return out;
    }

    // --------------------------------------------------------------- reflection

    private static void reflection(Param s, Param a) {
        add("typeOf", List.of(a), null, args -> GoFormat.typeName(args.get(0)));
        add("typeIs", List.of(s, a), null, args -> str(args, 0).equals(GoFormat.typeName(args.get(1))));
        add("typeIsLike", List.of(s, a), null, args -> {
            String t = GoFormat.typeName(args.get(1));
            return str(args, 0).equals(t) || str(args, 0).equals("*" + t);
        });
        add("kindOf", List.of(a), null, args -> Cast.kind(args.get(0)));
        add("kindIs", List.of(s, a), null, args -> str(args, 0).equals(Cast.kind(args.get(1))));
        add("deepEqual", List.of(a, a), null, args -> Cast.deepEqual(args.get(0), args.get(1)));
    }

    // -------------------------------------------------------------------- paths

    private static void paths(Param s) {
        add("base", List.of(s), null, args -> GoPath.base(str(args, 0)));
        add("dir", List.of(s), null, args -> GoPath.dir(str(args, 0)));
        add("clean", List.of(s), null, args -> GoPath.clean(str(args, 0)));
        add("ext", List.of(s), null, args -> GoPath.ext(str(args, 0)));
        add("isAbs", List.of(s), null, args -> str(args, 0).startsWith("/"));
        // ESO runs on Linux, where filepath is path.
        add("osBase", List.of(s), null, args -> GoPath.base(str(args, 0)));
        add("osClean", List.of(s), null, args -> GoPath.clean(str(args, 0)));
        add("osDir", List.of(s), null, args -> GoPath.dir(str(args, 0)));
        add("osExt", List.of(s), null, args -> GoPath.ext(str(args, 0)));
        add("osIsAbs", List.of(s), null, args -> str(args, 0).startsWith("/"));
    }

    // ---------------------------------------------------------------- encodings

    private static void encodings(Param s) {
        add("b32enc", List.of(s), null, args -> Base32.encode(GoBytes.bytes(str(args, 0))));
        add("b32dec", List.of(s), null, args -> Base32.decode(str(args, 0)));
        add("hexdec", List.of(s), null, args -> {
            String x = str(args, 0);
            byte[] out = new byte[x.length() / 2];
            for (int k = 0; k < x.length(); k++) {
                if (Character.digit(x.charAt(k), 16) < 0 || x.charAt(k) > 0x7f) {
                    return "encoding/hex: invalid byte: " + GoFormat.sprintf("%#U", List.of((long) x.codePointAt(k)));
                }
                if (k % 2 == 1) {
                    out[k / 2] = (byte) (Character.digit(x.charAt(k - 1), 16) << 4 | Character.digit(x.charAt(k), 16));
                }
            }
            if (x.length() % 2 == 1) {
                return "encoding/hex: odd length hex string";
            }
            return GoBytes.string(out);
        });
    }

    // -------------------------------------------------------------------- dates

    private static GoTime timeOf(Object date) {
        if (date instanceof GoTime t) {
            return t;
        } else if (date instanceof Long seconds) {
            return GoTime.unix(seconds);
        }
        return now();
    }

    static GoTime now() {
        return new GoTime(ZonedDateTime.now(GoTime.LOCAL));
    }

    private static String dateInZone(String layout, Object date, String zone) {
        ZoneId z = GoTime.zone(zone);
        GoTime t = timeOf(date);
        return new GoTime(t.time().withZoneSameInstant(z == null ? java.time.ZoneOffset.UTC : z)).format(layout);
    }

    private static void dates(Param s, Param a) {
        Param t = Param.TIME;
        add("now", List.of(), null, args -> now());
        add("date", List.of(s, a), null, args -> dateInZone(str(args, 0), args.get(1), "Local"));
        add("dateInZone", List.of(s, a, s), null, args -> dateInZone(str(args, 0), args.get(1), str(args, 2)));
        add("date_in_zone", List.of(s, a, s), null, args -> dateInZone(str(args, 0), args.get(1), str(args, 2)));
        add("htmlDate", List.of(a), null, args -> dateInZone("2006-01-02", args.get(0), "Local"));
        add("htmlDateInZone", List.of(a, s), null, args -> dateInZone("2006-01-02", args.get(0), str(args, 1)));
        Functions.Impl dateModify = args -> {
            GoTime time = (GoTime) args.get(1);
            try {
                return new GoTime(time.time().plusNanos(GoTime.parseDuration(str(args, 0))));
            } catch (GoTime.ParseException e) {
                return time;
            }
        };
        Functions.Impl mustDateModify = args -> {
            GoTime time = (GoTime) args.get(1);
            try {
                return new GoTime(time.time().plusNanos(GoTime.parseDuration(str(args, 0))));
            } catch (GoTime.ParseException e) {
                throw new TemplateExecException(e.getMessage());
            }
        };
        add("dateModify", List.of(s, t), null, dateModify);
        add("date_modify", List.of(s, t), null, dateModify);
        add("mustDateModify", List.of(s, t), null, mustDateModify);
        add("must_date_modify", List.of(s, t), null, mustDateModify);
        add("ago", List.of(a), null, args -> {
            GoTime time = timeOf(args.get(0));
            long nanos =
                    java.time.Duration.between(time.time(), ZonedDateTime.now()).toNanos();
            return GoTime.duration(Math.round(nanos / 1e9) * 1_000_000_000L);
        });
        add("duration", List.of(a), null, args -> {
            Object v = args.get(0);
            long secs = 0;
            if (v instanceof String str) {
                Long parsed = Cast.parseDecimal(str);
                secs = parsed == null ? 0 : parsed;
            } else if (v instanceof Long l) {
                secs = l;
            }
            return GoTime.duration(secs * 1_000_000_000L);
        });
        add("durationRound", List.of(a), null, args -> durationRound(args.get(0)));
        add("toDate", List.of(s, s), null, args -> {
            try {
                return GoTime.parse(str(args, 0), str(args, 1), GoTime.LOCAL);
            } catch (GoTime.ParseException e) {
                return new GoTime(ZonedDateTime.of(1, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC));
            }
        });
        add("mustToDate", List.of(s, s), null, args -> {
            try {
                return GoTime.parse(str(args, 0), str(args, 1), GoTime.LOCAL);
            } catch (GoTime.ParseException e) {
                throw new TemplateExecException(e.getMessage());
            }
        });
        add(
                "unixEpoch",
                List.of(t),
                null,
                args -> Long.toString(((GoTime) args.get(0)).time().toEpochSecond()));
    }

    private static String durationRound(Object v) {
        long d = 0;
        if (v instanceof String str) {
            try {
                d = GoTime.parseDuration(str);
            } catch (GoTime.ParseException e) {
                d = 0;
            }
        } else if (v instanceof Long l) {
            d = l;
        } else if (v instanceof GoTime t) {
            d = java.time.Duration.between(t.time(), ZonedDateTime.now()).toNanos();
        }
        long u = Math.abs(d);
        long second = 1_000_000_000L;
        long minute = 60 * second;
        long hour = 60 * minute;
        long day = 24 * hour;
        long month = 30 * day;
        long year = 365 * day;
        if (u > year) {
            return u / year + "y";
        } else if (u > month) {
            return u / month + "mo";
        } else if (u > day) {
            return u / day + "d";
        } else if (u > hour) {
            return u / hour + "h";
        } else if (u > minute) {
            return u / minute + "m";
        } else if (u > second) {
            return u / second + "s";
        }
        return "0s";
    }

    // ------------------------------------------------------------------ regexps

    private static void regexps(Param s, Param n) {
        add("regexMatch", List.of(s, s), null, args -> {
            try {
                return GoRegex.compile(str(args, 0)).matches(str(args, 1));
            } catch (TemplateExecException e) {
                return false;
            }
        });
        add(
                "mustRegexMatch",
                List.of(s, s),
                null,
                args -> GoRegex.compile(str(args, 0)).matches(str(args, 1)));
        add(
                "regexFindAll",
                List.of(s, s, n),
                null,
                args -> GoRegex.mustCompile(str(args, 0)).findAll(str(args, 1), i(args, 2)));
        add(
                "mustRegexFindAll",
                List.of(s, s, n),
                null,
                args -> GoRegex.compile(str(args, 0)).findAll(str(args, 1), i(args, 2)));
        add(
                "regexFind",
                List.of(s, s),
                null,
                args -> GoRegex.mustCompile(str(args, 0)).find(str(args, 1)));
        add(
                "mustRegexFind",
                List.of(s, s),
                null,
                args -> GoRegex.compile(str(args, 0)).find(str(args, 1)));
        add(
                "regexReplaceAll",
                List.of(s, s, s),
                null,
                args -> GoRegex.mustCompile(str(args, 0)).replaceAll(str(args, 1), str(args, 2), false));
        add(
                "mustRegexReplaceAll",
                List.of(s, s, s),
                null,
                args -> GoRegex.compile(str(args, 0)).replaceAll(str(args, 1), str(args, 2), false));
        add(
                "regexReplaceAllLiteral",
                List.of(s, s, s),
                null,
                args -> GoRegex.mustCompile(str(args, 0)).replaceAll(str(args, 1), str(args, 2), true));
        add(
                "mustRegexReplaceAllLiteral",
                List.of(s, s, s),
                null,
                args -> GoRegex.compile(str(args, 0)).replaceAll(str(args, 1), str(args, 2), true));
        add(
                "regexSplit",
                List.of(s, s, n),
                null,
                args -> GoRegex.mustCompile(str(args, 0)).split(str(args, 1), i(args, 2)));
        add(
                "mustRegexSplit",
                List.of(s, s, n),
                null,
                args -> GoRegex.compile(str(args, 0)).split(str(args, 1), i(args, 2)));
        add("regexQuoteMeta", List.of(s), null, args -> GoRegex.quoteMeta(str(args, 0)));
    }

    // --------------------------------------------------------------------- urls

    private static void urls(Param s, Param m) {
        add("urlParse", List.of(s), null, args -> GoUrl.parse(str(args, 0)));
        add("urlJoin", List.of(m), null, args -> GoUrl.join(map(args.get(0))));
    }

    // ------------------------------------------------------------------- random

    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";

    private static void random(Param n) {
        add("randAlphaNum", List.of(n), null, args -> random(i(args, 0), ALPHA + DIGITS));
        add("randAlpha", List.of(n), null, args -> random(i(args, 0), ALPHA));
        add("randNumeric", List.of(n), null, args -> random(i(args, 0), DIGITS));
        add("randAscii", List.of(n), null, args -> {
            StringBuilder printable = new StringBuilder();
            for (char c = 32; c <= 126; c++) {
                printable.append(c);
            }
            return random(i(args, 0), printable.toString());
        });
        add("randBytes", List.of(n), null, args -> {
            long count = i(args, 0);
            if (count < 0) {
                throw new TemplateExecException("runtime error: makeslice: len out of range");
            }
            checkSize("randBytes", count * 4 / 3);
            byte[] b = new byte[(int) count];
            Random.INSTANCE.nextBytes(b);
            return java.util.Base64.getEncoder().encodeToString(b);
        });
        add("uuidv4", List.of(), null, args -> UUID.randomUUID().toString());
    }

    private static String random(long count, String alphabet) {
        if (count < 0) {
            throw new TemplateExecException("Count " + count + " is less than 0");
        }
        checkSize("rand", count);
        StringBuilder out = new StringBuilder((int) count);
        for (long k = 0; k < count; k++) {
            out.append(alphabet.charAt(Random.INSTANCE.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
