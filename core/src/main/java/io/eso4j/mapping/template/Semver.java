package io.eso4j.mapping.template;

import static io.eso4j.mapping.template.Functions.add;
import static io.eso4j.mapping.template.Functions.str;

import io.eso4j.mapping.template.Functions.Param;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sprig's {@code semver} and {@code semverCompare} ({@code sprig/semver.go}) with Masterminds/semver v3 rules: loose
 * versions ({@code v1}, {@code 1.2}), and constraints with {@code = != > < >= <= ~ ~> ^}, wildcards {@code x X *},
 * ranges {@code a - b}, AND by space or comma, OR by {@code ||}; a pre-release version only satisfies a constraint
 * part that has a pre-release itself. A version is a value with fields {@code Major Minor Patch Prerelease Metadata
 * Original} and prints as its {@code String}. Stateless.
 */
final class Semver {

    private static final Pattern VERSION = Pattern.compile(
            "v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?");

    private Semver() {}

    /** A parsed version; {@code original} is the input. */
    record Version(long major, long minor, long patch, String prerelease, String metadata, String original)
            implements Comparable<Version> {

        Object field(String name) {
            return switch (name) {
                case "Major" -> major;
                case "Minor" -> minor;
                case "Patch" -> patch;
                case "Prerelease" -> prerelease;
                case "Metadata" -> metadata;
                case "Original" -> original;
                default -> throw new TemplateExecException("can't evaluate field " + name + " in type *semver.Version");
            };
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch + (prerelease.isEmpty() ? "" : "-" + prerelease)
                    + (metadata.isEmpty() ? "" : "+" + metadata);
        }

        @Override
        public int compareTo(Version o) {
            int c = Long.compare(major, o.major);
            if (c == 0) {
                c = Long.compare(minor, o.minor);
            }
            if (c == 0) {
                c = Long.compare(patch, o.patch);
            }
            return c != 0 ? c : comparePrerelease(prerelease, o.prerelease);
        }
    }

