package io.eso4j.bench.child;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import io.eso4j.AwsClients;
import io.eso4j.ExternalSecrets;
import io.eso4j.spec.Manifests;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Retained heap: loads {@code n} secrets {@code bench/secret-NNNN} with eso4j ({@code eso4j}) or the AWS caching
 * client ({@code caching}) through one prebuilt client, and prints {@code HEAP <bytes>}: used heap after full GCs
 * with everything loaded, minus the same before loading (client built and warmed).
 */
public final class RetainedHeap {

    private RetainedHeap() {}

    /**
     * Loads and reports.
     *
     * @param args {@code eso4j|caching n}
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        List<String> ids = new ArrayList<>(n);
        StringBuilder yaml =
                new StringBuilder("apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: s\nspec:\n"
                        + "  provider:\n    aws:\n      service: SecretsManager\n      region: us-east-1\n");
        for (int i = 0; i < n; i++) {
            String id = String.format("bench/secret-%04d", i);
            ids.add(id);
            yaml.append(String.format(
                    "---\napiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: es-%04d\n"
                            + "spec:\n  refreshInterval: 1h\n  secretStoreRef:\n    name: s\n    kind: SecretStore\n"
                            + "  dataFrom:\n    - extract:\n        key: %s\n",
                    i, id));
        }
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            client.getSecretValue(r -> r.secretId(ids.get(0)));
            long before = usedAfterGc();
            Object retained;
            if (args[0].equals("eso4j")) {
                ExternalSecrets secrets = ExternalSecrets.builder()
                        .manifests(Manifests.parse("heap.yaml", yaml.toString()))
                        .awsClients(AwsClients.secretsManager(store -> client))
                        .build();
                retained = secrets;
            } else {
                SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(client));
                ids.forEach(cache::getSecretString);
                retained = cache;
            }
            long after = usedAfterGc();
            Report.line("HEAP " + (after - before));
            if (retained instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** Used heap after five collections, the least seen (also {@link StarterHeap}'s measure). */
    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            // A pause between collections lets reference processing and cleaners finish (measurement child, not a
            // test).
            Thread.sleep(50);
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
