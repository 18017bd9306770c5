package io.eso4j.provider.aws;

import io.eso4j.provider.SecretsProvider;
import io.eso4j.provider.SecretsProviderContract;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.FakeAwsExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider contract against Secrets Manager: the real SDK client over HTTP to the testkit's fake. */
class SecretsManagerProviderContractTest extends SecretsProviderContract {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    @Override
    protected SecretsProvider provider() {
        return new SecretsManagerProvider(AWS.secretsManagerClient(), "");
    }

    @Override
    protected SecretsProvider providerWithoutRetries() {
        return new SecretsManagerProvider(
                AWS.fake()
                        .secretsManagerClientBuilder()
                        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                        .build(),
                "");
    }

    @Override
    protected void create(String name, String value, Map<String, String> tags) {
        if (AWS.secrets().exists(name)) {
            AWS.secrets().rotate(name, value);
        } else {
            AWS.secrets().createSecret(name, value, tags);
        }
    }

    @Override
    protected FakeAws aws() {
        return AWS.fake();
    }

    @Override
    protected int calls() {
        return AWS.fake().totalCalls();
    }
}
