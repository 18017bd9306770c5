package io.eso4j.mapping.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a parsed template against one data context with Go {@code text/template} semantics and
 * {@code missingkey=error}. Not thread-safe; one instance per execution.
 */
final class Executor {

    /** Bound on evaluation steps, so a template cannot loop for hours over large ranges. */
    static final long MAX_STEPS = 1_000_000L;

    /** Bound on one intermediate value (a function's string result), in characters: 16 MiB. */
    static final int MAX_VALUE_CHARS = Sprig.MAX_STRING;

    /** Characters (or list elements) of produced values that cost one execution step. */
    static final int CHARS_PER_STEP = 256;

    /** Bound on rendered characters. */
    static final int MAX_OUTPUT = 64 * 1024 * 1024;

    /** An execution failure located at a node; the message names the node and never a data value. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int pos;
        final String node;

        Failure(int pos, String node, String message) {
            super(message, null, false, false);
            this.pos = pos;
            this.node = node;
        }
    }

    private static final Object MISSING = new Object();

    /** Bound on nested {@code {{template}}} calls (Go's is 100,000; recursion is what this stops). */
    static final int MAX_TEMPLATE_DEPTH = 100;

    /** {@code {{break}}} / {@code {{continue}}} unwinding to the enclosing range iteration. */
    private static final class LoopSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean isBreak;

