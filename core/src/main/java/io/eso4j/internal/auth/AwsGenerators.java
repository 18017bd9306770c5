package io.eso4j.internal.auth;

import io.eso4j.RedactedException;
import io.eso4j.SecretsException;
import io.eso4j.auth.AuthOptions;
import io.eso4j.spec.Generator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Runs the AWS generators eso4j supports: {@code STSSessionToken} (ESO {@code generators/v1/sts/sts.go}). Error texts
 * follow ESO's; they never contain a credential.
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

    private static byte[] bytes(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
