package io.eso4j.provider.aws.ssm;

import io.eso4j.provider.SecretsProvider;
import io.eso4j.provider.SecretsProviderContract;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.FakeAwsExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The provider contract against Parameter Store: the real SDK client over HTTP to the testkit's fake. */
class ParameterStoreProviderContractTest extends SecretsProviderContract {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private final List<SsmClient> clients = new ArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void close() {
        clients.forEach(SsmClient::close);
        executor.shutdownNow();
    }

    private SsmClient client(int attempts) {
        SsmClient client = SsmClient.builder()
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
        return new ParameterStoreProvider(client(3), "", executor, () -> false);
    }

    @Override
    protected SecretsProvider providerWithoutRetries() {
        return new ParameterStoreProvider(client(1), "", executor, () -> false);
    }

    @Override
    protected void create(String name, String value, Map<String, String> tags) {
        AWS.parameters().putSecureString(name, value);
        if (!tags.isEmpty()) {
            AWS.parameters().tag(name, tags);
        }
    }

    @Override
    protected int calls() {
        return AWS.fake().totalCalls();
    }

    @Override
    protected FakeAws aws() {
        return AWS.fake();
    }
}
