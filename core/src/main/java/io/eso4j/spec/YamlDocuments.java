package io.eso4j.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Splits one YAML (or JSON) text into documents and builds a Jackson tree per document, without recursion and with
 * every failure turned into one clean problem line. Rejects duplicate keys, aliases, binary scalars, NUL bytes and
 * invalid UTF-8; Jackson's nesting limit (1000) and SnakeYAML's size limit (3 Mi code points per document) bound the
 * input, and so do eso4j's limits below, which are checked first, in one linear pass, because SnakeYAML's reader
 * copies its window for every 1 KiB of a token it looks ahead in: a single long line costs time quadratic in its
 * length (8 MB: over a minute) before any size limit is reached. Messages carry positions and the parser's reason,
 * never a snippet of the text. Stateless and thread-safe.
 */
final class YamlDocuments {

    /** The largest manifest source: 8 MiB (bytes of a file or stream, characters of a text). */
    static final int MAX_SOURCE_SIZE = 8 << 20;
    /** The longest line: 1 MiB characters (a Kubernetes Secret holds at most 1 MiB), about a second to parse. */
    static final int MAX_LINE_LENGTH = 1 << 20;
    /** The most documents in one source. */
    static final int MAX_DOCUMENTS = 10_000;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL) // "key:" is null in YAML, as in Kubernetes
            .build();

    private YamlDocuments() {}

    /** One document: its tree ({@code null} when the document is empty) and its 1-based index. */
    record Document(int index, JsonNode root) {}

    private static String tooManyDocuments() {
        return "has more than " + MAX_DOCUMENTS + " documents, the limit for one manifest source";
    }

    /** The problem of a source over {@link #MAX_SOURCE_SIZE}. */
    static String tooLarge(long size, String unit) {
        return "is larger than the limit of " + MAX_SOURCE_SIZE + " " + unit + " (8 MiB) for one manifest source"
                + (size > 0 ? " (has " + size + ")" : "");
    }

    /** Decodes strict UTF-8 (a leading BOM is dropped), or reports the offset of the first bad byte. */
    static String decode(byte[] bytes, String source, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer chars = decoder.decode(in);
            String text = chars.toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            problems.at(source)
                    .error("", "is not valid UTF-8 (bad byte sequence near byte offset " + firstBadByte(bytes) + ")");
            return null;
        }
    }

    private static int firstBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }

    /**
     * Reads every document of {@code text}. A problem stops the reading of the text (YAML cannot be resynchronised
     * reliably); the documents read before it are returned.
     */
    static List<Document> read(String text, String source, Problems problems) {
        List<Document> documents = new ArrayList<>();
        if (text.length() > MAX_SOURCE_SIZE) {
            problems.at(source).error("", tooLarge(text.length(), "characters"));
            return documents;
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            problems.at(source).error("", "contains a NUL byte at " + position(text, nul));
            return documents;
        }
        int lineStart = 0;
        int separators = 0;
        for (int line = 1; lineStart <= text.length(); line++) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            if (text.startsWith("---", lineStart)
                    && (lineEnd == lineStart + 3 || Character.isWhitespace(text.charAt(lineStart + 3)))
                    && ++separators > MAX_DOCUMENTS) {
                // a "---" line always starts a document (no scalar may contain one), so there are more
                problems.at(source).error("", tooManyDocuments());
                return documents;
            }
            if (lineEnd - lineStart > MAX_LINE_LENGTH) {
                problems.at(source)
                        .error(
                                "",
                                "line " + line + " is longer than the limit of " + MAX_LINE_LENGTH
                                        + " characters (1 MiB)" + " for one line of a manifest (has "
                                        + (lineEnd - lineStart) + ")");
                return documents;
            }
            lineStart = lineEnd + 1;
        }
        int index = 0;
        try (YAMLParser parser = FACTORY.createParser(text)) {
            while (parser.nextToken() != null) {
                index++;
                String origin = source + "#" + index;
                if (index > MAX_DOCUMENTS) {
                    problems.at(source).error("", tooManyDocuments());
                    return documents;
                }
                try {
                    documents.add(new Document(index, tree(parser, origin, problems)));
                } catch (BadDocument e) {
                    return documents;
                }
            }
        } catch (StreamConstraintsException e) {
            problems.at(index == 0 ? source : source + "#" + index)
                    .error("", "YAML is nested too deeply (more than 1000 levels)");
        } catch (JsonProcessingException e) {
            problems.at(index == 0 ? source : source + "#" + index).error(pathOf(e), "invalid YAML: " + describe(e));
        } catch (IOException e) {
            problems.at(source).error("", "cannot be read: " + e.getClass().getSimpleName());
        }
        return documents;
    }

    private static final class BadDocument extends Exception {
        private static final long serialVersionUID = 1L;

        BadDocument() {
            super(null, null, false, false);
        }
    }

    /** Builds the tree of the value at the current token, iteratively. */
    private static JsonNode tree(YAMLParser parser, String origin, Problems problems) throws IOException, BadDocument {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Deque<JsonNode> stack = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        JsonNode root = null;
        JsonToken token = parser.currentToken();
        while (true) {
            JsonNode value = null;
            boolean closes = false;
            switch (token) {
                case START_OBJECT:
                    value = nodes.objectNode();
                    break;
                case START_ARRAY:
                    value = nodes.arrayNode();
                    break;
                case END_OBJECT:
                case END_ARRAY:
                    closes = true;
                    break;
                case FIELD_NAME:
                    names.push(parser.currentName());
                    token = parser.nextToken();
                    continue;
                case VALUE_STRING:
                    if (parser.isCurrentAlias()) {
                        problems.at(origin)
                                .error(path(parser), "YAML aliases (*" + parser.getText() + ") are not supported");
                        throw new BadDocument();
                    }
                    value = nodes.textNode(parser.getText());
                    break;
                case VALUE_NUMBER_INT:
                    value = parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            ? nodes.numberNode(parser.getBigIntegerValue())
                            : nodes.numberNode(parser.getLongValue());
                    break;
                case VALUE_NUMBER_FLOAT:
                    value = nodes.numberNode(parser.getDecimalValue());
                    break;
                case VALUE_TRUE:
                case VALUE_FALSE:
                    value = nodes.booleanNode(token == JsonToken.VALUE_TRUE);
                    break;
                case VALUE_NULL:
                    value = nodes.nullNode();
                    break;
                default:
                    problems.at(origin).error(path(parser), "unsupported YAML value (binary or custom tag)");
                    throw new BadDocument();
            }
            if (closes) {
                JsonNode done = stack.pop();
                if (stack.isEmpty()) {
                    return done;
                }
                attach(stack.peek(), names, done);
            } else if (value.isContainerNode()) {
                stack.push(value);
            } else if (stack.isEmpty()) {
                root = value;
                return root;
            } else {
                attach(stack.peek(), names, value);
            }
            token = parser.nextToken();
        }
    }

    private static void attach(JsonNode parent, Deque<String> names, JsonNode child) {
        if (parent instanceof ObjectNode) {
            ((ObjectNode) parent).set(names.pop(), child);
        } else {
            ((ArrayNode) parent).add(child);
        }
    }

    private static String path(JsonParser parser) {
        return Paths.fromPointer(parser.getParsingContext().pathAsPointer().toString());
    }

    private static String pathOf(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser) {
            return path((JsonParser) e.getProcessor());
        }
        return "";
    }

    /** The parser's reason with a line/column, but without the snippet of the text SnakeYAML adds. */
    private static String describe(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException) {
                MarkedYAMLException marked = (MarkedYAMLException) cause;
                String problem =
                        marked.getProblem() == null ? "" : marked.getProblem().strip();
                String context =
                        marked.getContext() == null ? "" : marked.getContext().strip();
                String reason = context.isEmpty() ? problem : context + ": " + problem;
                Mark mark = marked.getProblemMark();
                return mark == null
                        ? reason
                        : reason + " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
            }
        }
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int newline = message.indexOf('\n');
        String reason = (newline >= 0 ? message.substring(0, newline) : message).strip();
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            reason += " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
        }
        return reason;
    }

    private static String position(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }
}
