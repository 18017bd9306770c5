package io.eso4j.mapping.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into tokens, following Go's {@code text/template/parse} lexer: text, {@code {{ }}} actions with
 * {@code {{- }} / {@code -}}} trim markers, comments, and the tokens inside actions. Not thread-safe; one instance
 * per parse.
 */
final class Lexer {

    enum Type {
        TEXT,
        LEFT,
        RIGHT,
        SPACE,
        IDENTIFIER,
        KEYWORD,
        FIELD,
        VARIABLE,
        STRING,
        CHAR,
        NUMBER,
        BOOL,
        NIL,
        DOT,
        PIPE,
        LEFT_PAREN,
        RIGHT_PAREN,
        DECLARE,
        ASSIGN,
        COMMA,
        EOF
    }

    /** One token: its type, start offset and source text ({@code value} holds unquoted string constants). */
    record Token(Type type, int pos, String text, String value) {}

    private static final String LEFT_DELIM = "{{";
    private static final String RIGHT_DELIM = "}}";

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int parenDepth;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> lex(String input) {
        Lexer lexer = new Lexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean trimLeading = false;
        while (true) {
            int start = pos;
            int delim = input.indexOf(LEFT_DELIM, pos);
            int textEnd = delim < 0 ? input.length() : delim;
            boolean leftTrim = delim >= 0 && hasLeftTrimMarker(delim + LEFT_DELIM.length());
            int textStart = start;
            if (trimLeading) {
                while (textStart < textEnd && isSpace(input.charAt(textStart))) {
                    textStart++;
                }
            }
            int trimmedEnd = textEnd;
            if (leftTrim) {
                while (trimmedEnd > textStart && isSpace(input.charAt(trimmedEnd - 1))) {
                    trimmedEnd--;
                }
            }
            if (trimmedEnd > textStart) {
                String text = input.substring(textStart, trimmedEnd);
                tokens.add(new Token(Type.TEXT, textStart, text, text));
            }
            if (delim < 0) {
                tokens.add(new Token(Type.EOF, input.length(), "", ""));
                return;
            }
            pos = delim + LEFT_DELIM.length();
            if (leftTrim) {
                pos += 2;
            }
            trimLeading = lexAction(delim);
        }
    }

    /** Lexes one action after its left delimiter; returns whether it ended with a right trim marker. */
    private boolean lexAction(int delimPos) {
        int afterDelim = pos;
        // A comment must start right after the delimiter (and its trim marker).
        if (input.startsWith("/*", pos)) {
            int end = input.indexOf("*/", pos + 2);
            if (end < 0) {
                throw new TemplateSyntaxException(delimPos, "unclosed comment");
            }
            pos = end + 2;
            if (atRightTrim()) {
                pos += 2 + RIGHT_DELIM.length();
                return true;
            }
            if (input.startsWith(RIGHT_DELIM, pos)) {
                pos += RIGHT_DELIM.length();
                return false;
            }
            throw new TemplateSyntaxException(delimPos, "comment ends before closing delimiter");
        }
        tokens.add(new Token(Type.LEFT, delimPos, LEFT_DELIM, ""));
        parenDepth = 0;
        while (true) {
            if (atRightTrim() || input.startsWith(RIGHT_DELIM, pos)) {
                if (parenDepth > 0) {
                    throw new TemplateSyntaxException(pos, "unclosed left paren");
                }
                boolean trim = atRightTrim();
                int at = pos;
                pos += (trim ? 2 : 0) + RIGHT_DELIM.length();
                tokens.add(new Token(Type.RIGHT, at, RIGHT_DELIM, ""));
                return trim;
            }
            if (pos >= input.length()) {
                throw new TemplateSyntaxException(afterDelim, "unclosed action");
            }
            char c = input.charAt(pos);
            int start = pos;
            if (isSpace(c)) {
                while (pos < input.length() && isSpace(input.charAt(pos)) && !atRightTrim()) {
                    pos++;
                }
                add(Type.SPACE, start);
            } else if (c == '=') {
                pos++;
                add(Type.ASSIGN, start);
            } else if (c == ':') {
                if (!input.startsWith(":=", pos)) {
                    throw new TemplateSyntaxException(pos, "expected :=");
                }
                pos += 2;
                add(Type.DECLARE, start);
            } else if (c == '|') {
                pos++;
                add(Type.PIPE, start);
            } else if (c == ',') {
                pos++;
                add(Type.COMMA, start);
            } else if (c == '(') {
                pos++;
                parenDepth++;
                add(Type.LEFT_PAREN, start);
            } else if (c == ')') {
                pos++;
                parenDepth--;
                if (parenDepth < 0) {
                    throw new TemplateSyntaxException(start, "unexpected right paren");
                }
                add(Type.RIGHT_PAREN, start);
            } else if (c == '"') {
                lexQuote(start);
            } else if (c == '`') {
                int end = input.indexOf('`', pos + 1);
                if (end < 0) {
                    throw new TemplateSyntaxException(start, "unterminated raw quoted string");
                }
                pos = end + 1;
                String text = input.substring(start, pos);
                tokens.add(new Token(Type.STRING, start, text, text.substring(1, text.length() - 1)));
            } else if (c == '\'') {
                lexChar(start);
            } else if (c == '$') {
                pos++;
                scanAlphaNumeric();
                checkTerminator(start);
                add(Type.VARIABLE, start);
            } else if (c == '.') {
                if (pos + 1 < input.length() && isDigit(input.charAt(pos + 1))) {
                    lexNumber(start);
                } else {
                    pos++;
                    if (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
                        scanAlphaNumeric();
                        checkTerminator(start);
                        add(Type.FIELD, start);
                    } else {
                        add(Type.DOT, start);
                    }
                }
            } else if (c == '+' || c == '-' || isDigit(c)) {
                lexNumber(start);
            } else if (isAlphaNumeric(input.codePointAt(pos))) {
                scanAlphaNumeric();
                checkTerminator(start);
                String word = input.substring(start, pos);
                Type type = switch (word) {
                    case "true", "false" -> Type.BOOL;
                    case "nil" -> Type.NIL;
                    case "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue" ->
                        Type.KEYWORD;
                    default -> Type.IDENTIFIER;
                };
                add(type, start);
            } else {
                throw new TemplateSyntaxException(
                        start, String.format("unrecognized character in action: U+%04X", input.codePointAt(pos)));
            }
        }
    }

