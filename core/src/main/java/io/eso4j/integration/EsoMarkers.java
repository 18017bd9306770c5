package io.eso4j.integration;

import io.eso4j.mapping.template.GoStrings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The markers ESO's controller writes on a target Secret, computed exactly as ESO computes them, so a Secret
 * written by eso4j and one written by ESO are indistinguishable and neither rewrites the other's unchanged data.
 */
public final class EsoMarkers {

    /** Label ESO puts on every Secret it manages, with value {@code "true"}. */
    public static final String MANAGED_LABEL = "reconcile.external-secrets.io/managed";

    /** Annotation holding {@link #dataHash(Map)} of the Secret's data. */
    public static final String DATA_HASH_ANNOTATION = "reconcile.external-secrets.io/data-hash";

    /** Label ESO puts on Secrets it creates under {@code creationPolicy: Owner}, see {@link #createdBy}. */
    public static final String CREATED_BY_LABEL = "reconcile.external-secrets.io/created-by";

    private static final String FIELD_MANAGER_PREFIX = "externalsecrets.external-secrets.io/";
    private static final int MAX_FIELD_MANAGER_LENGTH = 63;

    private EsoMarkers() {}

    /**
     * ESO's {@code data-hash}: SHA3-224, in lower-case hex, of Go's {@code %+v} rendering of the Secret's data,
     * {@code map[k1:[b1 b2 …] k2:[…]]} with keys in byte order and bytes in decimal.
     */
    public static String dataHash(Map<String, byte[]> data) {
        StringBuilder rendered = new StringBuilder("map[");
        TreeMap<String, byte[]> sorted = new TreeMap<>(GoStrings.KEY_ORDER);
        sorted.putAll(data);
        boolean first = true;
        for (Map.Entry<String, byte[]> entry : sorted.entrySet()) {
            rendered.append(first ? "" : " ").append(entry.getKey()).append(":[");
            byte[] bytes = entry.getValue();
            for (int i = 0; i < bytes.length; i++) {
                rendered.append(i == 0 ? "" : " ").append(bytes[i] & 0xff);
            }
            rendered.append(']');
            first = false;
        }
        return sha3(rendered.append(']').toString());
    }

    /**
     * ESO's {@code esutils.ObjectHash} of a generic target's content ({@code spec} or {@code data}): SHA3-224 hex of
     * Go's {@code %+v} of the decoded JSON value, {@code map[k:v k2:map[…]]} with keys in byte order, lists as
     * {@code [a b]}, strings verbatim, {@code <nil>} for null.
     */
    public static String objectHash(Object content) {
        StringBuilder rendered = new StringBuilder();
        goValue(content, rendered);
        return sha3(rendered.toString());
    }

    private static void goValue(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>(GoStrings.KEY_ORDER);
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            out.append("map[");
            boolean first = true;
            for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                out.append(first ? "" : " ").append(entry.getKey()).append(':');
                goValue(entry.getValue(), out);
                first = false;
            }
            out.append(']');
        } else if (value instanceof java.util.List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : " ");
                goValue(list.get(i), out);
            }
            out.append(']');
        } else if (value == null) {
            out.append("<nil>");
        } else {
            out.append(value);
        }
    }

    /** ESO's {@code created-by} label value: SHA3-224 hex of {@code <namespace>/<name>} of the ExternalSecret. */
    public static String createdBy(String namespace, String name) {
        return sha3(namespace + "/" + name);
    }

    /**
     * The server-side-apply field manager ESO uses for an ExternalSecret: {@code externalsecrets.external-secrets.io/
     * <name>}, or {@code externalsecrets.external-secrets.io/sha3/<hex of name>} when that would exceed 63 characters.
     */
    public static String fieldManager(String externalSecretName) {
        String manager = FIELD_MANAGER_PREFIX + externalSecretName;
        return manager.length() <= MAX_FIELD_MANAGER_LENGTH
                ? manager
                : FIELD_MANAGER_PREFIX + "sha3/" + sha3(externalSecretName);
    }

    private static String sha3(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA3-224");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA3-224", e);
        }
    }
}
