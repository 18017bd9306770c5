package io.eso4j.mapping.template;

import io.eso4j.mapping.template.Lexer.Token;
import io.eso4j.mapping.template.Lexer.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the tree from tokens, following Go's {@code text/template/parse} grammar for the supported subset. It
 * checks at parse time what Go checks (declared variables, defined functions) and also rejects everything outside
 * the subset, so an unsupported template never runs. Not thread-safe; one instance per parse.
 */
final class Parser {

    /** Bound on nested blocks and parentheses, so hostile templates fail cleanly instead of overflowing the stack. */
    static final int MAX_DEPTH = 100;

    private final List<Token> tokens;
    private final List<String> literals;
    private final List<String> variables = new ArrayList<>();
    private final Map<String, List<Node>> defines = new LinkedHashMap<>();
    private int index;
    private int depth;
    private int rangeDepth;

    private Parser(List<Token> tokens, List<String> literals) {
        this.tokens = tokens;
        this.literals = literals;
    }

    /**
     * The parsed template, its associated templates ({@code define}, {@code block}) and its string constants
     * (messages from {@code fail} may only repeat those).
     */
    record Result(List<Node> nodes, Map<String, List<Node>> defines, List<String> literals) {}

    static Result parse(String text) {
        List<String> literals = new ArrayList<>();
        Parser parser = new Parser(Lexer.lex(text), literals);
        parser.variables.add("$");
        ListEnd body = parser.list();
        if (!body.terminator().equals("eof")) {
            throw new TemplateSyntaxException(body.pos(), "unexpected {{" + body.terminator() + "}}");
        }
        return new Result(body.nodes(), Map.copyOf(parser.defines), List.copyOf(literals));
    }

    /** A list of nodes and what ended it: {@code eof}, {@code end} or {@code else}. */
    private record ListEnd(List<Node> nodes, String terminator, int pos) {}