        LoopSignal(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    private static final LoopSignal BREAK = new LoopSignal(true);
    private static final LoopSignal CONTINUE = new LoopSignal(false);

    private Map<String, List<Node>> defines = Map.of();
    private int templateDepth;

    private final StringBuilder out = new StringBuilder();
    private final List<String> varNames = new ArrayList<>();
    private final List<Object> varValues = new ArrayList<>();
    private final Set<String> literals;
    private long steps;

    private Executor(Set<String> literals) {
        this.literals = literals;
    }

    static String run(List<Node> nodes, Map<String, List<Node>> defines, GoMap data, Set<String> literals) {
        Executor executor = new Executor(literals);
        executor.defines = defines;
        executor.push("$", data);
        executor.walk(data, nodes);
        return executor.out.toString();
    }

    private void step(Node node) {
        if (++steps > MAX_STEPS) {
            throw new Failure(
                    node.pos(), Node.describe(node), "execution exceeds eso4j's limit of " + MAX_STEPS + " steps");
        }
        if (out.length() > MAX_OUTPUT) {
            throw new Failure(
                    node.pos(), Node.describe(node), "output exceeds eso4j's limit of " + MAX_OUTPUT + " characters");
        }
    }

    private void push(String name, Object value) {
        varNames.add(name);
        varValues.add(value);
    }

    private int mark() {
        return varNames.size();
    }

    private void pop(int mark) {
        while (varNames.size() > mark) {
            varNames.remove(varNames.size() - 1);
            varValues.remove(varValues.size() - 1);
        }
    }

    private void setVar(String name, Object value) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                varValues.set(i, value);
                return;
            }
        }
        throw new TemplateExecException("undefined variable: " + name);
    }

    private Object getVar(String name) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                return varValues.get(i);
            }
        }
        throw new TemplateExecException("undefined variable: " + name);
    }

    private void walk(Object dot, List<Node> nodes) {
        for (Node node : nodes) {
            step(node);
            if (node instanceof Node.Text t) {
                out.append(t.text());
            } else if (node instanceof Node.Action a) {
                Object value = pipeline(dot, a.pipe());
                if (a.pipe().variables().isEmpty()) {
                    out.append(value == null ? "<no value>" : GoFormat.value(value));
                }
            } else if (node instanceof Node.Branch b) {
                int mark = mark();
                Object value = pipeline(dot, b.pipe());
                if (Functions.isTrue(value)) {
                    walk(b.isWith() ? value : dot, b.list());
                } else {
                    walk(dot, b.elseList());
                }
                pop(mark);
            } else if (node instanceof Node.Range r) {
                range(dot, r);
            } else if (node instanceof Node.Break) {
                throw BREAK;
            } else if (node instanceof Node.Continue) {
                throw CONTINUE;
            } else if (node instanceof Node.Template t) {
                template(dot, t);
            }
        }
    }

    private void template(Object dot, Node.Template t) {
        List<Node> body = defines.get(t.name());
        if (body == null) {
            throw new Failure(
                    t.pos(), "{{template \"" + t.name() + "\"}}", "template \"" + t.name() + "\" not defined");
        }
        Object newDot = null;
        int mark = mark();
        if (t.pipe() != null) {
            newDot = pipeline(dot, t.pipe());
        }
        if (++templateDepth > MAX_TEMPLATE_DEPTH) {
            throw new Failure(
                    t.pos(),
                    "{{template \"" + t.name() + "\"}}",
                    "exceeded maximum template depth (" + MAX_TEMPLATE_DEPTH + ")");
        }
        push("$", newDot);
        try {
            walk(newDot, body);
        } finally {
            templateDepth--;
            pop(mark);
        }
    }

    private void range(Object dot, Node.Range r) {
        int outer = mark();
        Object value = pipeline(dot, r.pipe());
        int mark = mark();
        boolean iterated = false;
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                iterated = true;
                if (!iteration(r, (long) i, list.get(i), mark)) {
                    break;
                }
            }
        } else if (value instanceof GoMap m) {
            for (Map.Entry<String, Object> e : m.entries().entrySet()) {
                iterated = true;
                if (!iteration(r, e.getKey(), e.getValue(), mark)) {
                    break;
                }
            }
        } else if (value instanceof Long n) {
            if (r.pipe().variables().size() > 1) {
                throw new Failure(
                        r.pos(),
                        Node.describe(r.pipe()),
                        "can't use an integer to iterate over more than one variable");
            }
            for (long i = 0; i < n; i++) {
                iterated = true;
                if (!iteration(r, i, i, mark)) {
                    break;
                }
            }
        } else if (value != null) {
            throw new Failure(
                    r.pos(),
                    Node.describe(r.pipe()),
                    "range can't iterate over value of type " + GoFormat.typeName(value));
        }
        if (!iterated) {
            walk(dot, r.elseList());
        }
        pop(outer);
    }

    /** One range iteration; false when {@code {{break}}} ends the loop. */
    private boolean iteration(Node.Range r, Object key, Object element, int mark) {
        try {
            body(r, key, element, mark);
            return true;
        } catch (LoopSignal signal) {
            pop(mark);
            return !signal.isBreak;
        }
    }

    private void body(Node.Range r, Object key, Object element, int mark) {
        step(r);
        List<String> vars = r.pipe().variables();
        if (vars.size() == 1) {
            setVar(vars.get(0), element);
        } else if (vars.size() == 2) {
            setVar(vars.get(0), key);
            setVar(vars.get(1), element);
        }
        walk(element, r.list());
        pop(mark);
    }

    private Object pipeline(Object dot, Node.Pipe pipe) {
        Object value = MISSING;
        for (Node.Command command : pipe.commands()) {
            value = command(dot, command, value);
        }
        for (String name : pipe.variables()) {
            if (pipe.isAssign()) {
                setVar(name, value);
            } else {
                push(name, value);
            }
        }
        return value;
    }

    private Object command(Object dot, Node.Command command, Object last) {
        Node head = command.args().get(0);
        step(head);
        try {
            if (head instanceof Node.Identifier id) {
                return call(dot, id, command.args().subList(1, command.args().size()), last);
            }
            return operand(dot, head);
        } catch (TemplateExecException e) {
            throw new Failure(head.pos(), Node.describe(command), e.getMessage());
        }
    }

    /** The value of an operand that is not a function call with arguments. */
    private Object operand(Object dot, Node node) {
        if (node instanceof Node.Dot) {
            return dot;
        } else if (node instanceof Node.Field f) {
            return fields(dot, f.names());
        } else if (node instanceof Node.Variable v) {
            return fields(getVar(v.name()), v.fields());
        } else if (node instanceof Node.Chain c) {
            return fields(operand(dot, c.node()), c.fields());
        } else if (node instanceof Node.Identifier id) {
            return call(dot, id, List.of(), MISSING);
        } else if (node instanceof Node.Pipe p) {
            return pipeline(dot, p);
        } else if (node instanceof Node.StringLiteral s) {
            return s.value();
        } else if (node instanceof Node.NumberLiteral n) {
            return n.isInt() ? (Object) n.intValue() : (Object) n.floatValue();
        } else if (node instanceof Node.BoolLiteral b) {
            return b.value();
        } else if (node instanceof Node.Nil) {
            throw new TemplateExecException("nil is not a command");
        }
        throw new TemplateExecException("can't evaluate " + Node.describe(node));
    }

    private static Object fields(Object receiver, List<String> names) {
        Object value = receiver;
        for (String name : names) {
            if (value instanceof GoMap m) {
                if (!m.entries().containsKey(name)) {
                    throw new TemplateExecException("map has no entry for key \"" + name + "\"");
                }
                value = m.entries().get(name);
            } else if (value instanceof Semver.Version v) {
                value = v.field(name);
            } else if (value instanceof GoMap || value == null) {
                throw new TemplateExecException("nil pointer evaluating interface {}." + name);
            } else {
                throw new TemplateExecException(
                        "can't evaluate field " + name + " in type " + GoFormat.typeName(value));
            }
        }
        return value;
    }

    private Object call(Object dot, Node.Identifier id, List<Node> args, Object last) {
        Functions.Fn fn = Functions.lookup(id.name());
        int count = args.size() + (last == MISSING ? 0 : 1);
        int fixed = fn.params().size();
        if (fn.variadic() == null ? count != fixed : count < fixed) {
            throw new TemplateExecException("wrong number of args for " + fn.name() + ": want "
                    + (fn.variadic() == null ? "" : "at least ") + fixed + " got " + count);
        }
        if (fn.name().equals("and") || fn.name().equals("or")) {
            return andOr(dot, fn.name().equals("and"), args, last);
        }
        if (fn.name().equals("call")) {
            // Template data holds no Go functions, so call always reports what Go reports for a non-function.
            Object target = args.isEmpty() ? last : argument(dot, Functions.Param.VALUE, args.get(0));
            if (target == null) {
                throw new TemplateExecException("error calling call: call of nil");
            }
            String name = args.isEmpty() ? "" : Node.describe(args.get(0));
            throw new TemplateExecException(
                    "error calling call: non-function " + name + " of type " + GoFormat.typeName(target));
        }
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Functions.Param param = i < fixed ? fn.params().get(i) : fn.variadic();
            values.add(i < args.size() ? argument(dot, param, args.get(i)) : validate(last, param));
        }
        long inputChars = 0;
        for (Object v : values) {
            if (v instanceof String str) {
                inputChars += str.length();
            }
        }
        if (inputChars > MAX_VALUE_CHARS * 4L) {
            throw new TemplateExecException("error calling " + fn.name() + ": arguments exceed eso4j's limit of "
                    + MAX_VALUE_CHARS * 4L + " characters");
        }
        try {
            Object result = fn.impl().apply(values);
            charge(result, fn.name());
            return result;
        } catch (TemplateExecException e) {
            throw new TemplateExecException("error calling " + fn.name() + ": " + e.getMessage());
        } catch (Functions.FailException e) {
            String message = literals.contains(e.getMessage())
                    ? e.getMessage()
                    : "(message withheld by eso4j: it is not a template constant and may contain secret data)";
            throw new TemplateExecException("error calling " + fn.name() + ": " + message);
        }
    }

    /**
     * Bounds intermediate values (issue: doubling a variable, {@code indent} or {@code replace} with huge arguments
     * must fail cleanly, not exhaust the heap): a function result over {@link #MAX_VALUE_CHARS} is an error, and
     * producing large values costs execution steps (one per {@link #CHARS_PER_STEP} characters or list elements), so
     * the total work of a template stays bounded too.
     */
    private void charge(Object result, String function) {
        long size = 0;
        if (result instanceof String str) {
            size = str.length();
            if (size > MAX_VALUE_CHARS) {
                throw new TemplateExecException(
                        "result of " + function + " exceeds eso4j's limit of " + MAX_VALUE_CHARS + " characters");
            }
        } else if (result instanceof List<?> list) {
            size = list.size();
        } else if (result instanceof GoMap map) {
            size = map.entries().size();
        }
        steps += size / CHARS_PER_STEP;
        if (steps > MAX_STEPS) {
            throw new TemplateExecException("execution exceeds eso4j's limit of " + MAX_STEPS
                    + " steps (large intermediate values count " + CHARS_PER_STEP + " characters a step)");
        }
    }

    private Object andOr(Object dot, boolean isAnd, List<Node> args, Object last) {
        Object value = null;
        int count = args.size() + (last == MISSING ? 0 : 1);
        for (int i = 0; i < count; i++) {
            value = i < args.size() ? argument(dot, Functions.Param.VALUE, args.get(i)) : last;
            if (Functions.isTrue(value) != isAnd) {
                return value;
            }
        }
        return value;
    }

    private Object argument(Object dot, Functions.Param param, Node node) {
        if (node instanceof Node.Nil) {
            if (param == Functions.Param.ANY || param == Functions.Param.MAP) {
                return null;
            }
            throw new TemplateExecException("cannot assign nil to " + param.goName);
        }
        boolean literal = node instanceof Node.StringLiteral
                || node instanceof Node.NumberLiteral
                || node instanceof Node.BoolLiteral;
        if (literal) {
            switch (param) {
                case STRING -> {
                    if (node instanceof Node.StringLiteral s) {
                        return s.value();
                    }
                    throw new TemplateExecException("expected string; found " + Node.describe(node));
                }
                case INT -> {
                    if (node instanceof Node.NumberLiteral n && n.isInt()) {
                        return n.intValue();
                    }
                    throw new TemplateExecException("expected integer; found " + Node.describe(node));
                }
                case BOOL -> {
                    if (node instanceof Node.BoolLiteral b) {
                        return b.value();
                    }
                    throw new TemplateExecException("expected bool; found " + Node.describe(node));
                }
                case MAP, TIME ->
                    throw new TemplateExecException(
                            "can't handle " + Node.describe(node) + " for arg of type " + param.goName);
                default -> {
                    return operand(dot, node);
                }
            }
        }
        return validate(operand(dot, node), param);
    }

    private static Object validate(Object value, Functions.Param param) {
        boolean ok = switch (param) {
            case ANY, VALUE -> true;
            case STRING -> value instanceof String;
            case INT -> value instanceof Long;
            case MAP -> value instanceof GoMap m && !m.stringValued();
            case BOOL -> value instanceof Boolean;
            case TIME -> value instanceof GoTime;
        };
        if (!ok) {
            throw new TemplateExecException("wrong type for value; expected " + param.goName + "; got "
                    + (value == null ? "interface {}" : GoFormat.typeName(value)));
        }
        return value;
    }
}
