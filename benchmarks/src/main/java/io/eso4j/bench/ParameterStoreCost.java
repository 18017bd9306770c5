package io.eso4j.bench;

import io.awspring.cloud.parameterstore.ParameterStorePropertySource;
import io.eso4j.AwsClients;
import io.eso4j.ExternalSecrets;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Scenario 7: Parameter Store (issue 13). N = 200 SecureString parameters {@code /bench/app/p<i>}, read by one
 * ExternalSecret per parameter ({@code data[].remoteRef.key}); start-up (median wall time and AWS calls) and AWS
 * calls per refresh cycle of unchanged parameters, next to a plain SDK loop (one {@code GetParameter} per
 * parameter), Spring Cloud AWS 4.1's {@code ParameterStorePropertySource} on {@code /bench/app/}
 * ({@code GetParametersByPath}, recursive, decrypted; a reload is {@code copy()} + {@code init()}) and ESO's
 * derived pattern (one {@code GetParameter} per key per reconcile). All against the testkit's fake with the run's
 * latency; the calls are the fake's counts. Not thread-safe.
 */
final class ParameterStoreCost {

    private static final String SCENARIO = "7 Parameter Store";
    private static final String PATH = "/bench/app/";

    private final Options options;
    private final Results results;

    ParameterStoreCost(Options options, Results results) {
        this.options = options;
        this.results = results;
    }

    void run() {
        results.peer(
                "plain SDK loop (Parameter Store)",
                "SsmClient (UrlConnectionHttpClient, default retries); sequential GetParameter(WithDecryption) per"
                        + " parameter");
        results.peer(
                "Spring Cloud AWS parameter store 4.1.0",
                "spring-cloud-aws-starter-parameter-store 4.1.0: ParameterStorePropertySource(\"" + PATH
                        + "\", client).init() (what aws-parameterstore:" + PATH + " runs); reload = copy()+init()");
        results.peer(
                "eso4j core (Parameter Store)",
                "one ExternalSecret per parameter (data[].remoteRef.key) on a service: ParameterStore store,"
                        + " awsClients(AwsClients.parameterStore(..)) with the shared client, builder defaults");
        int n = 200;
        int reps = options.quick() ? 3 : 9;
        int cycles = options.quick() ? 3 : 10;
        try (FakeAws fake = FakeAws.builder().start();
                SsmClient client = SsmClient.builder()
                        .endpointOverride(fake.endpoint())
                        .region(fake.region())
                        .credentialsProvider(fake.credentialsProvider())
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            for (int i = 0; i < n; i++) {
                fake.parameters().putSecureString(PATH + "p" + i, "bench-value-" + i);
            }
            fake.latency(Duration.ofMillis(options.latencyMillis()));
            Manifests manifests = manifests(n);

            // start-up
            int before = fake.totalCalls();
            double eso4jMs =
                    Timing.medianMillis(1, reps, () -> eso4j(client, manifests).close());
            double eso4jCalls = (fake.totalCalls() - before) / (double) (reps + 1);
            int parallel = fake.calls("GetParameters");
            before = fake.totalCalls();
            double loopMs = Timing.medianMillis(1, reps, () -> plainLoop(client, n));
            double loopCalls = (fake.totalCalls() - before) / (double) (reps + 1);
            before = fake.totalCalls();
            double scaMs = Timing.medianMillis(1, reps, () -> springCloudAws(client));
            double scaCalls = (fake.totalCalls() - before) / (double) (reps + 1);
            String subject = "N=" + n + ", " + options.latencyMillis() + " ms";
            results.add(new Row(
                    SCENARIO,
                    subject + ", start-up",
                    "ms",
                    eso4jMs,
                    "plain SDK loop (GetParameter each)",
                    loopMs,
                    "",
                    "",
                    "median of " + reps + "; calls per start-up: eso4j " + fmt(eso4jCalls) + " (GetParameters of 10,"
                            + " in parallel, fetchConcurrency 8), loop " + fmt(loopCalls)));
            results.add(new Row(
                    SCENARIO,
                    subject + ", start-up",
                    "ms",
                    eso4jMs,
                    "Spring Cloud AWS parameter store",
                    scaMs,
                    "",
                    "",
                    "median of " + reps + "; calls: Spring Cloud AWS " + fmt(scaCalls)
                            + " GetParametersByPath pages (10 per page, one after another)"));
            results.add(new Row(
                    SCENARIO,
                    subject + ", start-up",
                    "calls",
                    eso4jCalls,
                    "ESO (derived)",
                    n,
                    "⌈N/10⌉ = " + (n + 9) / 10,
                    eso4jCalls <= (n + 9) / 10.0 ? "met" : "missed",
                    "eso4j measured (" + parallel + " GetParameters in all " + (reps + 1) + " start-ups); ESO: one"
                            + " GetParameter per key"));

            // refresh of unchanged parameters
            fake.latency(Duration.ZERO);
            double eso4jRefresh;
            try (ExternalSecrets secrets = eso4j(client, manifests)) {
                before = fake.totalCalls();
                for (int c = 0; c < cycles; c++) {
                    secrets.refreshNow().join();
                }
                eso4jRefresh = (fake.totalCalls() - before) / (double) cycles;
            }
            ParameterStorePropertySource source = new ParameterStorePropertySource(PATH, client);
            source.init();
            before = fake.totalCalls();
            for (int c = 0; c < cycles; c++) {
                ParameterStorePropertySource copy = source.copy();
                copy.init();
                source = copy;
            }
            double scaRefresh = (fake.totalCalls() - before) / (double) cycles;
            String refreshSubject = "N=" + n + ", refresh cycle, no changes";
            results.add(new Row(
                    SCENARIO,
                    refreshSubject,
                    "calls",
                    eso4jRefresh,
                    "ESO (derived)",
                    n,
                    "≤ ⌈N/10⌉ = " + (n + 9) / 10,
                    eso4jRefresh <= (n + 9) / 10.0 ? "met" : "missed",
                    "eso4j measured over " + cycles + " refreshNow() cycles (GetParameters, version numbers"
                            + " compared, nothing re-published); ESO: " + n + " GetParameter per reconcile"));
            results.add(new Row(
                    SCENARIO,
                    refreshSubject,
                    "calls",
                    eso4jRefresh,
                    "plain SDK loop (GetParameter each)",
                    n,
                    "",
                    "",
                    "a loop re-reads every parameter"));
            results.add(new Row(
                    SCENARIO,
                    refreshSubject,
                    "calls",
                    eso4jRefresh,
                    "Spring Cloud AWS parameter store reload",
                    scaRefresh,
                    "",
                    "",
                    "peer measured: its reload's copy()+init() per period (GetParametersByPath pages); it then"
                            + " re-binds everything, changed or not"));
        }
    }

