package io.eso4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
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
import org.yaml.snakeyaml.DumperOptions;

/**
 * How {@code render} prints Secrets. Each format turns the whole list into one text before anything is written, so
 * output is never half a Secret.
 */
enum OutputFormat {

    /**
     * Kubernetes YAML, one document per Secret separated by {@code ---}. Each document is read back and compared
     * with the Secret before it is printed: a string the YAML writer cannot represent faithfully with Unicode left as
     * it is (SnakeYAML writes a NEL, U+0085, raw, and a YAML 1.1 reader folds it into a space) is written again with
     * every non-ASCII character escaped; a document that still does not read back the same is an error, never
     * printed.
     */
    YAML {
        @Override
        String format(List<KubernetesSecret> secrets, PrintWriter err) {
            StringBuilder text = new StringBuilder();
            for (KubernetesSecret secret : secrets) {
                ObjectNode manifest = manifest(secret);
                String document = write(YAML_WRITER, manifest);
                if (!readsBack(document, manifest)) {
                    document = write(YAML_ASCII_WRITER, manifest);
                    if (!readsBack(document, manifest)) {
                        throw new IllegalStateException("Secret " + Printable.name(secret.qualifiedName())
                                + " cannot be written as YAML that reads back the same; use -o json");
                    }
                }
                text.append(text.length() == 0 ? "" : "---\n").append(document);
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
     * {@code KEY='value'} lines for a POSIX shell, each value single-quoted ({@code '} written as {@code '\''}), so
     * no byte of a value is ever read as shell syntax. Safe to load with {@code set -a; . ./file; set +a} or
     * {@code set -a; eval "$(eso4j render -o env ...)"; set +a}. <b>Not</b> safe with {@code export $(...)}: an
     * unquoted command substitution is split on blanks and glob-expanded without removing quotes, so a value such as
     * {@code x LD_PRELOAD=/tmp/evil.so y} would set {@code LD_PRELOAD}; no quoting can prevent that, so use one of the
     * two forms above.
     *
     * <p>Keys: a key that is not a shell name has each character outside {@code [A-Za-z0-9_]} replaced by {@code _}
     * (and a leading digit or an empty key prefixed with {@code _}), with a note on standard error. A key that then
     * collides with another, a key whose shell name changes how the shell, the dynamic loader or a language runtime
     * behaves ({@link #reservedShellName}: {@code PATH}, {@code IFS}, {@code LD_PRELOAD}, {@code BASH_ENV},
     * {@code JAVA_TOOL_OPTIONS}, ...), and a value that is not UTF-8 text or holds a NUL byte (a shell variable cannot
     * hold one) are left out, each with a warning on standard error naming the Secret and key (never the value).
     * Several Secrets are each preceded by a {@code # namespace/name} comment, the name escaped by
     * {@link Printable#name} so it cannot end the comment line.
     */
    ENV {
        @Override
        String format(List<KubernetesSecret> secrets, PrintWriter err) {
            StringBuilder text = new StringBuilder();
            for (KubernetesSecret secret : secrets) {
                if (secrets.size() > 1) {
                    text.append("# ")
                            .append(Printable.name(secret.qualifiedName()))
                            .append('\n');
                }
                Set<String> written = new LinkedHashSet<>();
                for (Map.Entry<String, byte[]> entry : secret.data().entrySet()) {
                    String key = entry.getKey();
                    String name = shellName(key);
                    String where = "Secret " + Printable.name(secret.qualifiedName()) + " key " + Printable.name(key);
                    String value = text(entry.getValue());
                    if (value == null || value.indexOf('\0') >= 0) {
                        err.println("warning: " + where + " left out: its value is not text a shell variable can hold");
                        continue;
                    }
                    if (reservedShellName(name)) {
                        err.println("warning: " + where + " left out: its shell name " + name
                                + " would change how the shell or later programs run");
                        continue;
                    }
                    if (!written.add(name)) {
                        err.println("warning: " + where + " left out: its shell name " + name + " is already taken");
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

    /**
     * Key names and value sizes only: safe to paste into a ticket. Names are escaped by {@link Printable#name}, so a
     * hostile key cannot forge a line or send terminal escapes.
     */
    KEYS {
        @Override
        String format(List<KubernetesSecret> secrets, PrintWriter err) {
            StringBuilder text = new StringBuilder();
            for (KubernetesSecret secret : secrets) {
                text.append("Secret ")
                        .append(Printable.name(secret.qualifiedName()))
                        .append(" (type ")
                        .append(Printable.name(secret.type()))
                        .append(", from ExternalSecret ")
                        .append(Printable.name(secret.externalSecret()))
                        .append("): ")
                        .append(secret.data().size())
                        .append(secret.data().size() == 1 ? " key" : " keys")
                        .append('\n');
                secret.data()
                        .forEach((key, value) -> text.append("  ")
                                .append(Printable.name(key))
                                .append("  ")
                                .append(value.length)
                                .append(value.length == 1 ? " byte" : " bytes")
                                .append('\n'));
            }
            return text.toString();
        }
    };

    private static final ObjectMapper YAML_WRITER = yamlWriter(null);
    private static final ObjectMapper YAML_ASCII_WRITER = yamlWriter(asciiOnly());
    private static final ObjectMapper YAML_READER = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON_WRITER = new ObjectMapper();

    private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Shell names {@code -o env} never writes: variables the shell itself reads (or keeps read-only), and variables
     * that make the dynamic loader or a language runtime load code into every later program.
     */
    private static final Set<String> RESERVED = Set.of(
            "_",
            "PATH",
            "IFS",
            "ENV",
            "CDPATH",
            "HOME",
            "SHELL",
            "PS1",
            "PS2",
            "PS3",
            "PS4",
            "PROMPT_COMMAND",
            "SHELLOPTS",
            "GLOBIGNORE",
            "POSIXLY_CORRECT",
            "OPTIND",
            "OPTARG",
            "EUID",
            "UID",
            "PPID",
            "HISTFILE",
            "MAIL",
            "MAILPATH",
            "TMOUT",
            "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS",
            "JDK_JAVA_OPTIONS",
            "NODE_OPTIONS",
            "PYTHONSTARTUP",
            "PERL5OPT",
            "RUBYOPT");

    /** Prefixes of reserved shell names: bash's own variables and exported functions, the loaders' variables. */
    private static final List<String> RESERVED_PREFIXES = List.of("BASH", "LD_", "DYLD_");

    /** The whole output for {@code secrets}; notes about what was left out go to {@code err}. */
    abstract String format(List<KubernetesSecret> secrets, PrintWriter err);

    /** The Secret as a Kubernetes object, fields in kubectl's order. */
    static ObjectNode manifest(KubernetesSecret secret) {
        if (secret.object() != null) {
            try {
                // through JSON text, so numbers are the nodes a YAML or JSON reader gives back
                return (ObjectNode) YAML_READER.readTree(JSON_WRITER.writeValueAsString(secret.object()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("cannot render " + secret.type(), e);
            }
        }
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

    private static ObjectMapper yamlWriter(DumperOptions options) {
        YAMLFactoryBuilder builder = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS);
        if (options != null) {
            builder.dumperOptions(options);
        }
        return new ObjectMapper(builder.build());
    }

    /** Jackson's own writer options, but with every non-ASCII character escaped in double-quoted scalars. */
    private static DumperOptions asciiOnly() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setAllowUnicode(false);
        return options;
    }

    private static boolean readsBack(String document, ObjectNode manifest) {
        try {
            return manifest.equals(YAML_READER.readTree(document));
        } catch (JsonProcessingException e) {
            return false;
        }
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

    /** Whether {@code -o env} leaves out a variable of this (valid) shell name. */
    static boolean reservedShellName(String name) {
        return RESERVED.contains(name) || RESERVED_PREFIXES.stream().anyMatch(name::startsWith);
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
