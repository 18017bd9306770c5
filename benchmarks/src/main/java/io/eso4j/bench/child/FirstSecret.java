package io.eso4j.bench.child;

import io.eso4j.ExternalSecrets;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStore;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Cold start: a {@code main} that reads one secret and prints {@code READY}, either with eso4j ({@code eso4j}: YAML
 * manifests; {@code eso4j-code}: the same manifests built in code with {@code Manifests.of}, so no YAML parser) or
 * with a hand-written SDK call ({@code plain}). All take the endpoint, region and keys from the environment.
 */
public final class FirstSecret {

    static final String ID = "bench/secret-0000";

    private FirstSecret() {}

    /**
     * Reads the secret and prints {@code READY <length>}.
     *
     * @param args {@code eso4j}, {@code eso4j-code} or {@code plain}
     */
    public static void main(String[] args) {
        int length;
        if (args[0].equals("eso4j")) {
            String yaml = "apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: s\nspec:\n"
                    + "  provider:\n    aws:\n      service: SecretsManager\n      region: us-east-1\n---\n"
                    + "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: app\nspec:\n"
                    + "  refreshInterval: 1h\n  secretStoreRef:\n    name: s\n    kind: SecretStore\n"
                    + "  dataFrom:\n    - extract:\n        key: " + ID + "\n";
            try (ExternalSecrets secrets = ExternalSecrets.builder()
                    .manifests(Manifests.parse("app.yaml", yaml))
                    .build()) {
                length = secrets.get("app").string("password").orElseThrow().length();
                Report.line("READY " + length);
            }
        } else if (args[0].equals("eso4j-code")) {
            try (ExternalSecrets secrets = ExternalSecrets.builder()
                    .manifests(Manifests.of(
                            List.of(SecretStore.builder()
                                    .name("s")
                                    .region("us-east-1")
                                    .build()),
                            List.of(ExternalSecret.builder()
                                    .name("app")
                                    .refreshInterval("1h")
                                    .secretStore("s")
                                    .extract(ID)
                                    .build())))
                    .build()) {
                length = secrets.get("app").string("password").orElseThrow().length();
                Report.line("READY " + length);
            }
        } else {
            try (SecretsManagerClient client = SecretsManagerClient.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                length = client.getSecretValue(r -> r.secretId(ID))
                        .secretString()
                        .length();
                Report.line("READY " + length);
            }
        }
    }
}
