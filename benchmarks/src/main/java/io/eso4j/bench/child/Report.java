package io.eso4j.bench.child;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A child's one-line report to the harness on standard output. Thread-safe (one flush per line). */
final class Report {

    private static final PrintStream OUT =
            new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);

    private Report() {}

    static void line(String line) {
        OUT.println(line);
    }
}
