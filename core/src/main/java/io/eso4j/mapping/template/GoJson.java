package io.eso4j.mapping.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go {@code encoding/json} behaviour for Sprig's {@code toJson} / {@code fromJson}: sorted keys, HTML-safe
 * escaping, Go float formatting; decoding numbers to {@code float64}. Thread-safe.
 */
final class GoJson {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private GoJson() {}

    /** Sprig's {@code toJson}: {@code json.Marshal}, or an empty string when Go would fail (NaN, infinities). */
    static String encode(Object value) {
        return encode(value, true, null);
    }

    /**
     * {@code json.Marshal} ({@code escapeHtml}), {@code json.MarshalIndent(v, "", indent)} when {@code indent} is not
     * null, or an empty string when Go would fail.
     */
    static String encode(Object value, boolean escapeHtml, String indent) {
        StringBuilder out = new StringBuilder();
        return new Writer(escapeHtml, indent).write(out, value, 0) ? out.toString() : "";
    }

    /** Sprig's {@code mustFromJson}: like {@code fromJson}, but invalid JSON is an error (its text withheld). */
    static Object mustDecode(String text) {
        if (text.isBlank()) {
            throw new TemplateExecException("unexpected end of JSON input");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : fromNode(node);
        } catch (JsonProcessingException | RuntimeException e) {
            // Go names the offending character; it is secret data here, so only the offset is given.
            long offset = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getCharOffset()
                    : -1;
            throw new TemplateExecException("invalid JSON" + (offset >= 0 ? " at offset " + offset : "")
                    + " (the input is not shown: it may be secret)");
        }
    }

    private record Writer(boolean escapeHtml, String indent) {

        private void newline(StringBuilder out, int depth) {
            if (indent != null) {
                out.append('\n');
                for (int i = 0; i < depth; i++) {
                    out.append(indent);
                }
            }
        }

        private boolean write(StringBuilder out, Object value, int depth) {
            if (depth > 1000) {
                return false;
            }
            if (value == null) {
                out.append("null");
            } else if (value instanceof String s) {
                GoStrings.appendJsonString(out, s, escapeHtml);
            } else if (value instanceof Long || value instanceof Boolean) {
                out.append(value);
            } else if (value instanceof Double d) {
                if (d.isNaN() || d.isInfinite()) {
                    return false;
                }
                out.append(formatFloat(d));
            } else if (value instanceof GoTime t) {
                out.append('"')
                        .append(t.format("2006-01-02T15:04:05.999999999Z07:00"))
                        .append('"');
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i > 0 ? "," : "");
                    newline(out, depth + 1);
                    if (!write(out, list.get(i), depth + 1)) {
                        return false;
                    }
                }
                if (!list.isEmpty()) {
                    newline(out, depth);
                }
                out.append(']');
            } else if (value instanceof GoMap m) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, Object> e : m.entries().entrySet()) {
                    out.append(first ? "" : ",");
                    newline(out, depth + 1);
                    GoStrings.appendJsonString(out, e.getKey(), escapeHtml);
                    out.append(indent == null ? ":" : ": ");
                    if (!write(out, e.getValue(), depth + 1)) {
                        return false;
                    }
                    first = false;
                }
                if (!m.entries().isEmpty()) {
                    newline(out, depth);
                }
                out.append('}');
            } else {
                return false;
            }
            Sprig.checkSize("toJson", out.length());
            return true;
        }
    }

    /** Go's float64 JSON form: {@code %f}-like between 1e-6 and 1e21, else an exponent without a leading zero. */
    static String formatFloat(double d) {
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String s = GoFormat.formatG(d, -1);
            // formatG switches to an exponent here; Go's JSON trims "e-07" to "e-7".
            int e = s.indexOf('e');
            if (e > 0 && s.length() - e == 4 && s.charAt(e + 2) == '0') {
                s = s.substring(0, e + 2) + s.substring(e + 3);
            }
            return s;
        }
        String s = new java.math.BigDecimal(Double.toString(d))
                .stripTrailingZeros()
                .toPlainString();
        return s.equals("-0") ? "-0" : s;
    }

    /** Sprig's {@code fromJson}: Go values ({@code float64} numbers), or nil when the text is not valid JSON. */
    static Object decode(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : fromNode(node);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    static Object fromNode(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                map.put(field.getKey(), fromNode(field.getValue()));
            }
            return GoMap.of(map, false);
        } else if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(fromNode(item));
            }
            return Collections.unmodifiableList(list);
        } else if (node.isNumber()) {
            return node.asDouble();
        } else if (node.isBoolean()) {
            return node.asBoolean();
        } else if (node.isTextual()) {
            return node.asText();
        }
        return null;
    }
}
