package io.eso4j.provider.aws.acm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretsException;
import io.eso4j.provider.SecretsProvider;
import io.eso4j.provider.SecretsProviderContract;
import io.eso4j.provider.aws.FindQuery;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.FakeCertificateManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.acm.AcmClient;

/**
 * The provider contract against Certificate Manager: the real SDK client over HTTP to the testkit's fake ACM. A
 * contract "secret" is a certificate whose PEM is the value (no chain, no key), keyed by an ARN made from its name;
 * its bundle is the PEM with one trailing line break. Find and tags are not part of ESO's ACM provider.
 */
class CertificateManagerProviderContractTest extends SecretsProviderContract {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private final List<AcmClient> clients = new ArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void close() {
        clients.forEach(AcmClient::close);
        executor.shutdownNow();
    }

    private AcmClient client(int attempts) {
        AcmClient client = AcmClient.builder()
                .endpointOverride(AWS.endpoint())
                .region(AWS.fake().region())
                .credentialsProvider(AWS.fake().credentialsProvider())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(attempts)))
                .build();
        clients.add(client);
        return client;
    }

    @Override
    protected SecretsProvider provider() {
        return new CertificateManagerProvider(client(3), executor, () -> false);
    }

    @Override
    protected SecretsProvider providerWithoutRetries() {
        return new CertificateManagerProvider(client(1), executor, () -> false);
    }

    @Override
    protected String key(String name) {
        return "arn:aws:acm:" + AWS.fake().region() + ":" + AWS.fake().accountId() + ":certificate" + name;
    }

    @Override
    protected String value(String stored) {
        return stored + "\n";
    }

    /** GetCertificate, DescribeCertificate, ExportCertificate. */
    @Override
    protected int callsPerRead() {
        return 3;
    }

    @Override
    protected void create(String name, String value, Map<String, String> tags) {
        AWS.fake().certificates().put(key(name), value, null, null, FakeCertificateManager.Export.ENABLED);
    }

    @Override
    protected int calls() {
        return AWS.fake().totalCalls();
    }

    @Override
    protected FakeAws aws() {
        return AWS.fake();
    }

    /** ESO's {@code GetAllSecrets}: not implemented for ACM. */
    @Test
    @Override
    protected void findsByNameAndByTags() {
        assertThatThrownBy(() -> provider().find(new FindQuery("", Map.of("team", "a"), null)))
                .isInstanceOf(SecretsException.class)
                .hasMessage("operation not supported by AWS Certificate Manager provider");
    }

    /** Tags ({@code metadataPolicy: Fetch}): not implemented for ACM. */
    @Test
    @Override
    protected void readsTagsAsMetadataAndReportsAMissingSecret() {
        assertThatThrownBy(() -> provider().getTags(key("/contract/tagged")))
                .isInstanceOf(SecretsException.class)
                .hasMessage("operation not supported by AWS Certificate Manager provider");
    }
}
