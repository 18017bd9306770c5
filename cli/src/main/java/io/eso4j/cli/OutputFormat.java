package io.eso4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How {@code render} prints Secrets. Each format turns the whole list into one text before anything is written, so
 * output is never half a Secret.
 */
enum OutputFormat {

    /** Kubernetes YAML, one document per Secret separated by {@code ---}. */
    YAML {
        @Override
        String format(List<KubernetesSecret> secrets, PrintWriter err) {
            ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build());
            StringBuilder text = new StringBuilder();
            for (KubernetesSecret secret : secrets) {
                text.append(text.length() == 0 ? "" : "---\n").append(write(yaml, manifest(secret)));
            }
            return text.toString();
        }
    },

    /** Kubernetes JSON: the Secret object for one Secret, a {@code v1/List} of them otherwise (as kubectl does). */
    JSON {
        @Override
        String format(List<KubernetesSecret> secrets, PrintWriter err) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            if (secrets.size() == 1) {
                return write(json, manifest(secrets.get(0))) + "\n";
            }
            ObjectNode list = JsonNodeFactory.instance.objectNode();
            list.put("apiVersion", "v1");
            list.put("kind", "List");
            ArrayNode items = list.putArray("items");
            secrets.forEach(secret -> items.add(manifest(secret)));
            return write(json, list) + "\n";
        }
    },

    /**
     * {@code KEY='value'} lines for a shell ({@code set -a; . file} or {@code export $(...)}), values single-quoted.
     * A key that is not a shell name has each character outside {@code [A-Za-z0-9_]} replaced by {@code _} (and a
     * leading digit prefixed with {@code _}), with a note on standard error; a key that then collides with another,
     * and a value that is not UTF-8 text or holds a NUL byte, are left out with a note. Several Secrets are each
     * preceded by a {@code # namespace/name} comment.
     */
    ENV {
        @Override
        String format(List<KubernetesSecret> secrets, PrintWriter err) {
            StringBuilder text = new StringBuilder();
            for (KubernetesSecret secret : secrets) {
                if (secrets.size() > 1) {
                    text.append("# ").append(secret.qualifiedName()).append('\n');
                }
                Set<String> written = new LinkedHashSet<>();
                for (Map.Entry<String, byte[]> entry : secret.data().entrySet()) {
                    String key = entry.getKey();
                    String name = shellName(key);
                    String where = "Secret " + secret.qualifiedName() + " key " + key;
                    String value = text(entry.getValue());
                    if (value == null || value.indexOf('\0') >= 0) {
                        err.println("note: " + where + " left out: its value is not text a shell variable can hold");
                        continue;
                    }
                    if (!written.add(name)) {
                        err.println("note: " + where + " left out: its shell name " + name + " is already taken");
                        continue;
                    }
                    if (!name.equals(key)) {
                        err.println("note: " + where + " written as " + name + " (not a valid shell name)");
                    }
                    text.append(name).append('=').append(quote(value)).append('\n');
                }
            }
            err.flush();
            return text.toString();
        }
    },

    /** Key names and value sizes only: safe to paste into a ticket. */
    KEYS {
        @Override
        String format(List<KubernetesSecret> secrets, PrintWriter err) {
            StringBuilder text = new StringBuilder();
            for (KubernetesSecret secret : secrets) {
                text.append("Secret ")
                        .append(secret.qualifiedName())
                        .append(" (type ")
                        .append(secret.type())
                        .append(", from ExternalSecret ")
                        .append(secret.externalSecret())
                        .append("): ")
                        .append(secret.data().size())
                        .append(secret.data().size() == 1 ? " key" : " keys")
                        .append('\n');
                secret.data()
                        .forEach((key, value) -> text.append("  ")
                                .append(key)
                                .append("  ")
                                .append(value.length)
                                .append(value.length == 1 ? " byte" : " bytes")
                                .append('\n'));
            }
            return text.toString();
        }
    };

    private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The whole output for {@code secrets}; notes about what was left out go to {@code err}. */
    abstract String format(List<KubernetesSecret> secrets, PrintWriter err);

    /** The Secret as a Kubernetes object, fields in kubectl's order. */
    static ObjectNode manifest(KubernetesSecret secret) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("apiVersion", "v1");
        root.put("kind", "Secret");
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("name", secret.name());
        if (!secret.namespace().isEmpty()) {
            metadata.put("namespace", secret.namespace());
        }
        secret.labels().forEach(metadata.putObject("labels")::put);
        secret.annotations().forEach(metadata.putObject("annotations")::put);
        if (secret.immutable()) {
            root.put("immutable", true);
        }
        root.put("type", secret.type());
        ObjectNode data = root.putObject("data");
        secret.data().forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value)));
        return root;
    }

    private static String write(ObjectMapper mapper, ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // Writing a tree of strings to a String cannot fail on I/O; the message names the node type only.
            throw new UncheckedIOException("cannot render a Secret", e);
        }
    }

    static String shellName(String key) {
        if (SHELL_NAME.matcher(key).matches()) {
            return key;
        }
        StringBuilder name = new StringBuilder();
        if (key.isEmpty() || Character.isDigit(key.charAt(0))) {
            name.append('_');
        }
        key.codePoints()
                .forEach(c -> name.append(
                        c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? Character.toString(c) : "_"));
        return name.toString();
    }

    /** POSIX single quoting: {@code '} becomes {@code '\''}. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String text(byte[] value) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
