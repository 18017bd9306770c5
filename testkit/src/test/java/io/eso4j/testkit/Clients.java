package io.eso4j.testkit;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;

/** SDK clients for tests: no retries, or three attempts without backoff, so tests stay fast. */
final class Clients {

    private Clients() {}

    static SecretsManagerClient noRetries(FakeAws fake) {
        return fake.secretsManagerClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static SecretsManagerClient threeQuickAttempts(FakeAws fake) {
        return fake.secretsManagerClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(3)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                        .circuitBreakerEnabled(false)
                        .build()))
                .build();
    }

    /** An SsmClient pointed at the fake, as a user would build one (the testkit does not hand these out). */
    static SsmClientBuilder ssm(FakeAws fake) {
        return SsmClient.builder()
                .endpointOverride(fake.endpoint())
                .region(fake.region())
                .credentialsProvider(fake.credentialsProvider())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    static SsmClient ssmNoRetries(FakeAws fake) {
        return ssm(fake)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static SsmClient ssmThreeQuickAttempts(FakeAws fake) {
        return ssm(fake)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(3)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                        .circuitBreakerEnabled(false)
                        .build()))
                .build();
    }

    static StsClient stsNoRetries(FakeAws fake) {
        return fake.stsClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
