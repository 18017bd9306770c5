package io.eso4j.examples.migration;

import io.eso4j.testkit.FakeAws;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the fake AWS seeded from {@code examples/fixtures/db-credentials.json}, then the application once per
 * profile against it, and reports each run's {@code @Value}s (masked) and the AWS calls it made.
 *
 * <p>Not thread-safe; the runs are sequential.
 */
public final class SideBySide {

    /** The profiles, before and after. */
    static final List<String> PROFILES = List.of("spring-cloud-aws", "eso4j");

    /** The Secrets Manager operations counted. */
    static final List<String> OPERATIONS =
            List.of("GetSecretValue", "BatchGetSecretValue", "DescribeSecret", "ListSecrets");

    /** The example keys in both profiles' YAML; only this fake accepts them. */
    static final String ACCESS_KEY_ID = "AKIAEXAMPLEESO4JDEMO";

    static final String SECRET_ACCESS_KEY = "example-secret-access-key-for-the-fake-aws";

    /** One run: the profile, the {@code @Value}s it got (secret: compare, never print) and its AWS calls. */
    record Run(String profile, Map<String, String> values, Map<String, Integer> calls) {

        @Override
        public String toString() {
            return "Run[" + profile + ", keys " + values.keySet() + ", values redacted, calls " + calls + "]";
        }
    }

    private SideBySide() {}

    /** Runs both profiles and prints the comparison. */
    public static void main(String[] args) {
        try (FakeAws aws = startFake()) {
            compare(aws, System.out);
        }
    }

    /** The fake AWS with the fixture, accepting the example keys of the profiles' YAML. */
    static FakeAws startFake() {
        return FakeAws.builder()
                .defaultCredentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .fixtureJson(fixture())
                .start();
    }

    /** Runs every profile against {@code aws}, printing each run and whether the values agree. */
    static List<Run> compare(FakeAws aws, PrintStream out) {
        out.println("fake AWS Secrets Manager on " + aws.endpoint());
        List<Run> runs = PROFILES.stream().map(profile -> run(aws, profile)).toList();
        for (Run run : runs) {
            Map<String, String> masked = new TreeMap<>();
            run.values().forEach((key, value) -> masked.put(key, mask(value)));
            out.println(run.profile() + ": @Value " + masked);
            out.println(run.profile() + ": AWS calls " + run.calls());
        }
        boolean same = runs.stream().map(Run::values).distinct().count() == 1;
        out.println("same @Value values: " + same);
        return runs;
    }

    /** Starts the application with {@code profile} against {@code aws}, reads its values and calls, closes it. */
    static Run run(FakeAws aws, String profile) {
        aws.clearRequests();
        SpringApplication application = new SpringApplication(MigrationApplication.class);
        application.setAdditionalProfiles(profile);
        // The only thing not in the YAML: where the fake listens (both libraries' endpoint settings).
        application.setDefaultProperties(Map.of(
                "spring.cloud.aws.secretsmanager.endpoint", aws.endpoint().toString(),
                "eso4j.endpoint", aws.endpoint().toString()));
        Map<String, String> values;
        try (ConfigurableApplicationContext context = application.run()) {
            values = context.getBean(DatabaseSettings.class).values();
        }
        Map<String, Integer> calls = new TreeMap<>();
        for (String operation : OPERATIONS) {
            if (aws.calls(operation) > 0) {
                calls.put(operation, aws.calls(operation));
            }
        }
        return new Run(profile, values, calls);
    }

    /** Stars and the length: tells a rotation apart in the demo without showing any character of the value. */
    static String mask(String value) {
        return "******** (" + value.length() + " chars)";
    }

    private static String fixture() {
        try (InputStream in = SideBySide.class.getResourceAsStream("/fixtures/db-credentials.json")) {
            if (in == null) {
                throw new IllegalStateException("fixtures/db-credentials.json is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixtures/db-credentials.json", e);
        }
    }
}
