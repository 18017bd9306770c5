package io.eso4j.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for the header-based ({@code Authorization: AWS4-HMAC-SHA256 ...}) form: parses the
 * header and recomputes the signature of a received request, so the fake can compare it with the one the client
 * sent. Written from the published algorithm with HMAC-SHA256; stateless and thread-safe.
 */
final class SigV4 {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SigV4() {}

    /** The parts of an {@code Authorization} header; the signature is the client's claim, not yet checked. */
    record Authorization(
            String accessKeyId,
            String date,
            String region,
            String service,
            List<String> signedHeaders,
            String signature) {

        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    /** A received request as the signature sees it: header names lower-case, path and query still encoded. */
    record SignableRequest(
            String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

        String header(String lowerCaseName) {
            List<String> values = headers.get(lowerCaseName);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** Parses an Authorization header, or returns null when it is not a well-formed SigV4 header. */
    static Authorization parse(String header) {
        if (header == null || !header.startsWith(ALGORITHM + " ")) {
            return null;
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
            String trimmed = part.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            parts.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            return null;
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[0].isEmpty()) {
            return null;
        }
        return new Authorization(scope[0], scope[1], scope[2], scope[3], List.of(signedHeaders.split(";")), signature);
    }

    /** Parses an {@code X-Amz-Date} value ({@code yyyyMMdd'T'HHmmss'Z'}), or returns null. */
    static Instant parseAmzDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return AMZ_DATE.parse(value, Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The hex signature the request should carry when signed with {@code secretKey} under {@code auth}'s scope. */
    static String expectedSignature(String secretKey, Authorization auth, SignableRequest request) {
        String amzDate = request.header("x-amz-date");
        String stringToSign =
                ALGORITHM + "\n" + amzDate + "\n" + auth.scope() + "\n" + hex(sha256(canonicalRequest(auth, request)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /** Compares two signatures in constant time. */
    static boolean sameSignature(String expected, String provided) {
        return MessageDigest.isEqual(expected.getBytes(UTF_8), provided.getBytes(UTF_8));
    }

    static String canonicalRequest(Authorization auth, SignableRequest request) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(request.method().toUpperCase(Locale.ROOT)).append('\n');
        canonical.append(canonicalUri(request.rawPath())).append('\n');
        canonical.append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : auth.signedHeaders()) {
            canonical
                    .append(name)
                    .append(':')
                    .append(canonicalHeaderValue(request.headers().get(name)));
            canonical.append('\n');
        }
        canonical.append('\n');
        canonical.append(String.join(";", auth.signedHeaders())).append('\n');
        String claimed = request.header("x-amz-content-sha256");
        canonical.append(UNSIGNED_PAYLOAD.equals(claimed) ? UNSIGNED_PAYLOAD : hex(sha256(request.body())));
        return canonical.toString();
    }

    private static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        // Services other than S3 sign the already-encoded path encoded once more ("double URL encoding").
        StringBuilder out = new StringBuilder();
        for (char c : rawPath.toCharArray()) {
            if (c == '/') {
                out.append('/');
            } else {
                out.append(uriEncode(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<QueryParameter> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new QueryParameter(uriEncode(percentDecode(name)), uriEncode(percentDecode(value))));
        }
        pairs.sort(Comparator.comparing(QueryParameter::name).thenComparing(QueryParameter::value));
        StringBuilder out = new StringBuilder();
        for (QueryParameter pair : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair.name()).append('=').append(pair.value());
        }
        return out.toString();
    }

    /** One URI-encoded query parameter of a canonical request. */
    private record QueryParameter(String name, String value) {}

    private static String canonicalHeaderValue(List<String> values) {
        if (values == null) {
            return "";
        }
        List<String> trimmed = new ArrayList<>();
        for (String value : values) {
            trimmed.add(value.trim().replaceAll("\\s+", " "));
        }
        return String.join(",", trimmed);
    }

    /** RFC 3986 encoding as SigV4 wants it: unreserved characters stay, everything else is %XX of its UTF-8. */
    static String uriEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(HEX[(b >> 4) & 0xf]))
                        .append(Character.toUpperCase(HEX[b & 0xf]));
            }
        }
        return out.toString();
    }

    static String percentDecode(String value) {
        return java.net.URLDecoder.decode(value.replace("+", "%2B"), UTF_8);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static byte[] sha256(String data) {
        return sha256(data.getBytes(UTF_8));
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
