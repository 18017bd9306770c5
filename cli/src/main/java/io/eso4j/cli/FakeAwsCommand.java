package io.eso4j.cli;

import io.eso4j.testkit.FakeAws;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eso4j fake-aws}: the testkit's fake Secrets Manager and STS as a standalone server on loopback. Prints the
 * endpoint and the {@code export AWS_...} lines that point an SDK or tool at it, then serves until its
 * {@link Lifetime} ends (Ctrl-C for the command).
 */
@Command(
        name = "fake-aws",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the fake AWS Secrets Manager + Parameter Store + STS on loopback for local development, until Ctrl-C.",
            "Prints the endpoint and the environment lines to use it."
        })
final class FakeAwsCommand implements Callable<Integer> {

    /** How long the server runs once started. */
    @FunctionalInterface
    interface Lifetime {

        /** Until the JVM shuts down (Ctrl-C, SIGTERM); the server is closed by a shutdown hook. */
        Lifetime UNTIL_JVM_STOPS = server -> {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    server.close();
                                } catch (Exception e) {
                                    // Shutting down anyway; nothing is left to report it to.
                                } finally {
                                    stopped.countDown();
                                }
                            },
                            "eso4j-fake-aws-shutdown"));
            stopped.await();
        };

        /** Blocks while {@code server} (the fake) should keep serving; the command closes it afterwards. */
        void await(AutoCloseable server) throws InterruptedException;
    }

    @Option(names = "--port", defaultValue = "4566", description = "Port; 0 picks a free one. Default: 4566.")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: 127.0.0.1.")
    private String host;

    @Option(names = "--region", defaultValue = "us-east-1", description = "Region signed for. Default: us-east-1.")
    private String region;

    @Option(names = "--fixture", paramLabel = "FILE", description = "Secrets to start with (JSON, remote array).")
    private Path fixture;

    @Option(names = "--vector", paramLabel = "ID", description = "With --fixture on an array of vectors: which one.")
    private String vector;

    @Option(
            names = "--latency",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Delay before every answer: 20ms, 2s, 1m or ISO-8601 (PT0.5S). Default: none.")
    private Duration latency;

    @Option(names = "--no-signature-check", description = "Accept requests without checking SigV4 signatures.")
    private boolean noSignatureCheck;

    @Spec
    private CommandSpec spec;

    private final Lifetime lifetime;

    FakeAwsCommand(Lifetime lifetime) {
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    @Override
    public Integer call() throws InterruptedException {
        if (vector != null && fixture == null) {
            throw new Eso4j.UsageException("--vector needs --fixture");
        }
        if (fixture != null && !Files.isRegularFile(fixture)) {
            throw new Eso4j.UsageException("fixture " + fixture + " is not a file");
        }
        FakeAws.Builder builder =
                FakeAws.builder().port(port).host(host).region(region).verifySignatures(!noSignatureCheck);
        if (latency != null) {
            builder.latency(latency);
        }
        if (fixture != null) {
            if (vector == null) {
                builder.fixture(fixture);
            } else {
                builder.fixture(fixture, vector);
            }
        }
        FakeAws fake;
        try {
            fake = builder.start();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new Eso4j.UsageException(e.getMessage(), e);
        }
        try (fake) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("eso4j fake AWS (Secrets Manager + Parameter Store + STS) listening on " + fake.endpoint()
                    + (fixture == null ? "" : ", fixture " + fixture) + "; Ctrl-C to stop.");
            for (Map.Entry<String, String> env : fake.environment().entrySet()) {
                out.println("export " + env.getKey() + "=" + env.getValue());
            }
            out.flush();
            lifetime.await(fake);
        }
        return Eso4j.OK;
    }

    /** Parses {@code 20ms}, {@code 2s}, {@code 1m} or an ISO-8601 duration such as {@code PT0.5S}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

        @Override
        public Duration convert(String text) {
            String value = text.trim().toLowerCase(Locale.ROOT);
            try {
                Duration duration;
                if (value.startsWith("p")) {
                    duration = Duration.parse(text.trim());
                } else if (value.endsWith("ms")) {
                    duration = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
                } else if (value.endsWith("s")) {
                    duration = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
                } else if (value.endsWith("m")) {
                    duration = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
                } else {
                    throw new CommandLine.TypeConversionException("'" + text + "' has no unit (use ms, s or m)");
                }
                if (duration.isNegative()) {
                    throw new CommandLine.TypeConversionException("'" + text + "' is negative");
                }
                return duration;
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + text + "' is not a duration (use e.g. 20ms, 2s or PT0.5S)");
            }
        }
    }
}
