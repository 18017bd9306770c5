package io.eso4j.mapping.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Go's {@code fmt} rendering of template values: {@code %v}, {@code Sprint}, {@code Sprintln} and {@code Sprintf}. */
final class GoFormat {

    private GoFormat() {}

    /** Go type name of a template value, as Go prints it in errors and {@code %T}. */
    static String typeName(Object v) {
        if (v == null) {
            return "<nil>";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Long) {
            return "int";
        } else if (v instanceof Double) {
            return "float64";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof GoMap m) {
            return m.typeName();
        } else if (v instanceof StringList) {
            return "[]string";
        } else if (v instanceof GoTime) {
            return "time.Time";
        } else if (v instanceof Semver.Version) {
            return "*semver.Version";
        } else if (v instanceof List) {
            return "[]interface {}";
        }
        return v.getClass().getSimpleName();
    }

    /** {@code fmt.Sprint} of one value ({@code %v}). */
    static String value(Object v) {
        if (v == null) {
            return "<nil>";
        } else if (v instanceof String s) {
            return s;
        } else if (v instanceof Double d) {
            return formatG(d, -1);
        } else if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i > 0 ? " " : "").append(value(list.get(i)));
                Sprig.checkSize("print", sb.length());
            }
            return sb.append(']').toString();
        } else if (v instanceof GoMap m) {
            StringBuilder sb = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<String, Object> e : m.entries().entrySet()) {
                sb.append(first ? "" : " ").append(e.getKey()).append(':').append(value(e.getValue()));
                Sprig.checkSize("print", sb.length());
                first = false;
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }

    /** {@code fmt.Sprint}: a space between operands when neither is a string. */
    static String sprint(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            if (i > 0 && !(arg instanceof String) && !(args.get(i - 1) instanceof String)) {
                sb.append(' ');
            }
            sb.append(value(arg));
        }
        return sb.toString();
    }

    /** {@code fmt.Sprintln}: always a space between operands, and a final newline. */
    static String sprintln(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            sb.append(i > 0 ? " " : "").append(value(args.get(i)));
        }
        return sb.append('\n').toString();
    }

    /** {@code fmt.Sprintf} for the verbs templates use, with Go's {@code %!verb(type=value)} error rendering. */
    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            Spec spec = new Spec();
            while (i < format.length() && "-+# 0".indexOf(format.charAt(i)) >= 0) {
                switch (format.charAt(i)) {
                    case '-' -> spec.minus = true;
                    case '+' -> spec.plus = true;
                    case '#' -> spec.sharp = true;
                    case ' ' -> spec.space = true;
                    default -> spec.zero = true;
                }
                i++;
            }
            int start = i;
            while (i < format.length() && Character.isDigit(format.charAt(i))) {
                i++;
            }
            if (i > start) {
                spec.width = Integer.parseInt(format.substring(start, Math.min(i, start + 6)));
            }
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                spec.precision = i > start ? Integer.parseInt(format.substring(start, Math.min(i, start + 6))) : 0;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argIndex >= args.size()) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
                continue;
            }
            out.append(formatArg(args.get(argIndex++), verb, spec));
        }
        if (argIndex < args.size()) {
            out.append("%!(EXTRA ");
            for (int j = argIndex; j < args.size(); j++) {
                Object arg = args.get(j);
                out.append(j > argIndex ? ", " : "");
                out.append(arg == null ? "<nil>" : typeName(arg) + "=" + value(arg));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static final class Spec {
        boolean minus;
        boolean plus;
        boolean sharp;
        boolean space;
        boolean zero;
        int width = -1;
        int precision = -1;
    }

    private static String formatArg(Object arg, int verb, Spec spec) {
        if (verb == 'T') {
            return pad(typeName(arg), spec, false);
        }
        if (arg == null) {
            return verb == 'v' ? pad("<nil>", spec, false) : "%!" + Character.toString(verb) + "(<nil>)";
        }
        if (arg instanceof List<?> list && verb != 'v') {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i > 0 ? " " : "").append(formatArg(list.get(i), verb, spec));
            }
            return sb.append(']').toString();
        }
        if (arg instanceof GoMap m && verb != 'v') {
            StringBuilder sb = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<String, Object> e : m.entries().entrySet()) {
                sb.append(first ? "" : " ")
                        .append(formatArg(e.getKey(), verb, spec))
                        .append(':')
                        .append(formatArg(e.getValue(), verb, spec));
                first = false;
            }
            return sb.append(']').toString();
        }
        if (arg instanceof String s) {
            switch (verb) {
                case 's', 'v' -> {
                    String text = s;
                    if (spec.precision >= 0 && s.codePointCount(0, s.length()) > spec.precision) {
                        text = s.substring(0, s.offsetByCodePoints(0, spec.precision));
                    }
                    return pad(text, spec, false);
                }
                case 'q' -> {
                    return pad(GoStrings.quote(s), spec, false);
                }
                case 'x', 'X' -> {
                    StringBuilder hex = new StringBuilder();
                    for (byte b : GoBytes.bytes(s)) {
                        hex.append(String.format(verb == 'x' ? "%02x" : "%02X", b & 0xff));
                    }
                    return pad(hex.toString(), spec, false);
                }
                default -> {
                    return badVerb(arg, verb);
                }
            }
        }
        if (arg instanceof Long n) {
            long v = n;
            String digits;
            switch (verb) {
                case 'd', 'v' -> digits = Long.toString(Math.abs(v));
                case 'b' -> digits = Long.toBinaryString(Math.abs(v));
                case 'o', 'O' ->
                    digits = (verb == 'O' ? "0o" : spec.sharp ? "0" : "") + Long.toOctalString(Math.abs(v));
                case 'x' -> digits = (spec.sharp ? "0x" : "") + Long.toHexString(Math.abs(v));
                case 'X' ->
                    digits = (spec.sharp ? "0X" : "")
                            + Long.toHexString(Math.abs(v)).toUpperCase(java.util.Locale.ROOT);
                case 'c' -> {
                    return pad(validRune(v) ? Character.toString((int) v) : "\ufffd", spec, false);
                }
                case 'q' -> {
                    return pad(GoStrings.quoteRune(validRune(v) ? (int) v : 0xFFFD), spec, false);
                }
                case 'U' -> {
                    return pad(String.format("U+%04X", v), spec, false);
                }
                default -> {
                    return badVerb(arg, verb);
                }
            }
            if (v == Long.MIN_VALUE) {
                digits = digits.replace("-", "");
            }
            String sign = v < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
            if (spec.precision >= 0 && digits.length() < spec.precision) {
                digits = "0".repeat(spec.precision - digits.length()) + digits;
            }
            return padNumber(sign, digits, spec, spec.precision < 0);
        }
        if (arg instanceof Double d) {
            String text;
            switch (verb) {
                case 'v', 'g' -> text = formatG(d, spec.precision);
                case 'G' -> text = formatG(d, spec.precision).toUpperCase(java.util.Locale.ROOT);
                case 'f', 'F' -> text = formatF(d, spec.precision < 0 ? 6 : spec.precision);
                case 'e' -> text = formatE(d, spec.precision < 0 ? 6 : spec.precision);
                case 'E' ->
                    text = formatE(d, spec.precision < 0 ? 6 : spec.precision).toUpperCase(java.util.Locale.ROOT);
                default -> {
                    return badVerb(arg, verb);
                }
            }
            if (d.isNaN() || d.isInfinite()) {
                if (spec.plus && d == Double.POSITIVE_INFINITY) {
                    text = "+Inf";
                }
                return pad(text, spec, false);
            }
            String sign = "";
            if (text.startsWith("-")) {
                sign = "-";
                text = text.substring(1);
            } else if (spec.plus) {
                sign = "+";
            } else if (spec.space) {
                sign = " ";
            }
            return padNumber(sign, text, spec, true);
        }
        if (arg instanceof Boolean b) {
            return verb == 't' || verb == 'v' ? pad(b.toString(), spec, false) : badVerb(arg, verb);
        }
        if (verb == 'v') {
            return pad(value(arg), spec, false);
        }
        return badVerb(arg, verb);
    }

    private static boolean validRune(long v) {
        return v >= 0 && v <= 0x10FFFF && !(v >= 0xD800 && v < 0xE000);
    }

    private static String badVerb(Object arg, int verb) {
        return "%!" + Character.toString(verb) + "(" + typeName(arg) + "=" + value(arg) + ")";
    }

    private static String pad(String text, Spec spec, boolean zeroAllowed) {
        int len = text.codePointCount(0, text.length());
        if (spec.width <= len) {
            return text;
        }
        String fill = (zeroAllowed && spec.zero && !spec.minus ? "0" : " ").repeat(spec.width - len);
        return spec.minus ? text + fill : fill + text;
    }

    private static String padNumber(String sign, String digits, Spec spec, boolean zeroAllowed) {
        int len = sign.length() + digits.length();
        if (spec.width <= len) {
            return sign + digits;
        }
        int fill = spec.width - len;
        if (spec.minus) {
            return sign + digits + " ".repeat(fill);
        }
        if (spec.zero && zeroAllowed) {
            return sign + "0".repeat(fill) + digits;
        }
        return " ".repeat(fill) + sign + digits;
    }

    /** Go's {@code strconv.FormatFloat(d, 'g', prec, 64)}; {@code prec < 0} means shortest (as {@code %v}). */
    static String formatG(double d, int prec) {
        if (Double.isNaN(d)) {
            return "NaN";
        } else if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        BigDecimal abs = BigDecimal.valueOf(Math.abs(d));
        String digits;
        int exp;
        if (d == 0) {
            digits = "0";
            exp = 0;
        } else {
            BigDecimal rounded = prec < 0
                    ? abs
                    : new BigDecimal(Math.abs(d)).round(new MathContext(Math.max(prec, 1), RoundingMode.HALF_EVEN));
            BigDecimal stripped = rounded.stripTrailingZeros();
            digits = stripped.unscaledValue().toString();
            exp = digits.length() - stripped.scale() - 1;
        }
        int eprec = prec < 0 ? 6 : Math.max(prec, 1);
        if (prec >= 0 && eprec > digits.length() && digits.length() >= exp + 1) {
            eprec = digits.length();
        }
        String body;
        if (exp < -4 || exp >= eprec) {
            body = digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "") + exponent(exp);
        } else if (exp < 0) {
            body = "0." + "0".repeat(-exp - 1) + digits;
        } else if (digits.length() <= exp + 1) {
            body = digits + "0".repeat(exp + 1 - digits.length());
        } else {
            body = digits.substring(0, exp + 1) + "." + digits.substring(exp + 1);
        }
        return (negative ? "-" : "") + body;
    }

    /** Go's {@code %e} with a precision. */
    static String formatE(double d, int prec) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return formatG(d, -1);
        }
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        String digits;
        int exp;
        if (d == 0) {
            digits = "0".repeat(prec + 1);
            exp = 0;
        } else {
            BigDecimal rounded = new BigDecimal(Math.abs(d)).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
            digits = rounded.unscaledValue().toString();
            exp = digits.length() - rounded.scale() - 1;
            if (digits.length() < prec + 1) {
                digits = digits + "0".repeat(prec + 1 - digits.length());
            } else {
                digits = digits.substring(0, prec + 1);
            }
        }
        String body = digits.charAt(0) + (prec > 0 ? "." + digits.substring(1) : "") + exponent(exp);
        return (negative ? "-" : "") + body;
    }

    /** Go's {@code %f} with a precision. */
    static String formatF(double d, int prec) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return formatG(d, -1);
        }
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        String body = new BigDecimal(Math.abs(d))
                .setScale(prec, RoundingMode.HALF_EVEN)
                .toPlainString();
        return (negative ? "-" : "") + body;
    }

    private static String exponent(int exp) {
        String digits = Integer.toString(Math.abs(exp));
        return "e" + (exp < 0 ? "-" : "+") + (digits.length() < 2 ? "0" + digits : digits);
    }
}