    private Token next() {
        return tokens.get(index++);
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token nextNonSpace() {
        Token t = next();
        while (t.type() == Type.SPACE) {
            t = next();
        }
        return t;
    }

    private Token peekNonSpace() {
        int saved = index;
        Token t = nextNonSpace();
        index = saved;
        return t;
    }

    private ListEnd list() {
        List<Node> nodes = new ArrayList<>();
        while (true) {
            Token t = next();
            switch (t.type()) {
                case EOF:
                    return new ListEnd(nodes, "eof", t.pos());
                case TEXT:
                    nodes.add(new Node.Text(t.pos(), t.value()));
                    break;
                case LEFT:
                    Token word = peekNonSpace();
                    if (word.type() == Type.KEYWORD) {
                        nextNonSpace();
                        switch (word.text()) {
                            case "end" -> {
                                expectRight("end");
                                return new ListEnd(nodes, "end", word.pos());
                            }
                            case "else" -> {
                                return new ListEnd(nodes, "else", word.pos());
                            }
                            case "if", "with" -> nodes.add(control(word, word.text()));
                            case "range" -> {
                                rangeDepth++;
                                try {
                                    nodes.add(control(word, "range"));
                                } finally {
                                    rangeDepth--;
                                }
                            }
                            case "break", "continue" -> {
                                if (rangeDepth == 0) {
                                    throw new TemplateSyntaxException(
                                            word.pos(), "{{" + word.text() + "}} outside {{range}}");
                                }
                                Token t2 = nextNonSpace();
                                if (t2.type() != Type.RIGHT) {
                                    throw new TemplateSyntaxException(
                                            t2.pos(), "unexpected " + describe(t2) + " in {{" + word.text() + "}}");
                                }
                                nodes.add(
                                        word.text().equals("break")
                                                ? new Node.Break(word.pos())
                                                : new Node.Continue(word.pos()));
                            }
                            case "template" -> nodes.add(templateCall(word, "template clause"));
                            case "block" -> {
                                Node.Template call = templateCall(word, "block clause");
                                define(word, call.name());
                                nodes.add(call);
                            }
                            case "define" -> {
                                if (depth > 0) {
                                    throw new TemplateSyntaxException(word.pos(), "unexpected <define> in command");
                                }
                                Token name = nextNonSpace();
                                if (name.type() != Type.STRING) {
                                    throw new TemplateSyntaxException(
                                            name.pos(), "unexpected " + describe(name) + " in define clause");
                                }
                                expectRight("define clause");
                                define(word, name.value());
                            }
                            default ->
                                throw new TemplateSyntaxException(
                                        word.pos(), "{{" + word.text() + "}} is not supported by eso4j");
                        }
                    } else {
                        Node.Pipe pipe = pipeline("command", Type.RIGHT);
                        nodes.add(new Node.Action(t.pos(), pipe));
                    }
                    break;
                default:
                    throw new TemplateSyntaxException(t.pos(), "unexpected " + t.text());
            }
        }
    }

    /** {@code "name" [pipeline]}}: the call of {@code template} and {@code block}. */
    private Node.Template templateCall(Token keyword, String context) {
        Token name = nextNonSpace();
        if (name.type() != Type.STRING) {
            throw new TemplateSyntaxException(name.pos(), "unexpected " + describe(name) + " in " + context);
        }
        if (peekNonSpace().type() == Type.RIGHT) {
            nextNonSpace();
            if (keyword.text().equals("block")) {
                throw new TemplateSyntaxException(name.pos(), "missing value for block clause");
            }
            return new Node.Template(keyword.pos(), name.value(), null);
        }
        Node.Pipe pipe = pipeline(context, Type.RIGHT);
        return new Node.Template(keyword.pos(), name.value(), pipe);
    }

    /** The body of a {@code define} or {@code block} up to its {@code end}, with a fresh variable scope. */
    private void define(Token keyword, String name) {
        enter(keyword.pos());
        List<String> saved = new ArrayList<>(variables);
        int savedRange = rangeDepth;
        variables.clear();
        variables.add("$");
        rangeDepth = 0;
        ListEnd body = list();
        if (!body.terminator().equals("end")) {
            throw new TemplateSyntaxException(
                    body.pos(), body.terminator().equals("eof") ? "unexpected EOF" : "unexpected {{else}}");
        }
        variables.clear();
        variables.addAll(saved);
        rangeDepth = savedRange;
        depth--;
        if (defines.containsKey(name) && !isEmpty(defines.get(name)) && !isEmpty(body.nodes())) {
            throw new TemplateSyntaxException(
                    keyword.pos(), "template: multiple definition of template \"" + name + "\"");
        }
        if (!defines.containsKey(name) || !isEmpty(body.nodes())) {
            defines.put(name, List.copyOf(body.nodes()));
        }
    }

    /** Go's {@code IsEmptyTree}: only whitespace text. */
    private static boolean isEmpty(List<Node> nodes) {
        for (Node n : nodes) {
            if (!(n instanceof Node.Text t) || !t.text().isBlank()) {
                return false;
            }
        }
        return true;
    }

    private void expectRight(String context) {
        Token t = nextNonSpace();
        if (t.type() != Type.RIGHT) {
            throw new TemplateSyntaxException(t.pos(), "unexpected " + describe(t) + " in " + context);
        }
    }

    private Node control(Token keyword, String context) {
        enter(keyword.pos());
        int mark = variables.size();
        Node.Pipe pipe = pipeline(context, Type.RIGHT);
        ListEnd body = list();
        List<Node> elseList = List.of();
        if (body.terminator().equals("eof")) {
            throw new TemplateSyntaxException(body.pos(), "unexpected EOF");
        }
        if (body.terminator().equals("else")) {
            if (context.equals("range")) {
                expectRight("else");
            }
            Token after = peekNonSpace();
            if (!context.equals("range")
                    && after.type() == Type.KEYWORD
                    && after.text().equals(context)) {
                // {{else if ...}} / {{else with ...}}: a nested control sharing this one's {{end}}.
                Token nested = nextNonSpace();
                elseList = List.of(control(nested, context));
            } else {
                if (!context.equals("range")) {
                    expectRight("else");
                }
                ListEnd elseBody = list();
                if (!elseBody.terminator().equals("end")) {
                    throw new TemplateSyntaxException(
                            elseBody.pos(),
                            elseBody.terminator().equals("eof") ? "unexpected EOF" : "expected end; found {{else}}");
                }
                elseList = elseBody.nodes();
            }
        }
        truncateVariables(mark);
        depth--;
        if (context.equals("range")) {
            return new Node.Range(keyword.pos(), pipe, body.nodes(), elseList);
        }
        return new Node.Branch(keyword.pos(), context.equals("with"), pipe, body.nodes(), elseList);
    }

    private void truncateVariables(int mark) {
        while (variables.size() > mark) {
            variables.remove(variables.size() - 1);
        }
    }

    private void enter(int pos) {
        depth++;
        if (depth > MAX_DEPTH) {
            throw new TemplateSyntaxException(pos, "nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Node.Pipe pipeline(String context, Type end) {
        int pos = peekNonSpace().pos();
        List<String> declared = new ArrayList<>();
        boolean isAssign = false;
        // Declarations: $x := ..., $x = ..., and in range $k, $v := ...
        Token first = peekNonSpace();
        if (first.type() == Type.VARIABLE) {
            int saved = index;
            nextNonSpace();
            Token op = peekNonSpace();
            if (op.type() == Type.DECLARE || op.type() == Type.ASSIGN) {
                nextNonSpace();
                isAssign = op.type() == Type.ASSIGN;
                declared.add(first.text());
            } else if (op.type() == Type.COMMA && context.equals("range")) {
                nextNonSpace();
                Token second = nextNonSpace();
                Token op2 = nextNonSpace();
                if (second.type() != Type.VARIABLE || (op2.type() != Type.DECLARE && op2.type() != Type.ASSIGN)) {
                    throw new TemplateSyntaxException(second.pos(), "range can only initialize variables");
                }
                isAssign = op2.type() == Type.ASSIGN;
                declared.add(first.text());
                declared.add(second.text());
            } else if (op.type() == Type.COMMA) {
                throw new TemplateSyntaxException(op.pos(), "too many declarations in " + context);
            } else {
                index = saved;
            }
            for (String name : declared) {
                if (isAssign) {
                    checkVariable(first.pos(), name);
                } else {
                    variables.add(name);
                }
            }
        }
        List<Node.Command> commands = new ArrayList<>();
        while (true) {
            Token t = peekNonSpace();
            if (t.type() == end) {
                nextNonSpace();
                break;
            }
            if (t.type() == Type.RIGHT || t.type() == Type.RIGHT_PAREN || t.type() == Type.EOF) {
                throw new TemplateSyntaxException(t.pos(), "unexpected " + describe(t) + " in " + context);
            }
            commands.add(command(commands.isEmpty()));
        }
        if (commands.isEmpty()) {
            throw new TemplateSyntaxException(pos, "missing value for " + context);
        }
        return new Node.Pipe(pos, List.copyOf(declared), isAssign, List.copyOf(commands));
    }

    private Node.Command command(boolean firstInPipeline) {
        int pos = peekNonSpace().pos();
        List<Node> args = new ArrayList<>();
        while (true) {
            Token t = peekNonSpace();
            if (t.type() == Type.PIPE) {
                nextNonSpace();
                if (args.isEmpty()) {
                    throw new TemplateSyntaxException(t.pos(), "missing command before |");
                }
                break;
            }
            if (t.type() == Type.RIGHT || t.type() == Type.RIGHT_PAREN || t.type() == Type.EOF) {
                break;
            }
            if (t.type() == Type.KEYWORD) {
                throw new TemplateSyntaxException(t.pos(), "unexpected keyword " + t.text() + " in command");
            }
            if (!args.isEmpty() && peek().type() != Type.SPACE) {
                throw new TemplateSyntaxException(t.pos(), "missing space before " + describe(t));
            }
            args.add(operand());
        }
        if (args.isEmpty()) {
            throw new TemplateSyntaxException(pos, "empty command");
        }
        Node head = args.get(0);
        boolean isFunction = head instanceof Node.Identifier;
        if (!isFunction && (args.size() > 1 || !firstInPipeline)) {
            if (head instanceof Node.StringLiteral
                    || head instanceof Node.NumberLiteral
                    || head instanceof Node.BoolLiteral
                    || head instanceof Node.Nil
                    || head instanceof Node.Dot) {
                throw new TemplateSyntaxException(
                        head.pos(), "non executable command in pipeline: " + Node.describe(head));
            }
            throw new TemplateSyntaxException(
                    head.pos(),
                    "can't give argument to non-function " + Node.describe(head)
                            + " (method calls are not supported by eso4j)");
        }
        if (head instanceof Node.Nil) {
            throw new TemplateSyntaxException(head.pos(), "nil is not a command");
        }
        return new Node.Command(pos, List.copyOf(args));
    }

    private Node operand() {
        Node node = term();
        List<String> fields = new ArrayList<>();
        while (peek().type() == Type.FIELD) {
            fields.add(next().text().substring(1));
        }
        if (fields.isEmpty()) {
            return node;
        }
        if (node instanceof Node.Field f) {
            List<String> names = new ArrayList<>(f.names());
            names.addAll(fields);
            return new Node.Field(f.pos(), List.copyOf(names));
        } else if (node instanceof Node.Variable v) {
            List<String> names = new ArrayList<>(v.fields());
            names.addAll(fields);
            return new Node.Variable(v.pos(), v.name(), List.copyOf(names));
        } else if (node instanceof Node.Identifier || node instanceof Node.Pipe) {
            return new Node.Chain(node.pos(), node, List.copyOf(fields));
        }
        throw new TemplateSyntaxException(node.pos(), "unexpected . after term " + Node.describe(node));
    }

    private Node term() {
        Token t = nextNonSpace();
        switch (t.type()) {
            case IDENTIFIER:
                checkFunction(t);
                return new Node.Identifier(t.pos(), t.text());
            case DOT:
                return new Node.Dot(t.pos());
            case NIL:
                return new Node.Nil(t.pos());
            case VARIABLE:
                checkVariable(t.pos(), t.text());
                return new Node.Variable(t.pos(), t.text(), List.of());
            case FIELD:
                return new Node.Field(t.pos(), List.of(t.text().substring(1)));
            case BOOL:
                return new Node.BoolLiteral(t.pos(), t.text().equals("true"));
            case CHAR:
                int cp = t.value().codePointAt(0);
                return new Node.NumberLiteral(t.pos(), t.text(), true, cp, true, cp);
            case NUMBER:
                return number(t);
            case STRING:
                literals.add(t.value());
                return new Node.StringLiteral(t.pos(), t.text(), t.value());
            case LEFT_PAREN:
                enter(t.pos());
                Node.Pipe pipe = pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
                depth--;
                return pipe;
            default:
                throw new TemplateSyntaxException(t.pos(), "unexpected " + describe(t) + " in operand");
        }
    }

    private void checkFunction(Token t) {
        String name = t.text();
        if (Functions.lookup(name) != null) {
            return;
        }
        if (Functions.CRYPTO_ARTIFACT_NAMES.contains(name) && Functions.isKnownUnsupported(name)) {
            throw new TemplateSyntaxException(
                    t.pos(),
                    "function \"" + name + "\" needs the artifact io.eso4j:eso4j-template-crypto on the class path"
                            + " (it brings Bouncy Castle)");
        }
        if (Functions.isKnownUnsupported(name)) {
            throw new TemplateSyntaxException(t.pos(), "function \"" + name + "\" is not supported by eso4j");
        }
        throw new TemplateSyntaxException(t.pos(), "function \"" + name + "\" not defined");
    }

    private void checkVariable(int pos, String name) {
        if (!variables.contains(name)) {
            throw new TemplateSyntaxException(pos, "undefined variable \"" + name + "\"");
        }
    }

    private static Node.NumberLiteral number(Token t) {
        String text = t.text();
        if (text.endsWith("i")) {
            throw new TemplateSyntaxException(t.pos(), "complex number " + text + " is not supported by eso4j");
        }
        String clean = text.replace("_", "");
        boolean negative = clean.startsWith("-");
        String unsigned = clean.startsWith("-") || clean.startsWith("+") ? clean.substring(1) : clean;
        Long intValue = parseInt(unsigned);
        if (intValue != null) {
            long v = negative ? -intValue : intValue;
            return new Node.NumberLiteral(t.pos(), text, true, v, true, v);
        }
        String lower = unsigned.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("0x") || lower.startsWith("0b") || lower.startsWith("0o")) {
            throw new TemplateSyntaxException(t.pos(), "illegal number syntax: " + text);
        }
        try {
            double d = Double.parseDouble(unsigned);
            if (Double.isInfinite(d)) {
                throw new TemplateSyntaxException(t.pos(), "illegal number syntax: " + text);
            }
            return new Node.NumberLiteral(t.pos(), text, false, 0, true, negative ? -d : d);
        } catch (NumberFormatException e) {
            throw new TemplateSyntaxException(t.pos(), "illegal number syntax: " + text);
        }
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)} for an unsigned literal, or null if it is not an integer. */
    private static Long parseInt(String s) {
        try {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("0x")) {
                return Long.parseLong(s.substring(2), 16);
            } else if (lower.startsWith("0b")) {
                return Long.parseLong(s.substring(2), 2);
            } else if (lower.startsWith("0o")) {
                return Long.parseLong(s.substring(2), 8);
            } else if (s.length() > 1 && s.startsWith("0") && s.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(s.substring(1), 8);
            }
            return s.chars().allMatch(c -> c >= '0' && c <= '9') ? Long.parseLong(s) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(Token t) {
        return switch (t.type()) {
            case RIGHT -> "}}";
            case RIGHT_PAREN -> ")";
            case EOF -> "EOF";
            default -> "\"" + t.text() + "\"";
        };
    }
}
