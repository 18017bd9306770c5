package io.eso4j.spec;

import java.time.Duration;

/**
 * Go's {@code time.ParseDuration} and {@code Duration.String}, as used by ESO for {@code refreshInterval} and
 * {@code retrySettings.retryInterval}.
 *
 * <p>Accepted: an optional sign, then one or more decimal numbers (fractions allowed) each followed by a unit out of
 * {@code ns}, {@code us}, {@code µs}, {@code μs}, {@code ms}, {@code s}, {@code m}, {@code h}; for example
 * {@code 1h}, {@code 1.5h}, {@code 1h30m}, {@code 300ms}. {@code 0} needs no unit. There are no days. Like Go, the
 * result is a whole number of nanoseconds (fractions are truncated) and must fit Go's 64-bit range (about 292
 * years). Stateless and thread-safe.
 */
final class GoDuration {

    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    private static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;

    private GoDuration() {}

    /**
     * Parses {@code text} like Go's {@code time.ParseDuration}.
     *
     * @throws IllegalArgumentException with Go's wording ({@code invalid duration "…"}, {@code missing unit in
     *     duration "…"}, {@code unknown unit "…" in duration "…"}); the input is quoted, cut to 80 characters
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("invalid duration \"\"");
        }
        String s = text;
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i == s.length()) {
            throw invalid(text);
        }
        long total = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(c == '.' || isDigit(c))) {
                throw invalid(text);
            }
            // integer part
            int start = i;
            long whole = 0;
            while (i < s.length() && isDigit(s.charAt(i))) {
                whole = add(multiply(whole, 10, text), s.charAt(i) - '0', text);
                i++;
            }
            boolean hasWhole = i > start;
            // fraction part
            long fraction = 0;
            long scale = 1;
            boolean hasFraction = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fractionStart = i;
                boolean overflowed = false;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    if (!overflowed) {
                        if (fraction > (Long.MAX_VALUE - 9) / 10 || scale > Long.MAX_VALUE / 10) {
                            overflowed = true; // further digits are below the precision Go keeps
                        } else {
                            fraction = fraction * 10 + (s.charAt(i) - '0');
                            scale *= 10;
                        }
                    }
                    i++;
                }
                hasFraction = i > fractionStart;
            }
            if (!hasWhole && !hasFraction) {
                throw invalid(text);
            }
            // unit
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (unitStart == i) {
                throw new IllegalArgumentException("missing unit in duration " + quote(text));
            }
            String unit = s.substring(unitStart, i);
            long unitNanos = unitNanos(unit, text);
            long value = multiply(whole, unitNanos, text);
            if (fraction > 0) {
                value = add(value, (long) (fraction * ((double) unitNanos / scale)), text);
            }
            total = add(total, value, text);
        }
        return Duration.ofNanos(negative ? -total : total);
    }

    /**
     * Formats like Go's {@code Duration.String}: {@code 1h0m0s}, {@code 1m30s}, {@code 1.5s}, {@code 300ms},
     * {@code 0s}.
     */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (nanos < 0) {
            out.append('-');
        }
        long abs = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(nanos);
        if (abs < NANOS_PER_SECOND) {
            if (abs < NANOS_PER_MICRO) {
                return out.append(abs).append("ns").toString();
            }
            if (abs < NANOS_PER_MILLI) {
                return out.append(decimal(abs, NANOS_PER_MICRO)).append("µs").toString();
            }
            return out.append(decimal(abs, NANOS_PER_MILLI)).append("ms").toString();
        }
        long hours = abs / NANOS_PER_HOUR;
        long minutes = abs % NANOS_PER_HOUR / NANOS_PER_MINUTE;
        long secondNanos = abs % NANOS_PER_MINUTE;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(decimal(secondNanos, NANOS_PER_SECOND)).append('s').toString();
    }

    private static String decimal(long value, long unit) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(unit + rest).substring(1);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + digits.substring(0, end);
    }

    private static long unitNanos(String unit, String text) {
        switch (unit) {
            case "ns":
                return 1;
            case "us":
            case "\u00b5s": // micro sign
            case "\u03bcs": // Greek small letter mu
                return NANOS_PER_MICRO;
            case "ms":
                return NANOS_PER_MILLI;
            case "s":
                return NANOS_PER_SECOND;
            case "m":
                return NANOS_PER_MINUTE;
            case "h":
                return NANOS_PER_HOUR;
            default:
                throw new IllegalArgumentException("unknown unit " + quote(unit) + " in duration " + quote(text));
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration " + quote(text));
    }

    static String quote(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static long add(long a, long b, String text) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw invalid(text);
        }
    }

    private static long multiply(long a, long b, String text) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw invalid(text);
        }
    }
}