    private static Manifests manifests(int n) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: ssm}
                spec: {provider: {aws: {service: ParameterStore, region: us-east-1}}}
                """);
        for (int i = 0; i < n; i++) {
            yaml.append("""
                    ---
                    apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata: {name: p%d}
                    spec:
                      refreshInterval: 1h
                      secretStoreRef: {name: ssm}
                      data: [{secretKey: value, remoteRef: {key: %sp%d}}]
                    """.formatted(i, PATH, i));
        }
        return Manifests.parse("parameterstore-bench.yaml", yaml.toString());
    }

    private static ExternalSecrets eso4j(SsmClient client, Manifests manifests) {
        return ExternalSecrets.builder()
                .manifests(manifests)
                .awsClients(AwsClients.parameterStore(store -> client))
                .build();
    }

    private static Map<String, String> plainLoop(SsmClient client, int n) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = PATH + "p" + i;
            values.put(
                    name,
                    client.getParameter(r -> r.name(name).withDecryption(true))
                            .parameter()
                            .value());
        }
        return values;
    }

    private static void springCloudAws(SsmClient client) {
        ParameterStorePropertySource source = new ParameterStorePropertySource(PATH, client);
        source.init();
        if (source.getPropertyNames().length == 0) {
            throw new IllegalStateException("Spring Cloud AWS read no parameter");
        }
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.1f", value);
    }
}
