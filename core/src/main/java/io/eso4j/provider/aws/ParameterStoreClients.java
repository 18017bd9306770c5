package io.eso4j.provider.aws;

import io.eso4j.AwsCallListener;
import io.eso4j.spec.SecretStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Builds the Systems Manager (Parameter Store) client for a store exactly as {@link SecretsManagerClients} builds
 * the Secrets Manager one: region, credentials, the JDK's URL-connection HTTP client, call timeouts, call listeners
 * and the store's {@code retrySettings}. Without an explicit endpoint the SDK's own resolution applies, including
 * {@code AWS_ENDPOINT_URL_SSM} and {@code AWS_ENDPOINT_URL}.
 */
public final class ParameterStoreClients {

    private ParameterStoreClients() {}

    /**
     * A new client the caller owns and must close, reporting each call to {@code callListeners}, with call
     * timeouts.
     *
     * @param endpoint an endpoint override, or {@code null} for the SDK's resolution
     * @param callListeners told about each call's operation, outcome and latency; may be empty
     * @param apiCallTimeout the most one call may take, retries included; {@code null} for the SDK's (none)
     * @param apiCallAttemptTimeout the most one attempt may take; {@code null} for the SDK's (none)
     */
    public static SsmClient forStore(
            SecretStore store,
            AwsCredentialsProvider credentials,
            URI endpoint,
            List<AwsCallListener> callListeners,
            Duration apiCallTimeout,
            Duration apiCallAttemptTimeout) {
        return SecretsManagerClients.configure(
                        SsmClient.builder(),
                        store,
                        credentials,
                        endpoint,
                        callListeners,
                        apiCallTimeout,
                        apiCallAttemptTimeout)
                .build();
    }
}
