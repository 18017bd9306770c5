package io.eso4j.mapping.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ESO's {@code toYaml} / {@code fromYaml} helpers ({@code sigs.k8s.io/yaml}): values go through their JSON form, so
 * numbers are {@code float64} on the way in and maps are emitted with sorted keys in go-yaml's block style on the
 * way out. Thread-safe.
 */
final class GoYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Plain scalars that YAML 1.1 (go-yaml v2) would read as something other than a string. */
    private static final Set<String> NON_STRING_WORDS = Set.of(
            "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES",
            "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N", "<<", ".inf", ".Inf", ".INF",
            "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN");

    private static final Pattern NUMBER_LIKE =
            Pattern.compile("[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
                    + "|(\\.[0-9_]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?)");

    private GoYaml() {}

    /** ESO's {@code toYaml}: go-yaml block style, sorted keys, without the final newline. */
    static String encode(Object value) {
        String json = GoJson.encode(value);
        if (json.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        writeBlock(out, value, 0, false);
        String text = out.toString();
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static void writeBlock(StringBuilder out, Object value, int indent, boolean inline) {
        String pad = " ".repeat(indent);
        if (value instanceof GoMap m && !m.entries().isEmpty()) {
            boolean first = true;
            for (Map.Entry<String, Object> e : m.entries().entrySet()) {
                if (!(first && inline)) {
                    out.append(pad);
                }
                first = false;
                out.append(scalar(e.getKey(), indent));
                out.append(':');
                writeValue(out, e.getValue(), indent, false);
            }
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            boolean first = true;
            for (Object item : list) {
                if (!(first && inline)) {
                    out.append(pad);
                }
                first = false;
                out.append('-');
                writeValue(out, item, indent, true);
            }
        } else {
            out.append(scalar(value, indent)).append('\n');
        }
    }

    private static void writeValue(StringBuilder out, Object value, int indent, boolean inSequence) {
        boolean nonEmptyMap = value instanceof GoMap m && !m.entries().isEmpty();
        boolean nonEmptyList = value instanceof List<?> l && !l.isEmpty();
        if (nonEmptyMap && inSequence) {
            out.append(' ');
            writeBlock(out, value, indent + 2, true);
        } else if (nonEmptyMap) {
            out.append('\n');
            writeBlock(out, value, indent + 2, false);
        } else if (nonEmptyList && inSequence) {
            out.append(' ');
            writeBlock(out, value, indent + 2, true);
        } else if (nonEmptyList) {
            out.append('\n');
            writeBlock(out, value, indent, false);
        } else {
            out.append(' ').append(scalar(value, indent + 2)).append('\n');
        }
    }

    private static String scalar(Object value, int indent) {
        if (value == null) {
            return "null";
        } else if (value instanceof GoMap) {
            return "{}";
        } else if (value instanceof List) {
            return "[]";
        } else if (value instanceof Double d) {
            String json = GoJson.formatFloat(d);
            return json.contains(".") || json.contains("e") ? GoFormat.formatG(d, -1) : json;
        } else if (value instanceof String s) {
            return string(s, indent);
        }
        return String.valueOf(value);
    }

    private static String string(String s, int indent) {
        if (NON_STRING_WORDS.contains(s) || NUMBER_LIKE.matcher(s).matches()) {
            return doubleQuoted(s);
        }
        boolean special = s.codePoints().anyMatch(cp -> cp != '\n' && cp != '\t' && !GoStrings.isPrint(cp));
        if (s.indexOf('\n') >= 0) {
            if (special || s.startsWith(" ") || s.contains(" \n") || s.contains("\t")) {
                return doubleQuoted(s);
            }
            return literal(s, indent);
        }
        if (special) {
            return doubleQuoted(s);
        }
        return plainAllowed(s) ? s : "'" + s.replace("'", "''") + "'";
    }

    private static boolean plainAllowed(String s) {
        char first = s.charAt(0);
        char last = s.charAt(s.length() - 1);
        if (first == ' ' || first == '\t' || last == ' ' || last == '\t') {
            return false;
        }
        if ("#,[]{}&*!|>'\"%@`".indexOf(first) >= 0) {
            return false;
        }
        if ((first == '-' || first == '?' || first == ':') && (s.length() == 1 || s.charAt(1) == ' ')) {
            return false;
        }
        if (s.startsWith("---") || s.startsWith("...")) {
            return false;
        }
        return !(s.contains(": ") || s.contains(" #") || s.endsWith(":"));
    }

    private static String literal(String s, int indent) {
        int trailing = 0;
        while (trailing < s.length() && s.charAt(s.length() - 1 - trailing) == '\n') {
            trailing++;
        }
        String chomp = trailing == 0 ? "-" : trailing == 1 ? "" : "+";
        String body = trailing == 0 ? s : s.substring(0, s.length() - trailing);
        String pad = " ".repeat(Math.max(indent, 2));
        StringBuilder out = new StringBuilder("|").append(chomp);
        for (String line : GoStrings.split(body, "\n")) {
            out.append('\n').append(line.isEmpty() ? "" : pad + line);
        }
        for (int i = 1; i < trailing; i++) {
            out.append('\n');
        }
        return out.toString();
    }

    private static String doubleQuoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case 0 -> out.append("\\0");
                default -> {
                    if (GoStrings.isPrint(cp)) {
                        out.appendCodePoint(cp);
                    } else if (cp <= 0xff) {
                        out.append(String.format("\\x%02X", cp));
                    } else if (cp <= 0xffff) {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.append(String.format("\\U%08X", cp));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /**
     * ESO's {@code fromYaml}: a map of the document's top-level keys; on failure the map holds one key {@code Error}
     * with the parser's message, as ESO does (the message text is Jackson's, not go-yaml's).
     */
    static GoMap decode(String text) {
        try {
            JsonNode node = YAML.readTree(text);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return GoMap.of(Map.of(), false);
            }
            if (!node.isObject()) {
                return GoMap.of(
                        Map.of(
                                "Error",
                                "error unmarshaling JSON: json: cannot unmarshal "
                                        + (node.isArray()
                                                ? "array"
                                                : node.isTextual() ? "string" : node.isNumber() ? "number" : "bool")
                                        + " into Go value of type map[string]interface {}"),
                        false);
            }
            return (GoMap) GoJson.fromNode(node);
        } catch (java.io.IOException | RuntimeException e) {
            return GoMap.of(Map.of("Error", "error converting YAML to JSON: yaml: invalid document"), false);
        }
    }
}
