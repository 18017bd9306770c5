package io.eso4j.bench.jmh;

import io.eso4j.spec.GoRegexp;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 20's pathological Go regexps on eso4j's RE2/J matcher ({@link GoRegexp}, which rewrite and
 * {@code find.name.regexp} run on): {@code (.*a){10}b} (exponential backtracking in {@code java.util.regex}: a
 * 60-character key hung), {@code (a|b)+$} (a stack overflow at about 2,000 characters) and a nested alternation (a
 * stack overflow on a 512-character secret name), each over an input that does not match, at 2,000 and 20,000
 * characters: time per operation growing about tenfold between the two shows linear time. Public because JMH's
 * generated code extends it.
 *
 * <p>Run: {@code ./mvnw -q -o -Pbench -pl benchmarks -am package -DskipTests} then
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main RegexpBench -f 1 -wi 1 -i 3 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RegexpBench {

    /** Which pattern: {@code dotStar}, {@code alternation} or {@code nested}. */
    @Param({"dotStar", "alternation", "nested"})
    public String pattern;

    /** Input length in characters. */
    @Param({"2000", "20000"})
    public int length;

    private GoRegexp regexp;
    private String input;

    /** Compiles the pattern and builds its non-matching input. */
    @Setup
    public void setUp() throws GoRegexp.SyntaxException {
        switch (pattern) {
            case "dotStar" -> {
                regexp = GoRegexp.compile("(.*a){10}b");
                input = "a".repeat(length);
            }
            case "alternation" -> {
                regexp = GoRegexp.compile("(a|b)+$");
                input = "ab".repeat(length / 2 - 1) + "ac";
            }
            case "nested" -> {
                regexp = GoRegexp.compile("^((a|b|(c|d|(e|f)))+/)+(x|y)+$");
                input = "abcdef/".repeat(length / 7) + "z";
            }
            default -> throw new IllegalArgumentException(pattern);
        }
    }

    /** {@code find.name.regexp}: Go's {@code MatchString}. */
    @Benchmark
    public boolean matchString() {
        return regexp.matches(input);
    }

    /** A rewrite: Go's {@code ReplaceAllString}. */
    @Benchmark
    public String replaceAllString() {
        return regexp.replaceAll(input, "x");
    }
}
