package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStore;
import io.eso4j.testkit.FakeAwsExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The provider-neutral client hook: callers hand in their own SDK clients per service, combinable. */
class AwsClientsTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final String MANIFESTS = """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata: {name: sm}
            spec: {provider: {aws: {service: SecretsManager, region: us-east-1}}}
            ---
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata: {name: ps}
            spec: {provider: {aws: {service: ParameterStore, region: us-east-1}}}
            ---
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata: {name: both}
            spec:
              refreshInterval: 0s
              data:
                - secretKey: from-sm
                  sourceRef: {storeRef: {name: sm}}
                  remoteRef: {key: app/db}
                - secretKey: from-ps
                  sourceRef: {storeRef: {name: ps}}
                  remoteRef: {key: /app/url}
            """;

    @Test
    void eachServiceUsesTheClientHandedInForItsStores() {
        AWS.secrets().createSecret("app/db", "sm-value");
        AWS.parameters().putString("/app/url", "ps-value");
        List<String> asked = new ArrayList<>();
        try (SsmClient ssm = SsmClient.builder()
                        .endpointOverride(AWS.endpoint())
                        .region(AWS.fake().region())
                        .credentialsProvider(AWS.fake().credentialsProvider())
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build();
                SecretsManagerClient secretsManager =
                        AWS.fake().secretsManagerClientBuilder().build()) {
            // no endpoint override and no credentials: a client eso4j built itself could not reach the fake
            try (ExternalSecrets secrets = ExternalSecrets.builder()
                    .manifests(Manifests.parse("clients.yaml", MANIFESTS))
                    .awsClients(AwsClients.secretsManager((SecretStore store) -> {
                                asked.add("sm:" + store.name());
                                return secretsManager;
                            })
                            .and(AwsClients.parameterStore(store -> {
                                asked.add("ps:" + store.name());
                                return ssm;
                            })))
                    .build()) {
                assertThat(secrets.get("both").string("from-sm")).contains("sm-value");
                assertThat(secrets.get("both").string("from-ps")).contains("ps-value");
            }
        }
        assertThat(asked).containsExactlyInAnyOrder("sm:sm", "ps:ps");
    }

    @Test
    void combiningKeepsBothAndTheLaterWinsForOneService() {
        AwsClients first = AwsClients.secretsManager(store -> null);
        AwsClients second = AwsClients.secretsManager(store -> null);
        AwsClients both = first.and(AwsClients.parameterStore(store -> null));

        assertThat(both.secretsManager()).containsSame(first.secretsManager().orElseThrow());
        assertThat(both.parameterStore()).isPresent();
        assertThat(first.and(second).secretsManager())
                .containsSame(second.secretsManager().orElseThrow());
        assertThat(AwsClients.none().secretsManager()).isEmpty();
        assertThat(AwsClients.none().parameterStore()).isEmpty();
    }
}
