package io.eso4j.mapping.template;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * A Go {@code time.Time} as a template value, with Go's layout-based {@code Format} and {@code Parse}
 * ({@code "2006-01-02T15:04:05Z07:00"} style), {@code time.Duration}'s {@code String} and {@code ParseDuration}.
 * Go's "Local" zone is UTC here (the zone of ESO's container images). Immutable.
 */
record GoTime(ZonedDateTime time) {

    /** Go's {@code time.Local} as ESO runs it: its images carry no zone data and no {@code TZ}, so UTC. */
    static final ZoneId LOCAL = ZoneOffset.UTC;

    static GoTime unix(long seconds) {
        return new GoTime(Instant.ofEpochSecond(seconds).atZone(LOCAL));
    }

    /** Go's {@code time.Time.String}: {@code 2006-01-02 15:04:05.999999999 -0700 MST} (no monotonic reading). */
    @Override
    public String toString() {
        return format("2006-01-02 15:04:05.999999999 -0700 MST");
    }

    /** {@code time.LoadLocation}: "" and "UTC" are UTC, "Local" is {@link #LOCAL}; null when unknown. */
    static ZoneId zone(String name) {
        if (name.isEmpty() || name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (name.equals("Local")) {
            return LOCAL;
        }
        try {
            return name.contains("/") ? ZoneId.of(name) : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ layouts

    private enum Std {
        LONG_MONTH,
        MONTH,
        NUM_MONTH,
        ZERO_MONTH,
        LONG_WEEKDAY,
        WEEKDAY,
        DAY,
        UNDER_DAY,
        ZERO_DAY,
        UNDER_YEARDAY,
        ZERO_YEARDAY,
        HOUR,
        HOUR12,
        ZERO_HOUR12,
        MINUTE,
        ZERO_MINUTE,
        SECOND,
        ZERO_SECOND,
        LONG_YEAR,
        YEAR,
        PM,
        PM_LOWER,
        TZ,
        ISO8601_TZ,
        ISO8601_SECONDS_TZ,
        ISO8601_SHORT_TZ,
        ISO8601_COLON_TZ,
        ISO8601_COLON_SECONDS_TZ,
        NUM_TZ,
        NUM_SECONDS_TZ,
        NUM_SHORT_TZ,
        NUM_COLON_TZ,
        NUM_COLON_SECONDS_TZ,
        FRAC_ZEROS,
        FRAC_NINES
    }

    /** One chunk of a layout: literal text before it, the element, and for fractions the digit count. */
    private record Chunk(String prefix, Std std, int digits, int end) {}

    private static boolean startsWith(String s, int i, String prefix) {
        return s.startsWith(prefix, i);
    }

    /** Go's {@code nextStdChunk}: finds the next layout element at or after {@code from}. */
    private static Chunk next(String layout, int from) {
        for (int i = from; i < layout.length(); i++) {
            char c = layout.charAt(i);
            String pre = layout.substring(from, i);
            switch (c) {
                case 'J':
                    if (startsWith(layout, i, "Jan")) {
                        return startsWith(layout, i, "January")
                                ? new Chunk(pre, Std.LONG_MONTH, 0, i + 7)
                                : new Chunk(pre, Std.MONTH, 0, i + 3);
                    }
                    break;
                case 'M':
                    if (startsWith(layout, i, "Mon")) {
                        return startsWith(layout, i, "Monday")
                                ? new Chunk(pre, Std.LONG_WEEKDAY, 0, i + 6)
                                : new Chunk(pre, Std.WEEKDAY, 0, i + 3);
                    }
                    if (startsWith(layout, i, "MST")) {
                        return new Chunk(pre, Std.TZ, 0, i + 3);
                    }
                    break;
                case '0':
                    if (i + 1 < layout.length()) {
                        char d = layout.charAt(i + 1);
                        if (d >= '1' && d <= '6') {
                            Std[] std = {
                                Std.ZERO_MONTH,
                                Std.ZERO_DAY,
                                Std.ZERO_HOUR12,
                                Std.ZERO_MINUTE,
                                Std.ZERO_SECOND,
                                Std.YEAR
                            };
                            return new Chunk(pre, std[d - '1'], 0, i + 2);
                        }
                        if (d == '0' && i + 2 < layout.length() && layout.charAt(i + 2) == '2') {
                            return new Chunk(pre, Std.ZERO_YEARDAY, 0, i + 3);
                        }
                    }
                    break;
                case '1':
                    if (startsWith(layout, i, "15")) {
                        return new Chunk(pre, Std.HOUR, 0, i + 2);
                    }
                    return new Chunk(pre, Std.NUM_MONTH, 0, i + 1);
                case '2':
                    if (startsWith(layout, i, "2006")) {
                        return new Chunk(pre, Std.LONG_YEAR, 0, i + 4);
                    }
                    return new Chunk(pre, Std.DAY, 0, i + 1);
                case '_':
                    if (startsWith(layout, i, "_2")) {
                        if (startsWith(layout, i, "_2006")) {
                            return new Chunk(pre + "_", Std.LONG_YEAR, 0, i + 5);
                        }
                        return new Chunk(pre, Std.UNDER_DAY, 0, i + 2);
                    }
                    if (startsWith(layout, i, "__2")) {
                        return new Chunk(pre, Std.UNDER_YEARDAY, 0, i + 3);
                    }
                    break;
                case '3':
                    return new Chunk(pre, Std.HOUR12, 0, i + 1);
                case '4':
                    return new Chunk(pre, Std.MINUTE, 0, i + 1);
                case '5':
                    return new Chunk(pre, Std.SECOND, 0, i + 1);
                case 'P':
                    if (startsWith(layout, i, "PM")) {
                        return new Chunk(pre, Std.PM, 0, i + 2);
                    }
                    break;
                case 'p':
                    if (startsWith(layout, i, "pm")) {
                        return new Chunk(pre, Std.PM_LOWER, 0, i + 2);
                    }
                    break;
                case '-':
                    if (startsWith(layout, i, "-070000")) {
                        return new Chunk(pre, Std.NUM_SECONDS_TZ, 0, i + 7);
                    } else if (startsWith(layout, i, "-07:00:00")) {
                        return new Chunk(pre, Std.NUM_COLON_SECONDS_TZ, 0, i + 9);
                    } else if (startsWith(layout, i, "-0700")) {
                        return new Chunk(pre, Std.NUM_TZ, 0, i + 5);
                    } else if (startsWith(layout, i, "-07:00")) {
                        return new Chunk(pre, Std.NUM_COLON_TZ, 0, i + 6);
                    } else if (startsWith(layout, i, "-07")) {
                        return new Chunk(pre, Std.NUM_SHORT_TZ, 0, i + 3);
                    }
                    break;
                case 'Z':
                    if (startsWith(layout, i, "Z070000")) {
                        return new Chunk(pre, Std.ISO8601_SECONDS_TZ, 0, i + 7);
                    } else if (startsWith(layout, i, "Z07:00:00")) {
                        return new Chunk(pre, Std.ISO8601_COLON_SECONDS_TZ, 0, i + 9);
                    } else if (startsWith(layout, i, "Z0700")) {
                        return new Chunk(pre, Std.ISO8601_TZ, 0, i + 5);
                    } else if (startsWith(layout, i, "Z07:00")) {
                        return new Chunk(pre, Std.ISO8601_COLON_TZ, 0, i + 6);
                    } else if (startsWith(layout, i, "Z07")) {
                        return new Chunk(pre, Std.ISO8601_SHORT_TZ, 0, i + 3);
                    }
                    break;
                case '.':
                case ',':
                    if (i + 1 < layout.length() && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
                        char ch = layout.charAt(i + 1);
                        int j = i + 1;
                        while (j < layout.length() && layout.charAt(j) == ch) {
                            j++;
                        }
                        boolean digitAfter = j < layout.length() && Character.isDigit(layout.charAt(j));
                        if (!digitAfter) {
                            return new Chunk(pre, ch == '0' ? Std.FRAC_ZEROS : Std.FRAC_NINES, j - (i + 1), j);
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return new Chunk(layout.substring(from), null, 0, layout.length());
    }

    /** Go's {@code Time.Format}. */
    String format(String layout) {
        StringBuilder out = new StringBuilder(layout.length() + 10);
        ZonedDateTime t = time;
        int pos = 0;
        while (pos < layout.length()) {
            Chunk c = next(layout, pos);
            out.append(c.prefix());
            pos = c.end();
            if (c.std() == null) {
                break;
            }
            int offset = t.getOffset().getTotalSeconds();
            switch (c.std()) {
                case YEAR -> pad(out, Math.floorMod(t.getYear(), 100), 2);
                case LONG_YEAR -> pad(out, t.getYear(), 4);
                case MONTH -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US));
                case LONG_MONTH -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.US));
                case NUM_MONTH -> out.append(t.getMonthValue());
                case ZERO_MONTH -> pad(out, t.getMonthValue(), 2);
                case WEEKDAY -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US));
                case LONG_WEEKDAY -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
                case DAY -> out.append(t.getDayOfMonth());
                case UNDER_DAY -> out.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
                case ZERO_DAY -> pad(out, t.getDayOfMonth(), 2);
                case UNDER_YEARDAY -> {
                    int d = t.getDayOfYear();
                    out.append(d < 10 ? "  " : d < 100 ? " " : "").append(d);
                }
                case ZERO_YEARDAY -> pad(out, t.getDayOfYear(), 3);
                case HOUR -> pad(out, t.getHour(), 2);
                case HOUR12 -> out.append(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
                case ZERO_HOUR12 -> pad(out, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2);
                case MINUTE -> out.append(t.getMinute());
                case ZERO_MINUTE -> pad(out, t.getMinute(), 2);
                case SECOND -> out.append(t.getSecond());
                case ZERO_SECOND -> pad(out, t.getSecond(), 2);
                case PM -> out.append(t.getHour() >= 12 ? "PM" : "AM");
                case PM_LOWER -> out.append(t.getHour() >= 12 ? "pm" : "am");
                case ISO8601_TZ,
                        ISO8601_COLON_TZ,
                        ISO8601_SECONDS_TZ,
                        ISO8601_SHORT_TZ,
                        ISO8601_COLON_SECONDS_TZ,
                        NUM_TZ,
                        NUM_COLON_TZ,
                        NUM_SECONDS_TZ,
                        NUM_SHORT_TZ,
                        NUM_COLON_SECONDS_TZ -> zoneOffset(out, c.std(), offset);
                case TZ -> {
                    String abbrev = abbreviation(t);
                    if (abbrev != null) {
                        out.append(abbrev);
                    } else {
                        int minutes = offset / 60;
                        out.append(minutes < 0 ? '-' : '+');
                        minutes = Math.abs(minutes);
                        pad(out, minutes / 60, 2);
                        pad(out, minutes % 60, 2);
                    }
                }
                case FRAC_ZEROS, FRAC_NINES -> fraction(out, layout.charAt(c.end() - c.digits() - 1), c, t.getNano());
                default -> throw new IllegalStateException();
            }
        }
        return out.toString();
    }

    private static void fraction(StringBuilder out, char separator, Chunk c, int nanos) {
        String digits = String.format(Locale.ROOT, "%09d", nanos).substring(0, Math.min(9, c.digits()));
        if (c.std() == Std.FRAC_NINES) {
            int end = digits.length();
            while (end > 0 && digits.charAt(end - 1) == '0') {
                end--;
            }
            if (end == 0) {
                return;
            }
            digits = digits.substring(0, end);
        }
        out.append(separator).append(digits);
    }

    private static String abbreviation(ZonedDateTime t) {
        if (t.getZone().equals(ZoneOffset.UTC) || t.getZone().getId().equals("UTC")) {
            return "UTC";
        }
        if (t.getZone() instanceof ZoneOffset) {
            return null;
        }
        String name = DateTimeFormatter.ofPattern("zzz", Locale.US).format(t);
        return name.startsWith("GMT") && name.length() > 3 ? null : name;
    }

    private static void zoneOffset(StringBuilder out, Std std, int offset) {
        boolean iso = std.name().startsWith("ISO");
        if (iso && offset == 0) {
            out.append('Z');
            return;
        }
        int zone = offset / 60;
        int abs = Math.abs(offset);
        out.append(zone < 0 || offset < 0 ? '-' : '+');
        pad(out, abs / 3600, 2);
        if (std == Std.ISO8601_COLON_TZ
                || std == Std.NUM_COLON_TZ
                || std == Std.ISO8601_COLON_SECONDS_TZ
                || std == Std.NUM_COLON_SECONDS_TZ) {
            out.append(':');
        }
        if (std != Std.NUM_SHORT_TZ && std != Std.ISO8601_SHORT_TZ) {
            pad(out, abs / 60 % 60, 2);
        }
        if (std == Std.ISO8601_SECONDS_TZ
                || std == Std.NUM_SECONDS_TZ
                || std == Std.NUM_COLON_SECONDS_TZ
                || std == Std.ISO8601_COLON_SECONDS_TZ) {
            if (std == Std.NUM_COLON_SECONDS_TZ || std == Std.ISO8601_COLON_SECONDS_TZ) {
                out.append(':');
            }
            pad(out, abs % 60, 2);
        }
    }

    private static void pad(StringBuilder out, int value, int width) {
        String s = Integer.toString(Math.abs(value));
        if (value < 0) {
            out.append('-');
        }
        for (int i = s.length(); i < width; i++) {
            out.append('0');
        }
        out.append(s);
    }

    /** A layout or value Go's {@code time.Parse} rejects; the message follows Go's wording loosely. */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(String message) {
            super(message, null, false, false);
        }
    }

    /** Go's {@code time.ParseInLocation} for the layout elements above. */
    static GoTime parse(String layout, String value, ZoneId location) throws ParseException {
        String original = value;
        int year = 1;
        int month = 1;
        int day = 1;
        int yday = -1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        boolean pm = false;
        boolean pmSet = false;
        Integer offset = null;
        int pos = 0;
        String rest = value;
        while (pos < layout.length()) {
            Chunk c = next(layout, pos);
            pos = c.end();
            if (!rest.startsWith(c.prefix())) {
                throw cannotParse(original, layout, rest);
            }
            rest = rest.substring(c.prefix().length());
            if (c.std() == null) {
                if (!rest.isEmpty()) {
                    throw new ParseException(
                            "parsing time " + GoStrings.quote(original) + ": extra text: " + GoStrings.quote(rest));
                }
                break;
            }
            String hold = rest;
            try {
                switch (c.std()) {
                    case YEAR -> {
                        int y = Integer.parseInt(fixed(rest, 2));
                        year = y >= 69 ? y + 1900 : y + 2000;
                        rest = rest.substring(2);
                    }
                    case LONG_YEAR -> {
                        year = Integer.parseInt(fixed(rest, 4));
                        rest = rest.substring(4);
                    }
                    case MONTH, LONG_MONTH -> {
                        int found = -1;
                        for (int m = 1; m <= 12 && found < 0; m++) {
                            String name = java.time.Month.of(m)
                                    .getDisplayName(c.std() == Std.MONTH ? TextStyle.SHORT : TextStyle.FULL, Locale.US);
                            if (rest.regionMatches(true, 0, name, 0, name.length())) {
                                found = m;
                                rest = rest.substring(name.length());
                            }
                        }
                        if (found < 0) {
                            throw new NumberFormatException();
                        }
                        month = found;
                    }
                    case WEEKDAY, LONG_WEEKDAY -> {
                        boolean found = false;
                        for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
                            String name = d.getDisplayName(
                                    c.std() == Std.WEEKDAY ? TextStyle.SHORT : TextStyle.FULL, Locale.US);
                            if (!found && rest.regionMatches(true, 0, name, 0, name.length())) {
                                found = true;
                                rest = rest.substring(name.length());
                            }
                        }
                        if (!found) {
                            throw new NumberFormatException();
                        }
                    }
                    case NUM_MONTH, ZERO_MONTH -> {
                        int[] r = number(rest, c.std() == Std.ZERO_MONTH);
                        month = r[0];
                        rest = rest.substring(r[1]);
                        if (month < 1 || month > 12) {
                            throw new ParseException(
                                    "parsing time " + GoStrings.quote(original) + ": month out of range");
                        }
                    }
                    case DAY, UNDER_DAY, ZERO_DAY -> {
                        if (c.std() == Std.UNDER_DAY && rest.startsWith(" ")) {
                            rest = rest.substring(1);
                        }
                        int[] r = number(rest, c.std() == Std.ZERO_DAY);
                        day = r[0];
                        rest = rest.substring(r[1]);
                    }
                    case UNDER_YEARDAY, ZERO_YEARDAY -> {
                        while (c.std() == Std.UNDER_YEARDAY && rest.startsWith(" ")) {
                            rest = rest.substring(1);
                        }
                        int[] r = digits(rest, 3);
                        yday = r[0];
                        rest = rest.substring(r[1]);
                    }
                    case HOUR -> {
                        int[] r = number(rest, false);
                        hour = r[0];
                        rest = rest.substring(r[1]);
                        if (hour > 23) {
                            throw new ParseException(
                                    "parsing time " + GoStrings.quote(original) + ": hour out of range");
                        }
                    }
                    case HOUR12, ZERO_HOUR12 -> {
                        int[] r = number(rest, c.std() == Std.ZERO_HOUR12);
                        hour = r[0];
                        rest = rest.substring(r[1]);
                        if (hour > 12) {
                            throw new ParseException(
                                    "parsing time " + GoStrings.quote(original) + ": hour out of range");
                        }
                    }
                    case MINUTE, ZERO_MINUTE -> {
                        int[] r = number(rest, c.std() == Std.ZERO_MINUTE);
                        minute = r[0];
                        rest = rest.substring(r[1]);
                        if (minute > 59) {
                            throw new ParseException(
                                    "parsing time " + GoStrings.quote(original) + ": minute out of range");
                        }
                    }
                    case SECOND, ZERO_SECOND -> {
                        int[] r = number(rest, c.std() == Std.ZERO_SECOND);
                        second = r[0];
                        rest = rest.substring(r[1]);
                        if (second > 59) {
                            throw new ParseException(
                                    "parsing time " + GoStrings.quote(original) + ": second out of range");
                        }
                        // A fractional second in the value is accepted even if the layout has none (Go does).
                        if (rest.length() > 1
                                && (rest.charAt(0) == '.' || rest.charAt(0) == ',')
                                && Character.isDigit(rest.charAt(1))) {
                            Chunk after = next(layout, pos);
                            if (after.std() != Std.FRAC_ZEROS && after.std() != Std.FRAC_NINES
                                    || !after.prefix().isEmpty()) {
                                int j = 1;
                                while (j < rest.length() && Character.isDigit(rest.charAt(j))) {
                                    j++;
                                }
                                nanos = nanos(rest.substring(1, j));
                                rest = rest.substring(j);
                            }
                        }
                    }
                    case PM, PM_LOWER -> {
                        String p = rest.length() >= 2 ? rest.substring(0, 2) : "";
                        if (p.equalsIgnoreCase("PM")) {
                            pm = true;
                        } else if (!p.equalsIgnoreCase("AM")) {
                            throw new NumberFormatException();
                        }
                        pmSet = true;
                        rest = rest.substring(2);
                    }
                    case ISO8601_TZ,
                            ISO8601_COLON_TZ,
                            ISO8601_SECONDS_TZ,
                            ISO8601_SHORT_TZ,
                            ISO8601_COLON_SECONDS_TZ -> {
                        if (rest.startsWith("Z")) {
                            rest = rest.substring(1);
                            offset = 0;
                        } else {
                            int[] r = offset(rest, Std.valueOf(c.std().name().replace("ISO8601", "NUM")));
                            offset = r[0];
                            rest = rest.substring(r[1]);
                        }
                    }
                    case NUM_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_SECONDS_TZ -> {
                        int[] r = offset(rest, c.std());
                        offset = r[0];
                        rest = rest.substring(r[1]);
                    }
                    case TZ -> {
                        if (rest.startsWith("UTC")) {
                            offset = offset == null ? 0 : offset;
                            rest = rest.substring(3);
                        } else {
                            int j = 0;
                            while (j < rest.length() && Character.isUpperCase(rest.charAt(j))) {
                                j++;
                            }
                            if (j < 3) {
                                throw new NumberFormatException();
                            }
                            rest = rest.substring(j);
                        }
                    }
                    case FRAC_ZEROS -> {
                        int n = c.digits() + 1;
                        if (rest.length() < n || (rest.charAt(0) != '.' && rest.charAt(0) != ',')) {
                            throw new NumberFormatException();
                        }
                        nanos = nanos(rest.substring(1, n));
                        rest = rest.substring(n);
                    }
                    case FRAC_NINES -> {
                        if (rest.length() >= 2
                                && (rest.charAt(0) == '.' || rest.charAt(0) == ',')
                                && Character.isDigit(rest.charAt(1))) {
                            int j = 1;
                            while (j < rest.length() && j < 10 && Character.isDigit(rest.charAt(j))) {
                                j++;
                            }
                            nanos = nanos(rest.substring(1, j));
                            rest = rest.substring(j);
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw cannotParse(original, layout, hold);
            }
        }
        if (pmSet && pm && hour < 12) {
            hour += 12;
        } else if (pmSet && !pm && hour == 12) {
            hour = 0;
        }
        try {
            LocalDate date = yday >= 0 ? LocalDate.ofYearDay(year, yday) : LocalDate.of(year, month, day);
            ZoneId zone = offset == null ? location : ZoneOffset.ofTotalSeconds(offset);
            if (offset != null && offset == 0 && location.equals(ZoneOffset.UTC)) {
                zone = ZoneOffset.UTC;
            }
            return new GoTime(ZonedDateTime.of(date.atTime(hour, minute, second, nanos), zone));
        } catch (DateTimeException e) {
            throw new ParseException("parsing time " + GoStrings.quote(original) + ": day out of range");
        }
    }

    private static ParseException cannotParse(String value, String layout, String rest) {
        return new ParseException("parsing time " + GoStrings.quote(value) + " as " + GoStrings.quote(layout)
                + ": cannot parse " + GoStrings.quote(rest) + " as " + GoStrings.quote(elementAt(layout, rest)));
    }

    private static String elementAt(String layout, String rest) {
        return layout.isEmpty() ? "" : layout;
    }

    private static String fixed(String s, int n) {
        String part = s.substring(0, n);
        if (!part.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException();
        }
        return part;
    }

    /** One or two digits (exactly two when {@code fixed}); returns value and length. */
    private static int[] number(String s, boolean fixed) {
        if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
            throw new NumberFormatException();
        }
        if (s.length() < 2 || !Character.isDigit(s.charAt(1))) {
            if (fixed) {
                throw new NumberFormatException();
            }
            return new int[] {s.charAt(0) - '0', 1};
        }
        return new int[] {(s.charAt(0) - '0') * 10 + (s.charAt(1) - '0'), 2};
    }

    private static int[] digits(String s, int n) {
        return new int[] {Integer.parseInt(fixed(s, n)), n};
    }

    private static int nanos(String digits) {
        String d = (digits + "000000000").substring(0, 9);
        return Integer.parseInt(d);
    }

    private static int[] offset(String s, Std std) {
        char sign = s.charAt(0);
        if (sign != '+' && sign != '-') {
            throw new NumberFormatException();
        }
        int h;
        int m = 0;
        int sec = 0;
        int len;
        switch (std) {
            case NUM_SHORT_TZ -> {
                h = Integer.parseInt(fixed(s.substring(1), 2));
                len = 3;
            }
            case NUM_TZ -> {
                h = Integer.parseInt(fixed(s.substring(1), 2));
                m = Integer.parseInt(fixed(s.substring(3), 2));
                len = 5;
            }
            case NUM_COLON_TZ -> {
                if (s.charAt(3) != ':') {
                    throw new NumberFormatException();
                }
                h = Integer.parseInt(fixed(s.substring(1), 2));
                m = Integer.parseInt(fixed(s.substring(4), 2));
                len = 6;
            }
            case NUM_SECONDS_TZ -> {
                h = Integer.parseInt(fixed(s.substring(1), 2));
                m = Integer.parseInt(fixed(s.substring(3), 2));
                sec = Integer.parseInt(fixed(s.substring(5), 2));
                len = 7;
            }
            default -> {
                if (s.charAt(3) != ':' || s.charAt(6) != ':') {
                    throw new NumberFormatException();
                }
                h = Integer.parseInt(fixed(s.substring(1), 2));
                m = Integer.parseInt(fixed(s.substring(4), 2));
                sec = Integer.parseInt(fixed(s.substring(7), 2));
                len = 9;
            }
        }
        int total = h * 3600 + m * 60 + sec;
        return new int[] {sign == '-' ? -total : total, len};
    }

    // ---------------------------------------------------------------- durations

    /** Go's {@code time.Duration.String}: {@code 72h3m0.5s}, {@code 1.5ms}, {@code 0s}. */
    static String duration(long d) {
        if (d == 0) {
            return "0s";
        }
        boolean neg = d < 0;
        // Work on the magnitude as unsigned, as Go does (Long.MIN_VALUE stays representable).
        long u = neg ? -d : d;
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            String unit;
            int prec;
            if (u < 1000) {
                return (neg ? "-" : "") + u + "ns";
            } else if (u < 1_000_000) {
                unit = "µs";
                prec = 3;
            } else {
                unit = "ms";
                prec = 6;
            }
            out.append(fractional(u, prec)).append(unit);
        } else {
            long secs = Long.divideUnsigned(u, 1_000_000_000L);
            long frac = Long.remainderUnsigned(u, 1_000_000_000L);
            String s = fractional(Long.remainderUnsigned(secs, 60) * 1_000_000_000L + frac, 9) + "s";
            long mins = secs / 60;
            if (mins > 0) {
                s = (mins % 60) + "m" + s;
                long hours = mins / 60;
                if (hours > 0) {
                    s = hours + "h" + s;
                }
            }
            out.append(s);
        }
        return (neg ? "-" : "") + out;
    }

    private static String fractional(long v, int prec) {
        long pow = 1;
        for (int i = 0; i < prec; i++) {
            pow *= 10;
        }
        long whole = v / pow;
        long frac = v % pow;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String digits = String.format(Locale.ROOT, "%0" + prec + "d", frac);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + digits.substring(0, end);
    }

    /** Go's {@code time.ParseDuration}; the message is Go's. */
    static long parseDuration(String s) throws ParseException {
        String orig = s;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new ParseException("time: invalid duration " + GoStrings.quote(orig));
        }
        double total = 0;
        while (!s.isEmpty()) {
            int i = 0;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String num = s.substring(0, i);
            if (num.isEmpty()
                    || num.equals(".")
                    || num.chars().filter(ch -> ch == '.').count() > 1) {
                throw new ParseException("time: invalid duration " + GoStrings.quote(orig));
            }
            s = s.substring(i);
            int j = 0;
            while (j < s.length() && s.charAt(j) != '.' && !Character.isDigit(s.charAt(j))) {
                j++;
            }
            String unit = s.substring(0, j);
            s = s.substring(j);
            long scale = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "" -> throw new ParseException("time: missing unit in duration " + GoStrings.quote(orig));
                default ->
                    throw new ParseException(
                            "time: unknown unit " + GoStrings.quote(unit) + " in duration " + GoStrings.quote(orig));
            };
            total += Double.parseDouble(num) * scale;
            if (total > 9.223372036854775807e18) {
                throw new ParseException("time: invalid duration " + GoStrings.quote(orig));
            }
        }
        long d = Math.round(total);
        return neg ? -d : d;
    }
}
