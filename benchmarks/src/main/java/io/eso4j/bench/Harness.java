package io.eso4j.bench;

import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Runs every scenario of issue 8 and writes {@code latest.md} and {@code latest.json}; see {@code
 * benchmarks/README.md}. Run by {@code benchmarks/run.sh}, not by the build.
 */
public final class Harness {

    private Harness() {}

    /**
     * Runs the scenarios {@link Options#parse chosen on the command line}.
     *
     * @param args {@code [--quick] [--latency=MS] [--out=DIR] [--only=SCENARIO,...]}; scenarios: loading, refresh,
     *     parameterstore, jmh, faults, fleet, memory, cold,
     *     boot
     */
    public static void main(String[] args) throws Exception {
        // The JDK HttpServer behind the fake leaves Nagle on; with the SDK's two-write requests every call then waits
        // for a delayed ACK (~40 ms on Linux) on top of the injected latency. Must be set before any server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Options options = Options.parse(args);
        Results results = new Results();
        describe(options, results);
        long start = System.nanoTime();
        if (options.runs("loading")) {
            progress("loading phase");
            new LoadingPhase(options, results).run();
        }
        if (options.runs("refresh")) {
            progress("calls per refresh cycle");
            new RefreshCost(options, results).run();
        }
        if (options.runs("parameterstore")) {
            progress("Parameter Store");
            new ParameterStoreCost(options, results).run();
        }
        if (options.runs("jmh")) {
            progress("read path (JMH)");
            new ReadPath(options, results).run();
            new ReadPath(options, results).environmentReads();
        }
        if (options.runs("faults")) {
            progress("faults");
            new Faults(options, results).run();
        }
        if (options.runs("fleet")) {
            progress("fleet (K instances under the account's quotas)");
            new Fleet(options, results).run();
        }
        if (options.runs("memory")) {
            progress("memory");
            new ChildScenarios(options, results).memory();
        }
        if (options.runs("cold")) {
            progress("cold start");
            new ChildScenarios(options, results).coldStart();
        }
        if (options.runs("boot")) {
            progress("Boot start-up");
            new ChildScenarios(options, results).bootStartup();
        }
        results.environment("harness wall time", String.format("%.0f s", (System.nanoTime() - start) / 1e9));
        results.environment("load average at end", loadAverage());
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load > Runtime.getRuntime().availableProcessors()) {
            results.note("The machine was loaded during this run (load average above its CPU count; other builds share"
                    + " it): absolute times are inflated and noisy, read the ratios, which compare peers measured"
                    + " back to back in the same run.");
        }
        results.write(options.out());
        progress("wrote " + options.out().resolve("latest.md"));
    }

    private static void describe(Options options, Results results) {
        results.environment("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        results.environment("mode", options.quick() ? "--quick" : "full");
        results.environment(
                "machine",
                System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                        + Runtime.getRuntime().availableProcessors() + " CPUs, max heap "
                        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        results.environment(
                "JVM",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vendor") + ")");
        results.environment("load average at start", loadAverage());
        results.environment(
                "fake AWS",
                "eso4j-testkit FakeAws on 127.0.0.1, " + options.latencyMillis()
                        + " ms injected per request (server side), SigV4 checked, 8 handler threads");
        results.environment("AWS SDK", "2.57.8, url-connection-client for every peer (same client builder)");
        results.peer(
                Peers.PLAIN,
                "SecretsManagerClient (SDK 2.57.8, UrlConnectionHttpClient, default retries); sequential"
                        + " GetSecretValue per id, as a user writes it by hand");
        results.peer(
                Peers.SPRING_CLOUD_AWS,
                "spring-cloud-aws-starter-secrets-manager 4.1.0 on Spring Boot 4.0.7, jackson-databind 2.23.0;"
                        + " spring.config.import=aws-secretsmanager:id1;id2;…; loading phase = its"
                        + " SecretsManagerPropertySource.init() per id in import order (what"
                        + " SecretsManagerConfigDataLoader runs); reload = reload.period 1m (code default); 3b = the"
                        + " property sources its config-data loader puts into a started app's environment");
        results.peer(
                Peers.CACHING,
                "aws-secretsmanager-caching-java 2.2.0, SecretCacheConfiguration defaults (TTL 1 h, max 1024,"
                        + " AWSCURRENT) with the shared client; CRT client excluded");
        results.peer(
                Peers.ESO4J,
                "ExternalSecrets with one ExternalSecret per secret (dataFrom.extract, refreshInterval 1m),"
                        + " builder defaults (fetchConcurrency 8, coalesceWindow 5 s, jitter 0.1), awsClients(AwsClients.secretsManager(..))"
                        + " returning the shared client");
        results.peer(
                "eso4j starter",
                "eso4j-spring-boot-starter in the same minimal Boot app as Spring Cloud AWS (scenario 1b), short form"
                        + " spring.config.import=eso:aws:id;id;… with eso4j.store.* static keys and eso4j.endpoint;"
                        + " 3b reads that started app's own Environment (jmh.EnvironmentReadBench), 5 its retained heap"
                        + " (child.StarterHeap)");
        results.peer(
                "ESO (derived)",
                "not run: ESO cannot run here. Calls modelled from eso-semantics: one GetSecretValue per distinct"
                        + " secret per reconcile, plus one STS AssumeRoleWithWebIdentity per reconcile with IRSA");
    }

    static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format("%.2f (1-minute)", load);
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