    private void add(Type type, int start) {
        String text = input.substring(start, pos);
        tokens.add(new Token(type, start, text, text));
    }

    private void scanAlphaNumeric() {
        while (pos < input.length()) {
            int cp = input.codePointAt(pos);
            if (!isAlphaNumeric(cp)) {
                return;
            }
            pos += Character.charCount(cp);
        }
    }

    private void checkTerminator(int start) {
        if (pos >= input.length() || atRightTrim() || input.startsWith(RIGHT_DELIM, pos)) {
            return;
        }
        char c = input.charAt(pos);
        if (isSpace(c) || c == '.' || c == ',' || c == '|' || c == ':' || c == ')' || c == '(') {
            return;
        }
        throw new TemplateSyntaxException(
                pos,
                String.format("bad character U+%04X after %s", input.codePointAt(pos), input.substring(start, pos)));
    }

    private void lexQuote(int start) {
        pos++;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new TemplateSyntaxException(start, "unterminated quoted string");
            }
            char c = input.charAt(pos);
            if (c == '\\') {
                pos += 2;
                continue;
            }
            pos++;
            if (c == '"') {
                break;
            }
        }
        String text = input.substring(start, pos);
        tokens.add(new Token(Type.STRING, start, text, GoStrings.unquote(text, start)));
    }

    private void lexChar(int start) {
        pos++;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new TemplateSyntaxException(start, "unterminated character constant");
            }
            char c = input.charAt(pos);
            if (c == '\\') {
                pos += 2;
                continue;
            }
            pos++;
            if (c == '\'') {
                break;
            }
        }
        String text = input.substring(start, pos);
        tokens.add(new Token(Type.CHAR, start, text, GoStrings.unquote(text, start)));
    }

    private void lexNumber(int start) {
        if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
            pos++;
        }
        String digits = "0123456789_";
        boolean hex = false;
        if (input.startsWith("0x", pos) || input.startsWith("0X", pos)) {
            pos += 2;
            digits = "0123456789abcdefABCDEF_";
            hex = true;
        } else if (input.startsWith("0o", pos)
                || input.startsWith("0O", pos)
                || input.startsWith("0b", pos)
                || input.startsWith("0B", pos)) {
            pos += 2;
        }
        accept(digits);
        if (pos < input.length() && input.charAt(pos) == '.') {
            pos++;
            accept(digits);
        }
        if (pos < input.length()
                && "eEpP".indexOf(input.charAt(pos)) >= 0
                && !(hex && "eE".indexOf(input.charAt(pos)) >= 0)) {
            pos++;
            if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
                pos++;
            }
            accept("0123456789_");
        }
        if (pos < input.length() && input.charAt(pos) == 'i') {
            pos++;
        }
        if (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
            pos++;
            throw new TemplateSyntaxException(start, "bad number syntax: " + input.substring(start, pos));
        }
        if (pos == start + 1 && (input.charAt(start) == '+' || input.charAt(start) == '-')) {
            throw new TemplateSyntaxException(start, "bad number syntax: " + input.substring(start, pos));
        }
        add(Type.NUMBER, start);
    }

    private void accept(String valid) {
        while (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    private boolean atRightTrim() {
        return pos + 1 < input.length()
                && isSpace(input.charAt(pos))
                && input.charAt(pos + 1) == '-'
                && input.startsWith(RIGHT_DELIM, pos + 2);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphaNumeric(int cp) {
        return cp == '_' || Character.isLetter(cp) || Character.isDigit(cp);
    }
}
