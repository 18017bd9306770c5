package io.eso4j.bench;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import io.awspring.cloud.secretsmanager.SecretsManagerPropertySource;
import io.eso4j.ExternalSecrets;
import io.eso4j.testkit.FakeAws;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Scenario 4: behaviour under faults, through a {@link FaultProxy}. (a) Loading N secrets while exactly half the
 * requests are throttled: time until all values are usable and requests sent. (b) A 5 s outage (every request 503)
 * in steady state: reads served during it, and time after it ends until each peer shows a value changed at its
 * start. Every client uses the SDK's default retry policy. Not thread-safe.
 */
final class Faults {

    private static final String SCENARIO = "4 faults";

    private final Options options;
    private final Results results;
    private final int n;

    Faults(Options options, Results results) {
        this.options = options;
        this.results = results;
        this.n = options.quick() ? 10 : 50;
    }

    void run() throws Exception {
        try (FakeAws fake = FakeAws.builder().verifySignatures(false).start();
                FaultProxy proxy = new FaultProxy(fake.endpoint());
                SecretsManagerClient client = fake.secretsManagerClientBuilder()
                        .endpointOverride(proxy.endpoint())
                        .build()) {
            Workload workload = Workload.of(n);
            workload.seed(fake);
            fake.latency(Duration.ofMillis(options.latencyMillis()));
            client.getSecretValue(r -> r.secretId(Workload.id(0)));
            throttled(proxy, client, workload);
            outage(fake, proxy, client, workload);
        }
    }

    private void throttled(FaultProxy proxy, SecretsManagerClient client, Workload workload) {
        proxy.throttleHalf(true);
        List<String> ids = workload.ids();
        Attempt eso4j = attempt(proxy, () -> {
            try (ExternalSecrets secrets = Peers.eso4j(client, workload.manifests("1h"))) {
                // Read one value so the load is complete; only the time counts (Error Prone: ReturnValueIgnored).
                String unused = secrets.get(Workload.externalSecretName(n - 1))
                        .string("password")
                        .orElseThrow();
            }
        });
        Attempt plain = attempt(proxy, () -> Peers.plainLoop(client, ids));
        Attempt sca = attempt(proxy, () -> Peers.springCloudAwsLoad(client, ids));
        Attempt caching = attempt(proxy, () -> Peers.cachingLoad(client, ids).close());
        proxy.throttleHalf(false);
        String subject = "50% throttled, load N=" + n + ", " + options.latencyMillis() + " ms";
        for (var peer : List.of(
                java.util.Map.entry(Peers.PLAIN, plain),
                java.util.Map.entry(Peers.SPRING_CLOUD_AWS, sca),
                java.util.Map.entry(Peers.CACHING, caching))) {
            results.add(new Row(
                    SCENARIO,
                    subject + ": time until all usable",
                    "ms",
                    eso4j.millis(),
                    peer.getKey(),
                    peer.getValue().millis(),
                    "",
                    "",
                    "eso4j " + eso4j.outcome() + "; peer " + peer.getValue().outcome()));
        }
        results.add(new Row(
                SCENARIO,
                subject + ": requests sent (incl. throttled)",
                "requests",
                eso4j.requests(),
                Peers.PLAIN,
                plain.requests(),
                "",
                "",
                "Spring Cloud AWS " + (long) sca.requests() + ", caching client " + (long) caching.requests()));
    }

    private record Attempt(double millis, double requests, String outcome) {}

    private static Attempt attempt(FaultProxy proxy, Runnable task) {
        long before = proxy.requests();
        long start = System.nanoTime();
        try {
            task.run();
            return new Attempt((System.nanoTime() - start) / 1e6, proxy.requests() - before, "succeeded");
        } catch (RuntimeException e) {
            return new Attempt(
                    Double.NaN,
                    proxy.requests() - before,
                    "failed: " + e.getClass().getSimpleName());
        }
    }

    private void outage(FakeAws fake, FaultProxy proxy, SecretsManagerClient client, Workload workload)
            throws InterruptedException {
        String id = Workload.id(0);
        try (ExternalSecrets secrets = Peers.eso4j(client, workload.manifests("2s"));
                SecretCache cache = new SecretCache(
                        new SecretCacheConfiguration().withClient(client).withCacheItemTTL(2_000))) {
            SecretsManagerPropertySource sca =
                    Peers.springCloudAwsLoad(client, List.of(id)).get(0);
            cache.getSecretString(id);
            String es = Workload.externalSecretName(0);
            List<Reader> readers = List.of(
                    new Reader(
                            "eso4j core (refreshInterval 2s)",
                            () -> secrets.get(es).string("revision").orElseThrow()),
                    new Reader(Peers.CACHING + " (TTL 2 s)", () -> revision(cache.getSecretString(id))),
                    new Reader(
                            Peers.PLAIN + " (a call per read)",
                            () -> revision(
                                    client.getSecretValue(r -> r.secretId(id)).secretString())),
                    new Reader(
                            Peers.SPRING_CLOUD_AWS + " (property source; reload every 1 min)",
                            () -> String.valueOf(sca.getProperty("revision"))));

            fake.secrets().putSecretValue(id, workload.json(0, 1));
            proxy.outage(true);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                readers.forEach(Reader::read);
                Thread.sleep(20);
            }
            proxy.outage(false);
            long over = System.nanoTime();
            long deadline = over + Duration.ofSeconds(options.quick() ? 10 : 30).toNanos();
            while (System.nanoTime() < deadline && !readers.stream().allMatch(r -> r.convergedAt > 0)) {
                for (Reader reader : readers) {
                    if (reader.convergedAt == 0 && "1".equals(reader.value())) {
                        reader.convergedAt = System.nanoTime();
                    }
                }
                Thread.sleep(20);
            }
            Reader mine = readers.get(0);
            for (Reader peer : readers.subList(1, readers.size())) {
                results.add(new Row(
                        SCENARIO,
                        "5 s outage: reads served during it",
                        "% of reads",
                        mine.servedPercent(),
                        peer.name,
                        peer.servedPercent(),
                        "",
                        "",
                        "reads every 20 ms, one thread, all peers in turn"));
            }
            for (Reader peer : readers.subList(1, readers.size())) {
                results.add(new Row(
                        SCENARIO,
                        "5 s outage: time after it ends to show a value changed at its start",
                        "ms",
                        mine.convergence(over),
                        peer.name,
                        peer.convergence(over),
                        "",
                        "",
                        "– = not converged within the wait; eso4j: " + secrets.stats()));
            }
        }
    }

    private static String revision(String json) {
        int at = json.indexOf("\"revision\":");
        return at < 0 ? "?" : json.substring(at + "\"revision\":".length(), json.length() - 1);
    }

    /** One peer's reads during and after the outage. */
    private static final class Reader {
        final String name;
        final Supplier<String> read;
        int served;
        int failed;
        long convergedAt;

        Reader(String name, Supplier<String> read) {
            this.name = name;
            this.read = read;
        }

        void read() {
            if (value() != null) {
                served++;
            } else {
                failed++;
            }
        }

        String value() {
            try {
                return read.get();
            } catch (RuntimeException e) {
                return null;
            }
        }

        double servedPercent() {
            return served + failed == 0 ? Double.NaN : 100.0 * served / (served + failed);
        }

        double convergence(long over) {
            return convergedAt == 0 ? Double.NaN : Math.max(0, (convergedAt - over) / 1e6);
        }
    }
}