    private static int comparePrerelease(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isEmpty()) {
            return 1;
        }
        if (b.isEmpty()) {
            return -1;
        }
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            if (i >= pa.length) {
                return -1;
            }
            if (i >= pb.length) {
                return 1;
            }
            boolean na = pa[i].matches("[0-9]+");
            boolean nb = pb[i].matches("[0-9]+");
            int c;
            if (na && nb) {
                c = new BigInteger(pa[i]).compareTo(new BigInteger(pb[i]));
            } else if (na) {
                c = -1;
            } else if (nb) {
                c = 1;
            } else {
                c = pa[i].compareTo(pb[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static Version parse(String v) {
        Matcher m = VERSION.matcher(v);
        if (!m.matches()) {
            throw new TemplateExecException("Invalid Semantic Version");
        }
        try {
            return new Version(
                    Long.parseLong(m.group(1)),
                    m.group(2) == null ? 0 : Long.parseLong(m.group(2).substring(1)),
                    m.group(3) == null ? 0 : Long.parseLong(m.group(3).substring(1)),
                    m.group(5) == null ? "" : m.group(5),
                    m.group(8) == null ? "" : m.group(8),
                    v);
        } catch (NumberFormatException e) {
            throw new TemplateExecException("Invalid Semantic Version");
        }
    }

    static void register() {
        Param s = Param.STRING;
        add("semver", List.of(s), null, args -> parse(str(args, 0)));
        add("semverCompare", List.of(s, s), null, args -> check(str(args, 0), parse(str(args, 1))));
    }

    private static final Pattern PART =
            Pattern.compile("\\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\\^)?\\s*v?([0-9xX*]+)(\\.[0-9xX*]+)?(\\.[0-9xX*]+)?"
                    + "(-[0-9A-Za-z\\-.]+)?(\\+[0-9A-Za-z\\-.]+)?\\s*");

    /** Masterminds' {@code Constraints.Check}. */
    static boolean check(String constraint, Version v) {
        if (constraint.isBlank()) {
            throw new TemplateExecException("improper constraint: " + constraint);
        }
        for (String or : constraint.split("\\|\\|")) {
            List<String> ands = new ArrayList<>();
            String normalized = or.trim().replaceAll("\\s+-\\s+", " - ");
            String[] tokens = normalized.split("[,\\s]+");
            for (int i = 0; i < tokens.length; i++) {
                if (i + 2 < tokens.length && tokens[i + 1].equals("-")) {
                    ands.add(">=" + tokens[i]);
                    ands.add("<=" + tokens[i + 2]);
                    i += 2;
                } else if (!tokens[i].isEmpty()) {
                    ands.add(tokens[i]);
                }
            }
            boolean all = !ands.isEmpty();
            for (String part : ands) {
                if (!checkOne(part, v)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean wild(String s) {
        return s == null
                || s.equals(".x")
                || s.equals(".X")
                || s.equals(".*")
                || s.equals("x")
                || s.equals("X")
                || s.equals("*");
    }

    private static boolean checkOne(String part, Version v) {
        Matcher m = PART.matcher(part);
        if (!m.matches()) {
            throw new TemplateExecException("improper constraint: " + part);
        }
        String op = m.group(1) == null ? "" : m.group(1);
        boolean majorWild = wild(m.group(2));
        boolean minorWild = wild(m.group(3));
        boolean patchWild = wild(m.group(4));
        String pre = m.group(5) == null ? "" : m.group(5).substring(1);
        long major = majorWild ? 0 : Long.parseLong(m.group(2));
        long minor = minorWild ? 0 : Long.parseLong(m.group(3).substring(1));
        long patch = patchWild ? 0 : Long.parseLong(m.group(4).substring(1));
        Version c = new Version(major, minor, patch, pre, "", part);
        // A pre-release version only matches a constraint with a pre-release (Masterminds v3).
        if (!v.prerelease().isEmpty() && pre.isEmpty()) {
            return false;
        }
        int cmp = v.compareTo(c);
        switch (op) {
            case "", "=" -> {
                if (majorWild) {
                    return true;
                }
                if (minorWild) {
                    return v.major() == major;
                }
                if (patchWild) {
                    return v.major() == major && v.minor() == minor;
                }
                return cmp == 0;
            }
            case "!=" -> {
                if (majorWild) {
                    return false;
                }
                if (minorWild) {
                    return v.major() != major;
                }
                if (patchWild) {
                    return v.major() != major || v.minor() != minor;
                }
                return cmp != 0;
            }
            case ">" -> {
                if (minorWild && !majorWild) {
                    return v.major() > major;
                }
                if (patchWild && !minorWild) {
                    return v.major() > major || v.major() == major && v.minor() > minor;
                }
                return cmp > 0;
            }
            case ">=", "=>" -> {
                return cmp >= 0;
            }
            case "<" -> {
                return cmp < 0;
            }
            case "<=", "=<" -> {
                if (minorWild && !majorWild) {
                    return v.major() <= major;
                }
                if (patchWild && !minorWild) {
                    return v.major() < major || v.major() == major && v.minor() <= minor;
                }
                return cmp <= 0;
            }
            case "~", "~>" -> {
                if (cmp < 0) {
                    return false;
                }
                if (majorWild) {
                    return true;
                }
                if (v.major() != major) {
                    return false;
                }
                return minorWild || m.group(3) == null || v.minor() == minor;
            }
            case "^" -> {
                if (cmp < 0) {
                    return false;
                }
                if (majorWild) {
                    return true;
                }
                if (major > 0) {
                    return v.major() == major;
                }
                if (minorWild || m.group(3) == null) {
                    return v.major() == 0;
                }
                if (minor > 0) {
                    return v.major() == 0 && v.minor() == minor;
                }
                return v.major() == 0 && v.minor() == 0 && (patchWild || v.patch() == patch);
            }
            default -> throw new TemplateExecException("improper constraint: " + part);
        }
    }
}
