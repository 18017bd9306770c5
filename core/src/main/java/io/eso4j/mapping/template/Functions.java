package io.eso4j.mapping.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The function table: Go's built-ins and the Sprig / ESO functions eso4j supports, each with its Go parameter
 * types so arguments are checked the way Go's reflection-based call does. Stateless and thread-safe.
 */
final class Functions {

    /** Go parameter types that matter for argument checking. */
    enum Param {
        STRING("string"),
        INT("int"),
        ANY("interface {}"),
        VALUE("reflect.Value"),
        MAP("map[string]interface {}"),
        BOOL("bool"),
        TIME("time.Time");

        final String goName;

        Param(String goName) {
            this.goName = goName;
        }
    }

    @FunctionalInterface
    interface Impl {
        Object apply(List<Object> args);
    }

    /** One function: fixed parameters, an optional variadic parameter type, and the implementation. */
    record Fn(String name, List<Param> params, Param variadic, Impl impl) {}

    private static final Map<String, Fn> TABLE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Functions ESO's template engine has that eso4j does not implement: the parser rejects them by name instead of
     * calling them "not defined".
     */
    private static final Set<String> ESO_NAMES = esoNames();

    /**
     * Every function name an ESO template can call, read from {@code eso-function-names.txt} beside this class (taken
     * from ESO's source; the file names the commit).
     */
    static Set<String> esoNames() {
        try (java.io.InputStream in = Functions.class.getResourceAsStream("eso-function-names.txt")) {
            if (in == null) {
                throw new IllegalStateException("eso-function-names.txt is missing from the eso4j jar");
            }
            Set<String> names = new java.util.TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#") && !name.startsWith("[")) {
                    names.add(name);
                }
            }
            return Set.copyOf(names);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static {
        Param s = Param.STRING;
        Param a = Param.ANY;
        Param v = Param.VALUE;
        // Go built-ins (and/or are evaluated lazily by the executor; their entries only declare them).
        add("and", List.of(v), v, args -> null);
        add("or", List.of(v), v, args -> null);
        add("not", List.of(v), null, args -> !isTrue(args.get(0)));
        add("index", List.of(v), v, args -> index(args.get(0), args.subList(1, args.size())));
        add("len", List.of(v), null, args -> length(args.get(0)));
        add("print", List.of(), a, GoFormat::sprint);
        add("println", List.of(), a, GoFormat::sprintln);
        add("printf", List.of(s), a, args -> GoFormat.sprintf((String) args.get(0), args.subList(1, args.size())));
        add("call", List.of(v), v, args -> null);
        add("html", List.of(), a, args -> GoEscape.html(GoEscape.evalArgs(args)));
        add("js", List.of(), a, args -> GoEscape.js(GoEscape.evalArgs(args)));
        add("urlquery", List.of(), a, args -> GoEscape.urlQuery(GoEscape.evalArgs(args)));
        add("eq", List.of(v), v, args -> eq(args.get(0), args.subList(1, args.size())));
        add("ne", List.of(v, v), null, args -> !eq(args.get(0), args.subList(1, 2)));
        add("lt", List.of(v, v), null, args -> compare(args.get(0), args.get(1)) < 0);
        add("le", List.of(v, v), null, args -> compare(args.get(0), args.get(1)) <= 0);
        add("gt", List.of(v, v), null, args -> compare(args.get(0), args.get(1)) > 0);
        add("ge", List.of(v, v), null, args -> compare(args.get(0), args.get(1)) >= 0);
        // Sprig
        add("quote", List.of(), a, args -> joinNonNil(args, x -> GoStrings.quote(strval(x))));
        add("squote", List.of(), a, args -> joinNonNil(args, x -> "'" + GoFormat.value(x) + "'"));
        add("default", List.of(a), a, args -> {
            boolean useDefault = args.size() < 2 || empty(args.get(1));
            return useDefault ? args.get(0) : args.get(1);
        });
        add("empty", List.of(a), null, args -> empty(args.get(0)));
        add(
                "coalesce",
                List.of(),
                a,
                args -> args.stream().filter(x -> !empty(x)).findFirst().orElse(null));
        add("upper", List.of(s), null, args -> GoStrings.mapCase(str(args, 0), true));
        add("lower", List.of(s), null, args -> GoStrings.mapCase(str(args, 0), false));
        add("title", List.of(s), null, args -> GoStrings.title(str(args, 0)));
        add("trim", List.of(s), null, args -> GoStrings.trimSpace(str(args, 0)));
        add("trimAll", List.of(s, s), null, args -> GoStrings.trim(str(args, 1), str(args, 0)));
        add("trimPrefix", List.of(s, s), null, args -> {
            String x = str(args, 1);
            return x.startsWith(str(args, 0)) ? x.substring(str(args, 0).length()) : x;
        });
        add("trimSuffix", List.of(s, s), null, args -> {
            String x = str(args, 1);
            return x.endsWith(str(args, 0))
                    ? x.substring(0, x.length() - str(args, 0).length())
                    : x;
        });
        add("replace", List.of(s, s, s), null, args -> GoStrings.replaceAll(str(args, 2), str(args, 0), str(args, 1)));
        add("contains", List.of(s, s), null, args -> str(args, 1).contains(str(args, 0)));
        add("hasPrefix", List.of(s, s), null, args -> str(args, 1).startsWith(str(args, 0)));
        add("hasSuffix", List.of(s, s), null, args -> str(args, 1).endsWith(str(args, 0)));
        add("split", List.of(s, s), null, args -> {
            List<String> parts = GoStrings.split(str(args, 1), str(args, 0));
            Map<String, Object> result = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                result.put("_" + i, parts.get(i));
            }
            return GoMap.of(result, true);
        });
        add("splitList", List.of(s, s), null, args -> new StringList(GoStrings.split(str(args, 1), str(args, 0))));
        add("join", List.of(s, a), null, args -> {
            List<String> parts = strslice(args.get(1));
            long size = (long) str(args, 0).length() * parts.size();
            for (String part : parts) {
                size += part.length();
            }
            Sprig.checkSize("join", size);
            return String.join(str(args, 0), parts);
        });
        add("b64enc", List.of(s), null, args -> Base64.getEncoder().encodeToString(GoBytes.bytes(str(args, 0))));
        add("b64dec", List.of(s), null, args -> base64Decode(str(args, 0)));
        add("toJson", List.of(a), null, args -> GoJson.encode(args.get(0)));
        add("fromJson", List.of(s), null, args -> GoJson.decode(str(args, 0)));
        add("toYaml", List.of(a), null, args -> GoYaml.encode(args.get(0)));
        add("fromYaml", List.of(s), null, args -> GoYaml.decode(str(args, 0)));
        add("toString", List.of(a), null, args -> strval(args.get(0)));
        add("nospace", List.of(s), null, args -> {
            StringBuilder out = new StringBuilder();
            str(args, 0).codePoints().filter(cp -> !GoStrings.isSpace(cp)).forEach(out::appendCodePoint);
            return out.toString();
        });
        add("indent", List.of(Param.INT, s), null, args -> indent((Long) args.get(0), str(args, 1)));
        add("nindent", List.of(Param.INT, s), null, args -> "\n" + indent((Long) args.get(0), str(args, 1)));
        add("sha256sum", List.of(s), null, args -> sha256(str(args, 0)));
        add("list", List.of(), a, ArrayList::new);
        add("dict", List.of(), a, args -> {
            Map<String, Object> result = new HashMap<>();
            for (int i = 0; i < args.size(); i += 2) {
                result.put(strval(args.get(i)), i + 1 < args.size() ? args.get(i + 1) : "");
            }
            return GoMap.of(result, false);
        });
        add("get", List.of(Param.MAP, s), null, args -> {
            GoMap m = (GoMap) args.get(0);
            return m == null || !m.entries().containsKey(str(args, 1))
                    ? ""
                    : m.entries().get(str(args, 1));
        });
        add("hasKey", List.of(Param.MAP, s), null, args -> {
            GoMap m = (GoMap) args.get(0);
            return m != null && m.entries().containsKey(str(args, 1));
        });
        add("keys", List.of(), Param.MAP, args -> {
            List<String> keys = new ArrayList<>();
            for (Object m : args) {
                if (m != null) {
                    keys.addAll(((GoMap) m).entries().keySet());
                }
            }
            return new StringList(keys);
        });
        add("required", List.of(s, a), null, args -> {
            Object value = args.get(1);
            if (value == null || "".equals(value)) {
                throw new FailException(str(args, 0));
            }
            return value;
        });
        add("fail", List.of(s), null, args -> {
            throw new FailException(str(args, 0));
        });
    }

    /**
     * The functions beyond the original ~50 (Sprig's rest, ESO's helpers, providers) are registered on the first
     * lookup of a name outside the base set: linking ~200 lambdas and loading a provider costs start-up time that
     * templates using only the common functions should not pay.
     */
    private static volatile boolean extendedLoaded;

    private static void loadExtended() {
        synchronized (TABLE) {
            if (!extendedLoaded) {
                Sprig.register();
                EsoFunctions.register();
                SprigCrypto.register();
                Semver.register();
                Providers.load();
                extendedLoaded = true;
            }
        }
    }

    private Functions() {}

    static void add(String name, List<Param> params, Param variadic, Impl impl) {
        TABLE.put(name, new Fn(name, params, variadic, impl));
    }

    static boolean isEsoName(String name) {
        return ESO_NAMES.contains(name);
    }

    static boolean isRegistered(String name) {
        return TABLE.containsKey(name);
    }

    static Fn lookup(String name) {
        Fn fn = TABLE.get(name);
        if (fn == null && !extendedLoaded) {
            loadExtended();
            fn = TABLE.get(name);
        }
        return fn;
    }

    /** ESO's functions that {@code eso4j-template-crypto} provides (they need Bouncy Castle). */
    static final Set<String> CRYPTO_ARTIFACT_NAMES = Set.of(
            "pkcs12key",
            "pkcs12keyPass",
            "pkcs12cert",
            "pkcs12certPass",
            "pemToPkcs12",
            "pemToPkcs12Pass",
            "fullPemToPkcs12",
            "fullPemToPkcs12Pass",
            "pemTruststoreToPKCS12",
            "pemTruststoreToPKCS12Pass",
            "bcrypt",
            "htpasswd",
            "genPrivateKey",
            "derivePassword",
            "buildCustomCert",
            "genCA",
            "genCAWithKey",
            "genSelfSignedCert",
            "genSelfSignedCertWithKey",
            "genSignedCert",
            "genSignedCertWithKey");

    static boolean isKnownUnsupported(String name) {
        return ESO_NAMES.contains(name) && lookup(name) == null;
    }

    /** A user-requested failure ({@code fail}, {@code required}); its message is a template constant or withheld. */
    static final class FailException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailException(String message) {
            super(message, null, false, false);
        }
    }

    static String str(List<Object> args, int i) {
        return (String) args.get(i);
    }

    /** Go template truth: false, 0, nil, and empty strings, lists and maps are false. */
    static boolean isTrue(Object v) {
        if (v == null) {
            return false;
        } else if (v instanceof Boolean b) {
            return b;
        } else if (v instanceof String s) {
            return !s.isEmpty();
        } else if (v instanceof Long n) {
            return n != 0;
        } else if (v instanceof Double d) {
            return d != 0;
        } else if (v instanceof List<?> l) {
            return !l.isEmpty();
        } else if (v instanceof GoMap m) {
            return !m.entries().isEmpty();
        }
        return true;
    }

    /** Sprig's {@code empty}: the same as Go's falseness for the value types templates see. */
    static boolean empty(Object v) {
        return !isTrue(v);
    }

    /** Sprig's {@code strval}: strings as they are, anything else as {@code %v}. */
    static String strval(Object v) {
        return v instanceof String s ? s : GoFormat.value(v);
    }

    static List<String> strslice(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object item : list) {
                if (item != null) {
                    out.add(strval(item));
                }
            }
        } else if (v != null) {
            out.add(strval(v));
        }
        return out;
    }

    private static String joinNonNil(List<Object> args, java.util.function.Function<Object, String> each) {
        List<String> out = new ArrayList<>();
        for (Object arg : args) {
            if (arg != null) {
                out.add(each.apply(arg));
            }
        }
        return String.join(" ", out);
    }

    private static String indent(long spaces, String text) {
        if (spaces < 0) {
            throw new TemplateExecException("strings: negative Repeat count");
        }
        if (spaces > 10_000) {
            throw new TemplateExecException("indent of " + spaces + " exceeds eso4j's limit of 10000");
        }
        long lines = 1 + text.chars().filter(c -> c == '\n').count();
        Sprig.checkSize("indent", text.length() + lines * spaces);
        String pad = " ".repeat((int) spaces);
        return pad + text.replace("\n", "\n" + pad);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(GoBytes.bytes(text));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Sprig's {@code b64dec}: Go's {@code base64.StdEncoding} (padding required, CR/LF ignored). On invalid input it
     * returns Go's error text ({@code illegal base64 data at input byte N}) instead of failing, as Sprig does.
     */
    static String base64Decode(String text) {
        byte[] src = GoBytes.bytes(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int si = 0;
        while (si < src.length) {
            int[] quantum = new int[4];
            int length = 4;
            for (int j = 0; j < 4; j++) {
                if (si == src.length) {
                    if (j == 0) {
                        return GoBytes.string(out.toByteArray());
                    }
                    return corrupt(si - j);
                }
                int in = src[si] & 0xff;
                si++;
                int value = base64Value(in);
                if (value >= 0) {
                    quantum[j] = value;
                    continue;
                }
                if (in == '\n' || in == '\r') {
                    j--;
                    continue;
                }
                if (in != '=' || j < 2) {
                    return corrupt(si - 1);
                }
                if (j == 2) {
                    si = skipNewlines(src, si);
                    if (si == src.length) {
                        return corrupt(src.length);
                    }
                    if (src[si] != '=') {
                        return corrupt(si - 1);
                    }
                    si++;
                }
                si = skipNewlines(src, si);
                if (si < src.length) {
                    return corrupt(si);
                }
                length = j;
                break;
            }
            int bits = quantum[0] << 18 | quantum[1] << 12 | quantum[2] << 6 | quantum[3];
            out.write(bits >> 16 & 0xff);
            if (length >= 3) {
                out.write(bits >> 8 & 0xff);
            }
            if (length == 4) {
                out.write(bits & 0xff);
            }
        }
        return GoBytes.string(out.toByteArray());
    }

    private static int skipNewlines(byte[] src, int si) {
        while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
            si++;
        }
        return si;
    }

    private static String corrupt(int offset) {
        return "illegal base64 data at input byte " + offset;
    }

    private static int base64Value(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        } else if (c == '+') {
            return 62;
        } else if (c == '/') {
            return 63;
        }
        return -1;
    }

    /** Go's {@code index} built-in over strings, lists and maps. */
    static Object index(Object item, List<Object> indexes) {
        if (item == null) {
            throw new TemplateExecException("index of untyped nil");
        }
        for (Object key : indexes) {
            if (item == null) {
                throw new TemplateExecException("index of nil pointer");
            }
            if (item instanceof String || item instanceof List) {
                if (!(key instanceof Long)) {
                    throw new TemplateExecException(
                            key == null
                                    ? "cannot index slice/array with nil"
                                    : "cannot index slice/array with type " + GoFormat.typeName(key));
                }
                long x = (Long) key;
                if (item instanceof String s) {
                    byte[] bytes = GoBytes.bytes(s);
                    checkIndex(x, bytes.length, "string");
                    item = (long) (bytes[(int) x] & 0xff);
                } else {
                    List<?> list = (List<?>) item;
                    checkIndex(x, list.size(), "slice");
                    item = list.get((int) x);
                }
            } else if (item instanceof GoMap m) {
                if (key == null) {
                    throw new TemplateExecException("value is nil; should be of type string");
                }
                if (!(key instanceof String k)) {
                    throw new TemplateExecException("value has type " + GoFormat.typeName(key) + "; should be string");
                }
                item = m.entries().containsKey(k) ? m.entries().get(k) : m.stringValued() ? "" : null;
            } else {
                throw new TemplateExecException("can't index item of type " + GoFormat.typeName(item));
            }
        }
        return item;
    }

    private static void checkIndex(long x, int size, String kind) {
        if (x < 0 || x > size) {
            throw new TemplateExecException("index out of range: " + x);
        }
        if (x == size) {
            throw new TemplateExecException("reflect: " + kind + " index out of range");
        }
    }

    private static long length(Object item) {
        if (item == null) {
            throw new TemplateExecException("len of nil pointer");
        } else if (item instanceof String s) {
            return GoStrings.byteLength(s);
        } else if (item instanceof List<?> l) {
            return l.size();
        } else if (item instanceof GoMap m) {
            return m.entries().size();
        }
        throw new TemplateExecException("len of type " + GoFormat.typeName(item));
    }

    private enum Kind {
        BOOL,
        INT,
        FLOAT,
        STRING,
        OTHER
    }

    private static Kind kind(Object v) {
        if (v instanceof Boolean) {
            return Kind.BOOL;
        } else if (v instanceof Long) {
            return Kind.INT;
        } else if (v instanceof Double) {
            return Kind.FLOAT;
        } else if (v instanceof String) {
            return Kind.STRING;
        }
        return Kind.OTHER;
    }

    /** Go's {@code eq}: true if the first argument equals any of the others. */
    static boolean eq(Object first, List<Object> others) {
        if (others.isEmpty()) {
            throw new TemplateExecException("missing argument for comparison");
        }
        Kind k1 = kind(first);
        for (Object other : others) {
            Kind k2 = kind(other);
            boolean truth;
            if (k1 != k2) {
                if (first != null && other != null) {
                    throw new TemplateExecException("incompatible types for comparison");
                }
                truth = false;
            } else if (k1 == Kind.OTHER) {
                if (first != null && other != null) {
                    throw new TemplateExecException("non-comparable type " + GoFormat.typeName(other));
                }
                truth = first == null && other == null;
            } else {
                truth = first.equals(other);
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    /** Go's ordering for {@code lt le gt ge}: ints, floats and strings, each only with its own kind. */
    static int compare(Object a, Object b) {
        Kind k1 = kind(a);
        Kind k2 = kind(b);
        if (k1 == Kind.BOOL || k1 == Kind.OTHER || k2 == Kind.BOOL || k2 == Kind.OTHER) {
            throw new TemplateExecException("invalid type for comparison");
        }
        if (k1 != k2) {
            throw new TemplateExecException("incompatible types for comparison");
        }
        return switch (k1) {
            case INT -> Long.compare((Long) a, (Long) b);
            case FLOAT -> Double.compare((Double) a, (Double) b);
            default -> GoStrings.KEY_ORDER.compare((String) a, (String) b);
        };
    }
}
