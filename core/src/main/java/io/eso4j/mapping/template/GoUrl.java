package io.eso4j.mapping.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sprig's {@code urlParse} / {@code urlJoin} over Go's {@code net/url} parts. Stateless. */
final class GoUrl {

    private GoUrl() {}

    static GoMap parse(String v) {
        String rest = v;
        String fragment = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = unescape(rest.substring(hash + 1));
            rest = rest.substring(0, hash);
        }
        String scheme = "";
        int colon = rest.indexOf(':');
        if (colon > 0 && rest.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            scheme = rest.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            rest = rest.substring(colon + 1);
        } else if (colon == 0) {
            throw new TemplateExecException(
                    "unable to parse url: parse " + GoStrings.quote(v) + ": missing protocol scheme");
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String opaque = "";
        String host = "";
        String userinfo = "";
        String path;
        if (!scheme.isEmpty() && !rest.startsWith("/")) {
            opaque = rest;
            path = "";
        } else if (rest.startsWith("//")) {
            String authority = rest.substring(2);
            int slash = authority.indexOf('/');
            path = slash >= 0 ? authority.substring(slash) : "";
            authority = slash >= 0 ? authority.substring(0, slash) : authority;
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                userinfo = authority.substring(0, at);
                authority = authority.substring(at + 1);
            }
            host = authority;
        } else {
            path = rest;
        }
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("scheme", scheme);
        dict.put("host", host);
        dict.put("hostname", hostname(host));
        dict.put("path", unescape(path));
        dict.put("query", query);
        dict.put("opaque", opaque);
        dict.put("fragment", fragment);
        dict.put("userinfo", userinfo);
        return GoMap.of(dict, false);
    }

    private static String hostname(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(1, end) : host.substring(1);
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] b = GoBytes.bytes(s);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length) {
                int hi = Character.digit(b[i + 1], 16);
                int lo = Character.digit(b[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi << 4 | lo);
                    i += 2;
                    continue;
                }
            }
            out.write(b[i]);
        }
        return GoBytes.string(out.toByteArray());
    }

    private static String part(GoMap d, String key) {
        Object value = d.entries().get(key);
        if (value == null && !d.entries().containsKey(key)) {
            return "";
        }
        if (!(value instanceof String s)) {
            throw new TemplateExecException(
                    "unable to parse " + key + " key, must be of type string, but " + Cast.kind(value) + " found");
        }
        return s;
    }

    /** Go's {@code url.URL.String} of the parts. */
    static String join(GoMap d) {
        String scheme = part(d, "scheme");
        String host = part(d, "host");
        String path = part(d, "path");
        String query = part(d, "query");
        String opaque = part(d, "opaque");
        String fragment = part(d, "fragment");
        String userinfo = part(d, "userinfo");
        StringBuilder out = new StringBuilder();
        if (!scheme.isEmpty()) {
            out.append(scheme).append(':');
        }
        if (!opaque.isEmpty()) {
            out.append(opaque);
        } else {
            if (!scheme.isEmpty() || !host.isEmpty() || !userinfo.isEmpty()) {
                if (!host.isEmpty() || !path.isEmpty() || !userinfo.isEmpty()) {
                    out.append("//");
                }
                if (!userinfo.isEmpty()) {
                    out.append(userinfo).append('@');
                }
                out.append(host);
            }
            if (!path.isEmpty() && !path.startsWith("/") && !host.isEmpty()) {
                out.append('/');
            }
            out.append(path);
        }
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        if (!fragment.isEmpty()) {
            out.append('#').append(fragment);
        }
        return out.toString();
    }
}
