package io.eso4j.mapping;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's float64 renderings: {@code strconv.FormatFloat(f, 'f', -1, 64)} (shortest digits that round-trip, never an
 * exponent) and {@code encoding/json}'s float encoding (the same, but {@code 'e'} form below 1e-6 and from 1e21).
 * Java's {@code Double.toString} differs (exponent form, and on Java 17 not always the shortest digits). Stateless.
 */
final class GoFloat {

    private GoFloat() {}

    /** {@code strconv.FormatFloat(value, 'f', -1, 64)}: {@code 1000}, {@code 0.0025}, {@code 1.5}, {@code -0}. */
    static String formatF(double value) {
        String special = special(value);
        if (special != null) {
            return special;
        }
        if (value == 0) {
            return zero(value);
        }
        BigDecimal shortest = shortest(Math.abs(value));
        String plain = shortest.scale() < 0
                ? shortest.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
                : shortest.toPlainString();
        return value < 0 ? "-" + plain : plain;
    }

    /** How Go's {@code encoding/json} writes a float64: {@code 1e+21}, {@code 1e-7}, {@code 0.000001}, {@code 123}. */
    static String formatJson(double value) {
        double abs = Math.abs(value);
        if (abs == 0 || (abs >= 1e-6 && abs < 1e21) || Double.isNaN(value) || Double.isInfinite(value)) {
            return formatF(value);
        }
        BigDecimal shortest = shortest(abs);
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        StringBuilder out = new StringBuilder();
        if (value < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int absExponent = Math.abs(exponent);
        // Go writes at least two exponent digits, then encoding/json trims "e-07" to "e-7" (but keeps "e+21").
        if (absExponent < 10 && exponent > 0) {
            out.append('0');
        }
        return out.append(absExponent).toString();
    }

    /** The decimal with the fewest significant digits that parses back to {@code positive}, trailing zeros removed. */
    private static BigDecimal shortest(double positive) {
        BigDecimal exact = new BigDecimal(positive);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == positive) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    private static String special(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return null;
    }

    private static String zero(double value) {
        return Double.doubleToRawLongBits(value) == 0 ? "0" : "-0";
    }
}
