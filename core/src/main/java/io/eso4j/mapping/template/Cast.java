package io.eso4j.mapping.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Conversions Sprig makes through {@code spf13/cast} and {@code reflect}: {@code toInt64}, {@code toFloat64},
 * kinds, deep equality and copies of template values. Stateless.
 */
final class Cast {

    private Cast() {}

    /** {@code cast.ToInt64}: numbers truncate, strings parse (base prefixes allowed), bools are 0/1, else 0. */
    static long toInt64(Object v) {
        if (v instanceof Long l) {
            return l;
        } else if (v instanceof Double d) {
            return (long) d.doubleValue();
        } else if (v instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (v instanceof String s) {
            Long parsed = parseGoInt(trimZeroDecimal(s));
            return parsed == null ? 0 : parsed;
        }
        return 0;
    }

    /** {@code cast.ToFloat64}. */
    static double toFloat64(Object v) {
        if (v instanceof Long l) {
            return l;
        } else if (v instanceof Double d) {
            return d;
        } else if (v instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (v instanceof String s) {
            try {
                String t = s.strip();
                if (t.isEmpty()
                        || !t.equals(s)
                        || t.endsWith("d")
                        || t.endsWith("f")
                        || t.endsWith("D")
                        || t.endsWith("F")) {
                    return 0;
                }
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    static BigDecimal toDecimal(Object v) {
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        double d = toFloat64(v);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(Double.toString(d));
    }

    private static String trimZeroDecimal(String s) {
        int dot = s.indexOf('.');
        if (dot < 0) {
            return s;
        }
        for (int i = dot + 1; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return s;
            }
        }
        return s.substring(0, dot);
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}: sign, {@code 0x 0o 0b 0} prefixes, underscores with a prefix. */
    static Long parseGoInt(String s) {
        if (s.isEmpty()) {
            return null;
        }
        boolean neg = false;
        String t = s;
        if (t.charAt(0) == '+' || t.charAt(0) == '-') {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        int radix = 10;
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            t = t.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            t = t.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            t = t.substring(2);
        } else if (t.length() > 1 && t.charAt(0) == '0') {
            radix = 8;
            t = t.substring(1);
        } else if (t.contains("_")) {
            return null;
        }
        t = t.replace("_", "");
        if (t.isEmpty() || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
            return null;
        }
        try {
            return Long.parseLong((neg ? "-" : "") + t, radix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code strconv.ParseInt(s, 10, 64)}. */
    static Long parseDecimal(String s) {
        if (s.isEmpty() || s.contains("_") || !s.matches("[+-]?[0-9]+")) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code reflect.Kind.String} of a template value. */
    static String kind(Object v) {
        if (v == null) {
            return "invalid";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Long) {
            return "int";
        } else if (v instanceof Double) {
            return "float64";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof GoMap) {
            return "map";
        } else if (v instanceof List) {
            return "slice";
        } else if (v instanceof GoTime) {
            return "struct";
        }
        return "ptr";
    }

    /** {@code reflect.DeepEqual} for template values ({@code []string} never equals {@code []interface {}}). */
    static boolean deepEqual(Object a, Object b) {
        return deepEqual(a, b, 0);
    }

    private static boolean deepEqual(Object a, Object b, int depth) {
        if (depth > 1000) {
            throw new TemplateExecException("deepEqual: values nested deeper than 1000 levels");
        }
        if (a == null || b == null) {
            return a == b;
        }
        if (!GoFormat.typeName(a).equals(GoFormat.typeName(b))) {
            return false;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!deepEqual(la.get(i), lb.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof GoMap ma && b instanceof GoMap mb) {
            if (!ma.entries().keySet().equals(mb.entries().keySet())) {
                return false;
            }
            for (Map.Entry<String, Object> e : ma.entries().entrySet()) {
                if (!deepEqual(e.getValue(), mb.entries().get(e.getKey()), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof GoTime ta && b instanceof GoTime tb) {
            return ta.time().equals(tb.time());
        }
        return Objects.equals(a, b);
    }

    /** Sprig's {@code inList}: {@code reflect.DeepEqual} against each element. */
    static boolean contains(List<Object> haystack, Object needle) {
        for (Object o : haystack) {
            if (deepEqual(o, needle)) {
                return true;
            }
        }
        return false;
    }

    static Object deepCopy(Object v) {
        return deepCopy(v, 0);
    }

    private static Object deepCopy(Object v, int depth) {
        if (depth > 1000) {
            throw new TemplateExecException("deepCopy: values nested deeper than 1000 levels");
        }
        if (v instanceof GoMap m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.entries().forEach((k, x) -> copy.put(k, deepCopy(x, depth + 1)));
            return GoMap.of(copy, m.stringValued());
        } else if (v instanceof StringList) {
            return v;
        } else if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object x : l) {
                copy.add(deepCopy(x, depth + 1));
            }
            return copy;
        }
        return v;
    }
}
