package io.eso4j.provider.aws;

import io.eso4j.AwsCallListener;
import io.eso4j.spec.RetrySettings;
import io.eso4j.spec.SecretStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the Secrets Manager client for a store: its region, the given credentials, the JDK's URL-connection HTTP
 * client (the lightest to start), and the store's {@code retrySettings} mapped as ESO maps them. Without an
 * explicit endpoint the SDK's own resolution applies, including {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} and
 * {@code AWS_ENDPOINT_URL}. {@link AwsCallListener}s given here hear about every call the client makes. Call
 * timeouts, when given, bound each call and each attempt ({@code ExternalSecrets} passes
 * {@code AuthOptions.apiCallTimeout} and {@code apiCallAttemptTimeout}: 30 s and 10 s by default).
 */
public final class SecretsManagerClients {

    private SecretsManagerClients() {}

    /**
     * A new client the caller owns and must close.
     *
     * @param endpoint an endpoint override, or {@code null} for the SDK's resolution
     */
    public static SecretsManagerClient forStore(SecretStore store, AwsCredentialsProvider credentials, URI endpoint) {
        return forStore(store, credentials, endpoint, List.of());
    }

    /**
     * A new client the caller owns and must close, reporting each call to {@code callListeners}.
     *
     * @param endpoint an endpoint override, or {@code null} for the SDK's resolution
     * @param callListeners told about each call's operation, outcome and latency; may be empty
     */
    public static SecretsManagerClient forStore(
            SecretStore store, AwsCredentialsProvider credentials, URI endpoint, List<AwsCallListener> callListeners) {
        return forStore(store, credentials, endpoint, callListeners, null, null);
    }

    /**
     * A new client the caller owns and must close, reporting each call to {@code callListeners}, with call
     * timeouts.
     *
     * @param endpoint an endpoint override, or {@code null} for the SDK's resolution
     * @param callListeners told about each call's operation, outcome and latency; may be empty
     * @param apiCallTimeout the most one call may take, retries included; {@code null} for the SDK's (none)
     * @param apiCallAttemptTimeout the most one attempt may take; {@code null} for the SDK's (none)
     */
    public static SecretsManagerClient forStore(
            SecretStore store,
            AwsCredentialsProvider credentials,
            URI endpoint,
            List<AwsCallListener> callListeners,
            Duration apiCallTimeout,
            Duration apiCallAttemptTimeout) {
        return configure(
                        SecretsManagerClient.builder(),
                        store,
                        credentials,
                        endpoint,
                        callListeners,
                        apiCallTimeout,
                        apiCallAttemptTimeout)
                .build();
    }

    /**
     * Configures a client builder of any AWS service as a store's client: region, credentials, the JDK's
     * URL-connection HTTP client, an endpoint override if given, call timeouts and listeners, and the store's
     * {@code retrySettings} mapped as ESO maps them.
     */
    static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> B configure(
            B builder,
            SecretStore store,
            AwsCredentialsProvider credentials,
            URI endpoint,
            List<AwsCallListener> callListeners,
            Duration apiCallTimeout,
            Duration apiCallAttemptTimeout) {
        builder.region(Region.of(store.aws().region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        RetrySettings retry = store.retrySettings();
        boolean timed = !callListeners.isEmpty();
        if (retry != null || timed || apiCallTimeout != null || apiCallAttemptTimeout != null) {
            builder.overrideConfiguration(o -> {
                if (apiCallTimeout != null) {
                    o.apiCallTimeout(apiCallTimeout);
                }
                if (apiCallAttemptTimeout != null) {
                    o.apiCallAttemptTimeout(apiCallAttemptTimeout);
                }
                if (timed) {
                    o.addExecutionInterceptor(new CallTimingInterceptor(callListeners));
                }
                if (retry != null) {
                    int attempts = retry.maxRetries() == null ? 3 : Math.max(1, retry.maxRetries());
                    Duration interval = retry.retryInterval();
                    o.retryStrategy(b -> {
                        b.maxAttempts(attempts);
                        if (interval != null && !interval.isZero() && !interval.isNegative()) {
                            b.backoffStrategy(BackoffStrategy.fixedDelay(interval));
                        }
                    });
                }
            });
        }
        return builder;
    }
}
