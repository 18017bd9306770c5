package io.eso4j.bench;

import io.eso4j.AwsClients;
import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.ManualScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Scenario 8 (issue #16 item 5): K instances of one application, each resolving the same N secrets every minute,
 * against an account whose Secrets Manager quotas are enforced per operation and per second (BatchGetSecretValue 100,
 * GetSecretValue 10,000, ListSecrets 100, DescribeSecret 40,000 TPS: AWS's published defaults). All K {@link
 * ExternalSecrets} run in this process on one {@link ManualScheduler}: one simulated clock for their schedules and the
 * quota, a discrete-event loop that runs each instance's refresh when its time comes. Only time is simulated: every
 * call goes through the real SDK over HTTP to the testkit's fake behind the {@link FaultProxy}, which counts and
 * throttles it. The K instances start together (one every 50 ms, a rollout bringing up 20 per second) with builder
 * defaults; SDK retries are off, so every throttled call is counted and reaches eso4j's fallback. Peers at the same K
 * are derived from their documented call patterns. Not thread-safe.
 */
final class Fleet {

    static final String SCENARIO = "8 fleet";
    private static final String BATCH = "BatchGetSecretValue";
    private static final String SINGLE = "GetSecretValue";
    private static final int BATCH_QUOTA = 100;
    private static final int SINGLE_QUOTA = 10_000;
    private static final Map<String, Integer> QUOTAS =
            Map.of(BATCH, BATCH_QUOTA, SINGLE, SINGLE_QUOTA, "ListSecrets", 100, "DescribeSecret", 40_000);
    private static final Duration START_SPACING = Duration.ofMillis(50);
    private static final Duration INTERVAL = Duration.ofMinutes(1);
    /** How long after the last start steady state is taken to begin: the first refreshes and one more interval. */
    private static final Duration WARM_UP = Duration.ofMinutes(2);

    private static final Duration MAX_CONVERGENCE = Duration.ofMinutes(5);

    private final Options options;
    private final Results results;

    Fleet(Options options, Results results) {
        this.options = options;
        this.results = results;
    }

    /** What one fleet did. */
    record Outcome(
            int k,
            int n,
            int steadyMinutes,
            long startBatch,
            long startSingle,
            long startThrottled,
            long warmUpThrottled,
            long batch,
            long single,
            long batchThrottled,
            long singleThrottled,
            long peakBatch,
            long peakSingle,
            double convergenceSeconds) {

        double callsPerMinute() {
            return (double) (batch + single) / steadyMinutes;
        }

        long throttled() {
            return batchThrottled + singleThrottled;
        }
    }

    void run() {
        int n = 200;
        int steadyMinutes = options.quick() ? 3 : 5;
        List<Outcome> outcomes = new ArrayList<>();
        for (int k : List.of(1, 10, 100)) {
            Harness.progress("fleet K=" + k);
            Outcome outcome = simulate(k, n, steadyMinutes, builder -> {});
            outcomes.add(outcome);
            rows(outcome);
        }
        Outcome largest = outcomes.get(outcomes.size() - 1);
        boolean met = largest.throttled() == 0;
        results.add(new Row(
                SCENARIO,
                "K=" + largest.k() + ", N=" + n + ", 1 min refresh: throttled requests in steady state",
                "requests",
                largest.throttled(),
                "(quota)",
                0,
                "K=100: no throttling in steady state",
                met ? "met" : "missed",
                "measured over " + steadyMinutes + " simulated minutes after a " + WARM_UP.toMinutes()
                        + " min warm-up; peak " + largest.peakBatch() + " " + BATCH + "/s against "
                        + BATCH_QUOTA));
        oneWriterAdvice(largest);
    }

    /**
     * Runs one fleet.
     *
     * @param tuning applied to every instance's builder after the scenario's settings (tests turn jitter off)
     */
    Outcome simulate(int k, int n, int steadyMinutes, Consumer<ExternalSecrets.Builder> tuning) {
        Workload workload = Workload.of(n);
        Manifests manifests = workload.manifests("1m");
        ManualScheduler time = new ManualScheduler();
        List<ExternalSecrets> fleet = new ArrayList<>(k);
        try (FakeAws fake = FakeAws.builder().verifySignatures(false).start();
                FaultProxy proxy = newProxy(fake);
                SecretsManagerClient client = fake.secretsManagerClientBuilder()
                        .endpointOverride(proxy.endpoint())
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build()) {
            workload.seed(fake);
            proxy.quota(time.clock(), QUOTAS);
            try {
                for (int i = 0; i < k; i++) {
                    ExternalSecrets.Builder builder = ExternalSecrets.builder()
                            .manifests(manifests)
                            .awsClients(AwsClients.secretsManager(store -> client))
                            .clock(time.clock())
                            .scheduler(time)
                            .failOnError(false);
                    tuning.accept(builder);
                    fleet.add(builder.build());
                    time.advance(START_SPACING);
                }
                long startBatch = proxy.requests(BATCH);
                long startSingle = proxy.requests(SINGLE);
                long startThrottled = proxy.throttled(BATCH) + proxy.throttled(SINGLE);

                long warmThrottled0 = proxy.throttled(BATCH) + proxy.throttled(SINGLE);
                time.advance(WARM_UP);
                long warmUpThrottled = proxy.throttled(BATCH) + proxy.throttled(SINGLE) - warmThrottled0;
                proxy.resetPeaks();
                long b0 = proxy.requests(BATCH);
                long s0 = proxy.requests(SINGLE);
                long bt0 = proxy.throttled(BATCH);
                long st0 = proxy.throttled(SINGLE);
                time.advance(Duration.ofMinutes(steadyMinutes));
                long batch = proxy.requests(BATCH) - b0;
                long single = proxy.requests(SINGLE) - s0;
                long batchThrottled = proxy.throttled(BATCH) - bt0;
                long singleThrottled = proxy.throttled(SINGLE) - st0;
                long peakBatch = proxy.peakPerSecond(BATCH);
                long peakSingle = proxy.peakPerSecond(SINGLE);

                // Rotation: one secret gets a new value; how long until every instance serves it.
                fake.secrets().putSecretValue(Workload.id(0), workload.json(0, 1));
                double convergence = Double.NaN;
                for (long s = 1; s <= MAX_CONVERGENCE.toSeconds(); s++) {
                    time.advance(Duration.ofSeconds(1));
                    if (fleet.stream().allMatch(Fleet::rotated)) {
                        convergence = s;
                        break;
                    }
                }
                return new Outcome(
                        k,
                        n,
                        steadyMinutes,
                        startBatch,
                        startSingle,
                        startThrottled,
                        warmUpThrottled,
                        batch,
                        single,
                        batchThrottled,
                        singleThrottled,
                        peakBatch,
                        peakSingle,
                        convergence);
            } finally {
                fleet.forEach(ExternalSecrets::close);
            }
        }
    }

    private static boolean rotated(ExternalSecrets instance) {
        try {
            ResolvedSecret secret = instance.get(Workload.externalSecretName(0));
            return "1".equals(secret.string("revision", null));
        } catch (RuntimeException notResolved) {
            return false;
        }
    }

    private void rows(Outcome o) {
        int k = o.k();
        int n = o.n();
        String subject = "K=" + k + ", N=" + n + ", 1 min refresh";
        int batchesPerRefresh = (n + 19) / 20;
        String measured = "eso4j measured over " + o.steadyMinutes() + " simulated min of steady state: "
                + perMinute(o.batch(), o.steadyMinutes()) + " " + BATCH + " (" + o.batchThrottled() + " throttled) + "
                + perMinute(o.single(), o.steadyMinutes()) + " " + SINGLE + " (" + o.singleThrottled()
                + " throttled) per min; peak " + o.peakBatch() + " " + BATCH + "/s (quota " + BATCH_QUOTA + "), "
                + o.peakSingle() + " " + SINGLE + "/s (quota " + SINGLE_QUOTA + "); ideal " + k * batchesPerRefresh
                + " " + BATCH + " per min";
        results.add(new Row(
                SCENARIO,
                subject + ": AWS calls per minute (steady state)",
                "calls/min",
                o.callsPerMinute(),
                Peers.SPRING_CLOUD_AWS + " reload (derived)",
                (double) k * n,
                "",
                "",
                measured + "; Spring Cloud AWS derived: each instance re-reads every source per reload period,"
                        + " one " + SINGLE + " per secret"));
        results.add(new Row(
                SCENARIO,
                subject + ": AWS calls per minute (steady state)",
                "calls/min",
                o.callsPerMinute(),
                "ESO (derived, one operator per cluster)",
                n,
                "",
                "",
                "ESO derived: one operator for the cluster whatever K (instances read a Kubernetes Secret), one "
                        + SINGLE + " per ExternalSecret per refreshInterval"));
        // Spring Cloud AWS: its detector runs every period with the same initial delay and no jitter, so its instances
        // keep the start-up spacing (50 ms, 20 per second) and each second of a reload offers min(K, 20) × N
        // GetSecretValue (derived; its N calls per instance are sequential, which only spreads them more).
        long instancesPerSecond = Math.min(k, 1000 / START_SPACING.toMillis());
        long scaPeak = instancesPerSecond * n;
        long scaSeconds = (k + instancesPerSecond - 1) / instancesPerSecond;
        long scaThrottled = Math.max(0, scaPeak - SINGLE_QUOTA) * scaSeconds;
        results.add(new Row(
                SCENARIO,
                subject + ": throttled requests per minute (steady state)",
                "requests/min",
                (double) o.throttled() / o.steadyMinutes(),
                Peers.SPRING_CLOUD_AWS + " reload (derived)",
                scaThrottled,
                k == 100 ? "0" : "",
                "",
                "eso4j measured (SDK retries off, counted at the proxy); Spring Cloud AWS derived: a fixed reload"
                        + " period with no jitter keeps the instances' start-up spacing, so its peak is " + scaPeak
                        + " " + SINGLE + "/s against " + SINGLE_QUOTA + " TPS (its limit is N, not K: above "
                        + SINGLE_QUOTA / instancesPerSecond + " secrets per instance at 20 starts per second)"));
        results.add(new Row(
                SCENARIO,
                subject + ": peak " + BATCH + " per second (steady state)",
                "requests/s",
                o.peakBatch(),
                "(quota)",
                BATCH_QUOTA,
                "≤ " + BATCH_QUOTA + " (the quota)",
                o.peakBatch() <= BATCH_QUOTA ? "met" : "missed",
                "highest count in one simulated second, throttled requests included; the account's quota is "
                        + BATCH_QUOTA + " TPS shared by everything in the account and Region"));
        results.add(new Row(
                SCENARIO,
                subject + ": time until every instance serves a rotated value",
                "simulated s",
                o.convergenceSeconds(),
                "ESO (derived, one operator per cluster)",
                INTERVAL.toSeconds(),
                "",
                "",
                "eso4j measured: one secret rotated in the fake, then 1 s steps until all " + k + " instances return"
                        + " it; ESO derived: up to one refreshInterval until the Kubernetes Secret changes, then the"
                        + " kubelet's sync (about a minute more) for a mounted volume, a restart for env vars;"
                        + " Spring Cloud AWS: up to one reload period (60 s), then its context refresh"));
        results.add(new Row(
                SCENARIO,
                subject + ": start-up (instances 50 ms apart)",
                "requests",
                o.startBatch() + o.startSingle(),
                "(ideal: all in batch)",
                (double) k * batchesPerRefresh,
                "",
                "",
                "eso4j measured: " + o.startBatch() + " " + BATCH + " + " + o.startSingle() + " " + SINGLE + ", "
                        + o.startThrottled() + " throttled (a throttled batch falls back to " + SINGLE
                        + " for its ids), then " + o.warmUpThrottled() + " throttled in the " + WARM_UP.toMinutes()
                        + " min warm-up (the first refreshes); start-up is outside the steady-state target"));
    }

    /**
     * Derived from the K=100 measurement: a fleet's BatchGetSecretValue rate grows with K, and the quota is the
     * account's. Extrapolated linearly from the measured peak (conservative: peaks grow slower than K).
     */
    private void oneWriterAdvice(Outcome largest) {
        double perInstancePeak = (double) largest.peakBatch() / largest.k();
        double averagePerSecond = largest.k() * Math.ceil(largest.n() / 20.0) / INTERVAL.toSeconds();
        long atPeak = perInstancePeak <= 0 ? 0 : (long) Math.floor(BATCH_QUOTA / perInstancePeak);
        long atAverage = (long) Math.floor(BATCH_QUOTA / (averagePerSecond / largest.k()));
        results.add(new Row(
                SCENARIO,
                "N=" + largest.n() + ", 1 min refresh: largest K under the " + BATCH + " quota",
                "instances",
                atPeak,
                "(average-rate bound)",
                atAverage,
                "",
                "",
                "derived: quota " + BATCH_QUOTA + " TPS ÷ the peak per instance measured at K=" + largest.k() + " ("
                        + String.format(Locale.ROOT, "%.2f", perInstancePeak) + "/s), against K × ⌈N/20⌉ ÷ 60 s on"
                        + " average; past about half of it (the quota is shared) use the k8s-writer's one-writer"
                        + " mode"));
    }

    private static String perMinute(long count, int minutes) {
        return Results.number((double) count / minutes);
    }

    private static FaultProxy newProxy(FakeAws fake) {
        try {
            return new FaultProxy(fake.endpoint());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
