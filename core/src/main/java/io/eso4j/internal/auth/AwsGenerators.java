package io.eso4j.internal.auth;

import io.eso4j.RedactedException;
import io.eso4j.SecretsException;
import io.eso4j.auth.AuthOptions;
import io.eso4j.spec.Generator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Runs the AWS generators eso4j supports: {@code STSSessionToken} (ESO {@code generators/v1/sts/sts.go}) and
 * {@code ECRAuthorizationToken} for private registries (ESO {@code generators/v1/ecr/ecr.go}). Error texts follow ESO's;
 * they never contain a credential or token.
 */
public final class AwsGenerators {

    private AwsGenerators() {}

    /**
     * One {@code GetSessionToken} call signed with {@code credentials} (the generator's own auth and role), giving
     * ESO's keys {@code access_key_id}, {@code secret_access_key}, {@code session_token} and {@code expiration}
     * (Unix seconds).
     *
     * @throws SecretsException ESO's {@code unable to get sts session token} or {@code no credentials found}
     */
    public static Map<String, byte[]> stsSessionToken(
            Generator generator, AwsCredentialsProvider credentials, AuthOptions options) {
        GetSessionTokenRequest.Builder request = GetSessionTokenRequest.builder();
        if (generator.sessionDuration() != null) {
            request.durationSeconds(Math.toIntExact(generator.sessionDuration()));
        }
        if (!generator.tokenCode().isEmpty()) {
            request.tokenCode(generator.tokenCode());
        }
        if (!generator.serialNumber().isEmpty()) {
            request.serialNumber(generator.serialNumber());
        }
        GetSessionTokenResponse response;
        // The client is closed after the call; the credentials are shared (cached per store), so it gets a view of
        // them that closing the client does not close.
        AwsCredentialsProvider shared = credentials::resolveCredentials;
        try (StsClient sts = StsProviders.client(options, Region.of(generator.region()), shared)) {
            response = sts.getSessionToken(request.build());
        } catch (StsException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            throw new SecretsException(
                    "unable to get sts session token: " + code + " (HTTP " + e.statusCode() + ")",
                    RedactedException.of(e, null));
        } catch (SdkException e) {
            throw new SecretsException(
                    "unable to get sts session token: " + e.getClass().getSimpleName(), RedactedException.of(e, null));
        }
        Credentials out = response.credentials();
        if (out == null) {
            throw new SecretsException("no credentials found");
        }
        Map<String, byte[]> result = new LinkedHashMap<>();
        result.put("access_key_id", bytes(out.accessKeyId()));
        result.put("expiration", bytes(Long.toString(out.expiration().getEpochSecond())));
        result.put("secret_access_key", bytes(out.secretAccessKey()));
        result.put("session_token", bytes(out.sessionToken()));
        return result;
    }

    /**
     * One ECR {@code GetAuthorizationToken} call signed with {@code credentials}, giving ESO's keys {@code username},
     * {@code password} (the decoded token split at {@code :}), {@code proxy_endpoint} and {@code expires_at} (Unix
     * seconds), as ESO's {@code fetchECRPrivateToken}. {@code scope: public} is rejected when the manifest loads.
     *
     * @param endpoint an ECR endpoint override, or {@code null} for the SDK's resolution
     * @throws SecretsException ESO's {@code unable to get authorization token}, {@code unexpected number of
     *     authorization tokens} or {@code unexpected token format}
     */
    public static Map<String, byte[]> ecrAuthorizationToken(
            Generator generator, AwsCredentialsProvider credentials, AuthOptions options, URI endpoint) {
        AwsCredentialsProvider shared = credentials::resolveCredentials;
        EcrClientBuilder builder = EcrClient.builder()
                .region(Region.of(generator.region()))
                .credentialsProvider(shared)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.apiCallTimeout(options.apiCallTimeout())
                        .apiCallAttemptTimeout(options.apiCallAttemptTimeout()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        GetAuthorizationTokenResponse response;
        try (EcrClient ecr = builder.build()) {
            response = ecr.getAuthorizationToken(b -> {});
        } catch (EcrException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            throw new SecretsException(
                    "unable to get authorization token: " + code + " (HTTP " + e.statusCode() + ")",
                    RedactedException.of(e, null));
        } catch (SdkException e) {
            throw new SecretsException(
                    "unable to get authorization token: " + e.getClass().getSimpleName(),
                    RedactedException.of(e, null));
        }
        List<AuthorizationData> data = response.authorizationData();
        if (data.size() != 1) {
            throw new SecretsException("unexpected number of authorization tokens. expected 1, found " + data.size());
        }
        AuthorizationData token = data.get(0);
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(token.authorizationToken() == null ? "" : token.authorizationToken()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // ESO returns base64's own error, which names the offending position only; so does this text.
            throw new SecretsException("illegal base64 data in the authorization token");
        }
        String[] parts = decoded.split(":", -1);
        if (parts.length != 2) {
            throw new SecretsException("unexpected token format");
        }
        Map<String, byte[]> result = new LinkedHashMap<>();
        result.put("expires_at", bytes(Long.toString(token.expiresAt().getEpochSecond())));
        result.put("password", bytes(parts[1]));
        result.put("proxy_endpoint", bytes(token.proxyEndpoint()));
        result.put("username", bytes(parts[0]));
        return result;
    }

    private static byte[] bytes(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
