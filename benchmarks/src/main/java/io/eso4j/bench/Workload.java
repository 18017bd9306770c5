package io.eso4j.bench;

import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import java.util.ArrayList;
import java.util.List;

/**
 * The secrets every peer reads in one scenario: {@code n} JSON secrets {@code bench/secret-NNNN} with two keys, and
 * the eso4j manifests that import them (one ExternalSecret per remote secret, {@code dataFrom.extract}, refresh
 * every minute). Immutable; the fake it seeds is the caller's.
 *
 * @param n how many secrets
 * @param valueBytes the approximate size of each secret's JSON, at least about 40 bytes
 */
record Workload(int n, int valueBytes) {

    static final String PREFIX = "bench/secret-";

    static Workload of(int n) {
        return new Workload(n, 64);
    }

    List<String> ids() {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(id(i));
        }
        return ids;
    }

    static String id(int i) {
        return PREFIX + String.format("%04d", i);
    }

    /** Creates the secrets on the fake; the fake must not hold them yet. */
    void seed(FakeAws fake) {
        for (int i = 0; i < n; i++) {
            fake.secrets().createSecret(id(i), json(i, 0));
        }
    }

    /** The JSON of secret {@code i} at revision {@code revision}, padded to about {@link #valueBytes()}. */
    String json(int i, int revision) {
        String head = "{\"username\":\"user-" + i + "\",\"password\":\"";
        String tail = "\",\"revision\":" + revision + "}";
        int pad = Math.max(1, valueBytes - head.length() - tail.length());
        StringBuilder password = new StringBuilder(pad);
        for (int c = 0; c < pad; c++) {
            password.append((char) ('a' + (c * 7 + i) % 26));
        }
        return head + password + tail;
    }

    /** The eso4j name of the ExternalSecret that imports secret {@code i}. */
    static String externalSecretName(int i) {
        return "es-" + String.format("%04d", i);
    }

    /** One SecretStore and one ExternalSecret per secret, refreshing every {@code refreshInterval}. */
    Manifests manifests(String refreshInterval) {
        StringBuilder yaml = new StringBuilder(256 + n * 256);
        yaml.append("apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: bench\n")
                .append("spec:\n  provider:\n    aws:\n      service: SecretsManager\n      region: us-east-1\n");
        for (int i = 0; i < n; i++) {
            yaml.append("---\napiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ")
                    .append(externalSecretName(i))
                    .append("\nspec:\n  refreshInterval: ")
                    .append(refreshInterval)
                    .append("\n  secretStoreRef:\n    name: bench\n    kind: SecretStore\n")
                    .append("  dataFrom:\n    - extract:\n        key: ")
                    .append(id(i))
                    .append('\n');
        }
        return Manifests.parse("bench-" + n + ".yaml", yaml.toString());
    }
}
