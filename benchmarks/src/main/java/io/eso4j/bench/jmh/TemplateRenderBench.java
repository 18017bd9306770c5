package io.eso4j.bench.jmh;

import io.eso4j.mapping.template.GoTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rendering a typical TLS template: {@code tls.crt} and {@code tls.key} split out of one PEM bundle with
 * {@code filterPEM} (a leaf, an intermediate and a root certificate plus a private key, ESO's own test chain), as
 * ESO's AWS Certificate Manager examples do. The template is parsed once (eso4j caches parsed templates), so this
 * measures execution. Run: {@code java -jar benchmarks/target/benchmarks.jar jmh TemplateRenderBench} or JMH's
 * {@code -f 1 -wi 3 -i 5}. Public because JMH's generated code extends it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TemplateRenderBench {

    private GoTemplate crt;
    private GoTemplate key;
    private GoTemplate plain;
    private Map<String, String> data;

    /** Builds the bundle and parses the templates. */
    @Setup
    public void setUp() throws IOException {
        String bundle = read("leaf.crt") + read("intermediate.crt") + read("root.crt") + read("leaf.key");
        data = Map.of("bundle", bundle);
        crt = GoTemplate.parse("{{ .bundle | filterPEM \"CERTIFICATE\" }}");
        key = GoTemplate.parse("{{ .bundle | filterPEM \"EC PRIVATE KEY\" }}");
        plain = GoTemplate.parse("{{ .bundle | b64enc | b64dec }}");
    }

    private static String read(String name) throws IOException {
        try (InputStream in = TemplateRenderBench.class.getResourceAsStream("/tls-bench/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code tls.crt} and {@code tls.key}: filterPEM twice over the bundle. */
    @Benchmark
    public int filterPemTwice() {
        return crt.execute(data).length() + key.execute(data).length();
    }

    /** A base-function pipeline over the same bundle, for scale. */
    @Benchmark
    public int b64RoundTrip() {
        return plain.execute(data).length();
    }
}
