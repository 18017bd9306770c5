package io.eso4j.testkit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link FakeAws} as a standalone server until Ctrl-C, for manual testing and for processes in other
 * languages. Prints the endpoint and the environment lines that point an AWS SDK at it.
 *
 * <pre>
 * FakeAwsServerMain [--port 4566] [--host 127.0.0.1] [--region us-east-1] [--fixture file.json [--vector id]]
 *                   [--latency 20ms] [--no-signature-check]
 * </pre>
 */
public final class FakeAwsServerMain {

    private FakeAwsServerMain() {}

    /** Starts the server and blocks until the JVM is stopped. */
    public static void main(String[] args) throws InterruptedException {
        FakeAws fake;
        try {
            fake = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            fake.close();
                            stopped.countDown();
                        },
                        "eso4j-fake-aws-shutdown"));
        stopped.await();
    }

    /** Parses the arguments, starts the fake and prints how to use it; the caller closes it. */
    static FakeAws start(String[] args, PrintStream out) {
        FakeAws.Builder builder = FakeAws.builder().port(4566);
        Path fixture = null;
        String vector = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port":
                    builder.port(Integer.parseInt(value(args, ++i, arg)));
                    break;
                case "--host":
                    builder.host(value(args, ++i, arg));
                    break;
                case "--region":
                    builder.region(value(args, ++i, arg));
                    break;
                case "--fixture":
                    fixture = Path.of(value(args, ++i, arg));
                    break;
                case "--vector":
                    vector = value(args, ++i, arg);
                    break;
                case "--latency":
                    builder.latency(parseDuration(value(args, ++i, arg)));
                    break;
                case "--no-signature-check":
                    builder.verifySignatures(false);
                    break;
                case "--help":
                case "-h":
                    throw new IllegalArgumentException("usage requested");
                default:
                    throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (vector != null && fixture == null) {
            throw new IllegalArgumentException("--vector needs --fixture");
        }
        if (fixture != null) {
            if (vector == null) {
                builder.fixture(fixture);
            } else {
                builder.fixture(fixture, vector);
            }
        }
        FakeAws fake = builder.start();
        out.println("eso4j fake AWS (Secrets Manager + Parameter Store + STS) listening on " + fake.endpoint()
                + (fixture == null ? "" : ", fixture " + fixture) + "; Ctrl-C to stop.");
        for (Map.Entry<String, String> env : fake.environment().entrySet()) {
            out.println("export " + env.getKey() + "=" + env.getValue());
        }
        out.flush();
        return fake;
    }

    /** Parses {@code 20ms}, {@code 2s}, {@code 1m} or an ISO-8601 duration such as {@code PT0.5S}. */
    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(text.trim());
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            throw new IllegalArgumentException("no unit");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: " + text + " (use e.g. 20ms, 2s or PT0.5S)");
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    static String usage() {
        return "usage: FakeAwsServerMain [--port 4566] [--host 127.0.0.1] [--region us-east-1]"
                + " [--fixture file.json [--vector id]] [--latency 20ms] [--no-signature-check]";
    }
}
