package io.eso4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.InvalidSpecException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ClusterExternalSecrets for the namespaces the caller names, and ClusterSecretStore conditions, as ESO's
 * {@code GetTargetNamespaces} ({@code runtime/esutils/utils.go}) and {@code shouldProcessSecret}
 * ({@code pkg/controllers/secretstore/client_manager.go}) decide them.
 */
class ClusterExternalSecretTest {

    /** ESO's {@code docs/snippets/cluster-external-secret-fanout.yaml}, step 3, with an AWS ClusterSecretStore. */
    private static final String FANOUT = """
            apiVersion: external-secrets.io/v1
            kind: ClusterSecretStore
            metadata:
              name: shared-credentials-store
            spec:
              provider:
                aws: {service: SecretsManager, region: us-east-1}
            ---
            apiVersion: external-secrets.io/v1
            kind: ClusterExternalSecret
            metadata:
              name: shared-credentials
            spec:
              externalSecretName: shared-credentials
              namespaceSelectors:
              - matchLabels:
                  shared-credentials: "true"
              externalSecretSpec:
                refreshInterval: "1h"
                secretStoreRef:
                  name: shared-credentials-store
                  kind: ClusterSecretStore
                target:
                  name: shared-credentials
                dataFrom:
                - extract:
                    key: shared-credentials
            """;

    @Test
    void givesTheExternalSecretOfANamedNamespaceItSelects() {
        Manifests manifests = Manifests.builder()
                .namespace("team-a", Map.of("shared-credentials", "true"))
                .namespace("team-b", Map.of())
                .parse("fanout.yaml", FANOUT)
                .build();

        assertThat(manifests.clusterExternalSecrets()).hasSize(1);
        assertThat(manifests.externalSecrets()).singleElement().satisfies(es -> {
            assertThat(es.id().toString()).isEqualTo("team-a/shared-credentials");
            assertThat(es.target().name()).isEqualTo("shared-credentials");
            assertThat(es.dataFrom().get(0).extract().key()).isEqualTo("shared-credentials");
        });
        assertThat(manifests.otherDocuments()).isEmpty();
    }

    @Test
    void selectsByNameByEmptySelectorAndCarriesTheMetadata() {
        String ces = FANOUT.replace("""
                  namespaceSelectors:
                  - matchLabels:
                      shared-credentials: "true"
                """, """
                  externalSecretMetadata:
                    labels: {team: payments}
                  namespaces: [team-b]
                """).replace("externalSecretName: shared-credentials", "");
        Manifests manifests = Manifests.builder()
                .namespace("team-a", Map.of())
                .namespace("team-b", Map.of())
                .parse("ces.yaml", ces)
                .build();

        assertThat(manifests.externalSecrets()).singleElement().satisfies(es -> {
            assertThat(es.id().toString()).isEqualTo("team-b/shared-credentials");
            assertThat(es.labels()).containsExactly(Map.entry("team", "payments"));
        });
        Manifests all = Manifests.builder()
                .namespace("x", Map.of())
                .parse("ces.yaml", FANOUT.replace("- matchLabels:\n      shared-credentials: \"true\"", "- {}"))
                .build();
        assertThat(all.externalSecrets()).hasSize(1);
    }

    @Test
    void withoutANamedNamespaceItIsAnErrorNotAWarning() {
        assertThatThrownBy(() -> Manifests.parse("fanout.yaml", FANOUT))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage(
                        "fanout.yaml#2 kind: ClusterExternalSecret \"shared-credentials\" makes an ExternalSecret in"
                                + " each namespace it selects; name the namespace the application runs in"
                                + " (Manifests.builder().namespace(..), the CLI's --namespace)");
        Manifests none = Manifests.builder()
                .namespace("team-b", Map.of())
                .parse("fanout.yaml", FANOUT)
                .build();
        assertThat(none.externalSecrets()).isEmpty();
        assertThat(none.warnings()).singleElement().asString().contains("selects none of the namespaces [team-b]");
    }

    @Test
    void clusterStoreConditionsDenyOtherNamespacesWithEsosMessage() {
        String stores = """
                apiVersion: external-secrets.io/v1
                kind: ClusterSecretStore
                metadata: {name: shared}
                spec:
                  provider: {aws: {service: SecretsManager, region: us-east-1}}
                  conditions:
                    - namespaces: [team-a]
                    - namespaceRegexes: ["^ops-"]
                    - namespaceSelector:
                        matchExpressions: [{key: tier, operator: In, values: [gold]}]
                """;
        String es = """
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: db, namespace: %s}
                spec:
                  secretStoreRef: {name: shared, kind: ClusterSecretStore}
                  data: [{secretKey: k, remoteRef: {key: k}}]
                """;
        assertThat(Manifests.parse("m.yaml", stores + es.formatted("team-a")).externalSecrets())
                .hasSize(1);
        assertThat(Manifests.parse("m.yaml", stores + es.formatted("ops-eu")).externalSecrets())
                .hasSize(1);
        assertThatThrownBy(() -> Manifests.parse("m.yaml", stores + es.formatted("team-b")))
                .hasMessageStartingWith("m.yaml#2 spec.secretStoreRef: using cluster store \"shared\" is not allowed"
                        + " from namespace \"team-b\": denied by spec.condition");
        Manifests gold = Manifests.builder()
                .namespace("team-b", Map.of("tier", "gold"))
                .parse("m.yaml", stores + es.formatted("team-b"))
                .build();
        assertThat(gold.externalSecrets()).hasSize(1);
        assertThat(gold.warnings()).isEmpty();
    }
}
