package io.eso4j.provider.aws;

import io.eso4j.AwsCallListener;
import io.eso4j.spec.SecretStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.acm.AcmClient;

/**
 * Builds the Certificate Manager client for a store exactly as {@link SecretsManagerClients} builds the Secrets
 * Manager one (region, credentials, URL-connection HTTP client, timeouts, call listeners, {@code retrySettings}).
 * Without an explicit endpoint the SDK's own resolution applies, including {@code AWS_ENDPOINT_URL_ACM}.
 */
public final class CertificateManagerClients {

    private CertificateManagerClients() {}

    /**
     * A new client the caller owns and must close.
     *
     * @param endpoint an endpoint override, or {@code null} for the SDK's resolution
     * @param callListeners told about each call; may be empty
     * @param apiCallTimeout the most one call may take, retries included; {@code null} for none
     * @param apiCallAttemptTimeout the most one attempt may take; {@code null} for none
     */
    public static AcmClient forStore(
            SecretStore store,
            AwsCredentialsProvider credentials,
            URI endpoint,
            List<AwsCallListener> callListeners,
            Duration apiCallTimeout,
            Duration apiCallAttemptTimeout) {
        return SecretsManagerClients.configure(
                        AcmClient.builder(),
                        store,
                        credentials,
                        endpoint,
                        callListeners,
                        apiCallTimeout,
                        apiCallAttemptTimeout)
                .build();
    }
}
