package io.eso4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of one harness run with the facts needed to read them (machine, JVM, date, each peer's configuration),
 * written as {@code latest.md} (a table) and {@code latest.json}. Not thread-safe: scenarios add rows one after
 * another.
 */
final class Results {

    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> peers = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void environment(String key, String value) {
        environment.put(key, value);
    }

    void peer(String name, String configuration) {
        peers.put(name, configuration);
    }

    void add(Row row) {
        rows.add(row);
    }

    void note(String note) {
        notes.add(note);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Writes {@code latest.md} and {@code latest.json} into {@code directory}, creating it if needed. */
    void write(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("latest.md"), markdown(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("latest.json"), json(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + directory, e);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# eso4j benchmarks: latest results\n\n");
        md.append("Every number below was measured in one run of `benchmarks/run.sh` against the testkit's fake AWS on")
                .append(
                        " loopback. Ratios are eso4j ÷ peer from the same run (below 1 means eso4j is faster or cheaper).")
                .append(" Rows marked *derived* are computed from documented call patterns, not measured.\n\n");
        md.append("## Run\n\n| | |\n|---|---|\n");
        environment.forEach((k, v) ->
                md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
        md.append("\n## Peers and their configuration\n\n| peer | configuration |\n|---|---|\n");
        peers.forEach((k, v) ->
                md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
        md.append("\n## Results\n\n")
                .append(
                        "| scenario | subject | unit | eso4j | peer | peer value | eso4j ÷ peer | target | verdict | note |\n")
                .append("|---|---|---|---:|---|---:|---:|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ")
                    .append(cell(row.scenario()))
                    .append(" | ")
                    .append(cell(row.subject()))
                    .append(" | ")
                    .append(row.unit())
                    .append(" | ")
                    .append(number(row.eso4j()))
                    .append(" | ")
                    .append(cell(row.peer()))
                    .append(" | ")
                    .append(number(row.peerValue()))
                    .append(" | ")
                    .append(ratio(row.ratio()))
                    .append(" | ")
                    .append(cell(row.target()))
                    .append(" | ")
                    .append(cell(row.verdict()))
                    .append(" | ")
                    .append(cell(row.note()))
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode env = root.putObject("environment");
        environment.forEach(env::put);
        ObjectNode peerNode = root.putObject("peers");
        peers.forEach(peerNode::put);
        ArrayNode rowNodes = root.putArray("rows");
        for (Row row : rows) {
            ObjectNode node = rowNodes.addObject();
            node.put("scenario", row.scenario());
            node.put("subject", row.subject());
            node.put("unit", row.unit());
            putNumber(node, "eso4j", row.eso4j());
            node.put("peer", row.peer());
            putNumber(node, "peerValue", row.peerValue());
            putNumber(node, "ratio", row.ratio());
            node.put("target", row.target());
            node.put("verdict", row.verdict());
            node.put("note", row.note());
        }
        ArrayNode noteNodes = root.putArray("notes");
        notes.forEach(noteNodes::add);
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double abs = Math.abs(value);
        if (abs == Math.rint(abs) && abs < 1e9) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    static String ratio(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (value < 1 && value > 0) {
            return String.format(Locale.ROOT, "%.3g (1/%.1f)", value, 1 / value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
