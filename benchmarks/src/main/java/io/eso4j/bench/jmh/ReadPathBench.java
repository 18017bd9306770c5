package io.eso4j.bench.jmh;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import io.eso4j.AwsClients;
import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Scenario 3: reading one key of one secret once everything is loaded. eso4j's snapshot read ({@code
 * get(name).string(key)}), the AWS caching client's {@code getSecretString(id)} (the whole JSON; a user would still
 * have to parse it, which is not counted), and a nested {@link ConcurrentHashMap} lookup as the floor. With {@code
 * refreshing=true} a background thread runs eso4j refreshes (with changed values) back to back while the readers
 * read, for the p99 under refresh. Public because JMH's generated code extends it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReadPathBench {

    private static final int SECRETS = 100;
    private static final String NAME = "es-0042";
    private static final String ID = "bench/secret-0042";

    /** Whether eso4j refreshes run in the background during the measurement. */
    @Param({"false"})
    public boolean refreshing;

    private FakeAws fake;
    private SecretsManagerClient client;
    private ExternalSecrets secrets;
    private SecretCache cache;
    private final Map<String, Map<String, String>> floor = new ConcurrentHashMap<>();
    private Thread refresher;
    private volatile boolean stop;

    /** Starts the fake, loads every peer and, when asked, starts the refresher. */
    @Setup(Level.Trial)
    public void setUp() {
        fake = FakeAws.builder().start();
        StringBuilder yaml = new StringBuilder(
                "apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: bench\nspec:\n"
                        + "  provider:\n    aws:\n      service: SecretsManager\n      region: us-east-1\n");
        for (int i = 0; i < SECRETS; i++) {
            String id = String.format("bench/secret-%04d", i);
            fake.secrets().createSecret(id, json(i, 0));
            yaml.append(String.format(
                    "---\napiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: es-%04d\n"
                            + "spec:\n  refreshInterval: 1h\n  secretStoreRef:\n    name: bench\n"
                            + "    kind: SecretStore\n  dataFrom:\n    - extract:\n        key: %s\n",
                    i, id));
            floor.put(String.format("es-%04d", i), new ConcurrentHashMap<>(Map.of("password", "p-" + i)));
        }
        client = fake.secretsManagerClientBuilder().build();
        secrets = ExternalSecrets.builder()
                .manifests(Manifests.parse("read-path.yaml", yaml.toString()))
                .awsClients(AwsClients.secretsManager(store -> client))
                .build();
        cache = new SecretCache(new SecretCacheConfiguration().withClient(client));
        cache.getSecretString(ID);
        if (refreshing) {
            refresher = new Thread(this::refreshLoop, "bench-refresher");
            refresher.setDaemon(true);
            refresher.start();
        }
    }

    private void refreshLoop() {
        int revision = 0;
        while (!stop) {
            revision++;
            for (int i = 0; i < SECRETS; i += 10) {
                fake.secrets().putSecretValue(String.format("bench/secret-%04d", i), json(i, revision));
            }
            secrets.refreshNow().join();
        }
    }

    private static String json(int i, int revision) {
        return "{\"username\":\"user-" + i + "\",\"password\":\"p-" + i + "-" + revision + "\"}";
    }

    /** Stops the refresher and closes everything. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        stop = true;
        if (refresher != null) {
            refresher.join();
        }
        cache.close();
        secrets.close();
        client.close();
        fake.close();
    }

    /** eso4j: one volatile snapshot read, two map lookups, the value as a String. */
    @Benchmark
    public String eso4jGet() {
        return secrets.get(NAME).string("password").orElseThrow();
    }

    /** eso4j: the same read through the nullable overload (no Optional on the hot path). */
    @Benchmark
    public String eso4jGetNullable() {
        return secrets.get(NAME).string("password", null);
    }

    /** eso4j: the same read, as raw bytes (no String decoding). */
    @Benchmark
    public byte[] eso4jGetBytes() {
        ResolvedSecret secret = secrets.get(NAME);
        return secret.bytes("password").orElseThrow();
    }

    /** The AWS caching client: a cached hit returns the secret's whole JSON string. */
    @Benchmark
    public String cachingClientGetSecretString() {
        return cache.getSecretString(ID);
    }

    /** The floor: a nested ConcurrentHashMap lookup of a ready String. */
    @Benchmark
    public String concurrentHashMapFloor() {
        return floor.get(NAME).get("password");
    }
}
