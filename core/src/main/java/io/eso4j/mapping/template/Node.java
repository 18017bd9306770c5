package io.eso4j.mapping.template;

import java.util.List;

/** The parsed tree of a template. Every node is an immutable record that knows its source offset. */
sealed interface Node {

    /** Offset of the node's first character in the template text. */
    int pos();

    /** Literal text between actions, already trimmed by {@code {{-}} / {@code -}}} markers. */
    record Text(int pos, String text) implements Node {}

    /** An action that prints the value of its pipeline: {@code {{ pipeline }}}. */
    record Action(int pos, Pipe pipe) implements Node {}

    /** {@code if} or {@code with}: {@code list} runs when the pipeline is true, else {@code elseList}. */
    record Branch(int pos, boolean isWith, Pipe pipe, List<Node> list, List<Node> elseList) implements Node {}

    /** {@code range}: runs {@code list} per element, {@code elseList} when there is none. */
    record Range(int pos, Pipe pipe, List<Node> list, List<Node> elseList) implements Node {}

    /** {@code {{break}}} inside a {@code range}. */
    record Break(int pos) implements Node {}

    /** {@code {{continue}}} inside a {@code range}. */
    record Continue(int pos) implements Node {}

    /** {@code {{template "name" pipeline}}} (also the call half of {@code block}); {@code pipe} may be null. */
    record Template(int pos, String name, Pipe pipe) implements Node {}

    /** A pipeline, optionally declaring ({@code :=}) or assigning ({@code =}) variables. */
    record Pipe(int pos, List<String> variables, boolean isAssign, List<Command> commands) implements Node {}

    /** One command of a pipeline: a function name and its arguments, or a single operand. */
    record Command(int pos, List<Node> args) implements Node {}

    /** {@code .a.b}: a field chain on dot. */
    record Field(int pos, List<String> names) implements Node {}

    /** {@code .}: the current value. */
    record Dot(int pos) implements Node {}

    /** {@code $x.a.b}: a variable and an optional field chain. */
    record Variable(int pos, String name, List<String> fields) implements Node {}

    /** A function name used as an operand. */
    record Identifier(int pos, String name) implements Node {}

    /** {@code (pipeline).a.b} or {@code fn.a}: a field chain on another operand. */
    record Chain(int pos, Node node, List<String> fields) implements Node {}

    /** A string constant, already unquoted. */
    record StringLiteral(int pos, String text, String value) implements Node {}

    /** A numeric constant; {@code isInt} constants become Go {@code int}, the others {@code float64}. */
    record NumberLiteral(int pos, String text, boolean isInt, long intValue, boolean isFloat, double floatValue)
            implements Node {}

    /** {@code true} or {@code false}. */
    record BoolLiteral(int pos, boolean value) implements Node {}

    /** {@code nil}. */
    record Nil(int pos) implements Node {}

    /** Source-like rendering of an operand or pipeline, used in error messages (templates are not secret). */
    static String describe(Node node) {
        if (node instanceof Field f) {
            return "." + String.join(".", f.names());
        } else if (node instanceof Dot) {
            return ".";
        } else if (node instanceof Variable v) {
            return v.name() + (v.fields().isEmpty() ? "" : "." + String.join(".", v.fields()));
        } else if (node instanceof Identifier i) {
            return i.name();
        } else if (node instanceof Chain c) {
            String inner = describe(c.node());
            if (c.node() instanceof Pipe) {
                inner = "(" + inner + ")";
            }
            return inner + "." + String.join(".", c.fields());
        } else if (node instanceof StringLiteral s) {
            return s.text();
        } else if (node instanceof NumberLiteral n) {
            return n.text();
        } else if (node instanceof BoolLiteral b) {
            return String.valueOf(b.value());
        } else if (node instanceof Nil) {
            return "nil";
        } else if (node instanceof Pipe p) {
            StringBuilder sb = new StringBuilder();
            if (!p.variables().isEmpty()) {
                sb.append(String.join(", ", p.variables())).append(p.isAssign() ? " = " : " := ");
            }
            for (int i = 0; i < p.commands().size(); i++) {
                if (i > 0) {
                    sb.append(" | ");
                }
                sb.append(describe(p.commands().get(i)));
            }
            return sb.toString();
        } else if (node instanceof Command c) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < c.args().size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                Node arg = c.args().get(i);
                sb.append(arg instanceof Pipe ? "(" + describe(arg) + ")" : describe(arg));
            }
            return sb.toString();
        }
        return node.getClass().getSimpleName();
    }
}
