package io.eso4j.internal.auth;

import io.eso4j.SecretsException;
import io.eso4j.StoreConfigurationException;
import io.eso4j.auth.AuthOptions;
import io.eso4j.spec.Tag;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.IdpCommunicationErrorException;

/**
 * Builds the SDK's STS clients and STS credential providers the way eso4j needs them: URL-connection HTTP client,
 * configurable endpoint and region, the caching settings of {@link AuthOptions}, and a web identity request that
 * re-reads the token file before every call. Stateless.
 */
final class StsProviders {

    private StsProviders() {}

    /** Where a web identity token and role come from, with the setting each was taken from (for messages). */
    record WebIdentity(Path tokenFile, String tokenFileSetting, String roleArn, String roleArnSetting) {}

    /**
     * The token file and role ARN for web identity, from the options or else the IRSA environment.
     *
     * @param context what is being configured, e.g. {@code "SecretStore team-a/aws spec.provider.aws.auth.jwt"}
     * @param missingRole the message used when no role ARN is configured
     */
    static WebIdentity webIdentity(AuthOptions options, String context, String missingRole) {
        Path file = options.webIdentityTokenFile();
        String fileSetting = "AuthOptions.webIdentityTokenFile";
        if (file == null) {
            String fromEnv = options.env(AuthOptions.TOKEN_FILE_ENV);
            if (fromEnv == null) {
                throw new StoreConfigurationException(
                        "",
                        StoreConfigurationException.Setting.CREDENTIALS,
                        context + ": no web identity token file: set " + AuthOptions.TOKEN_FILE_ENV
                                + " (IRSA sets it) or AuthOptions.webIdentityTokenFile",
                        null);
            }
            file = Path.of(fromEnv);
            fileSetting = AuthOptions.TOKEN_FILE_ENV;
        }
        String role = options.webIdentityRoleArn();
        String roleSetting = "AuthOptions.webIdentityRoleArn";
        if (role == null) {
            role = options.env(AuthOptions.ROLE_ARN_ENV);
            roleSetting = AuthOptions.ROLE_ARN_ENV;
            if (role == null) {
                throw new StoreConfigurationException(
                        "",
                        StoreConfigurationException.Setting.CREDENTIALS,
                        context + ": " + missingRole + ": set " + AuthOptions.ROLE_ARN_ENV
                                + " (IRSA sets it) or AuthOptions.webIdentityRoleArn",
                        null);
            }
        }
        WebIdentity identity = new WebIdentity(file, fileSetting, role, roleSetting);
        readToken(identity, context); // fail now, naming the file, rather than on the first Secrets Manager call
        return identity;
    }

    /** The token in the file, trimmed; a {@link SecretsException} naming the file (never the contents) if unusable. */
    static String readToken(WebIdentity identity, String context) {
        Path file = identity.tokenFile();
        String token;
        try {
            token = BoundedFiles.read(file, "web identity token file").trim();
        } catch (SecretsException e) {
            throw new StoreConfigurationException(
                    "",
                    StoreConfigurationException.Setting.CREDENTIALS,
                    context + ": " + e.getMessage() + " (from " + identity.tokenFileSetting() + ")",
                    e.getCause());
        } catch (RuntimeException e) {
            throw new StoreConfigurationException(
                    "",
                    StoreConfigurationException.Setting.CREDENTIALS,
                    context + ": cannot read web identity token file " + file + " (from " + identity.tokenFileSetting()
                            + "): " + e.getClass().getSimpleName(),
                    e);
        }
        if (token.isEmpty()) {
            throw new StoreConfigurationException(
                    "",
                    StoreConfigurationException.Setting.CREDENTIALS,
                    context + ": web identity token file " + file + " (from " + identity.tokenFileSetting()
                            + ") is empty",
                    null);
        }
        return token;
    }

    /** An STS client signing with {@code credentials}; the caller closes it. */
    static StsClient client(AuthOptions options, Region region, AwsCredentialsProvider credentials) {
        StsClientBuilder builder = StsClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.apiCallTimeout(options.apiCallTimeout())
                        .apiCallAttemptTimeout(options.apiCallAttemptTimeout()));
        if (options.stsEndpoint() != null) {
            builder.endpointOverride(options.stsEndpoint());
        }
        return builder.build();
    }

    /**
     * An unsigned STS client for AssumeRoleWithWebIdentity that also retries {@code IDPCommunicationError}, as the
     * SDK's own web identity client does; the caller closes it.
     */
    static StsClient webIdentityClient(AuthOptions options, Region region) {
        StsClientBuilder builder = StsClient.builder()
                .region(region)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(
                        o -> o.retryStrategy(b -> b.retryOnException(IdpCommunicationErrorException.class))
                                .apiCallTimeout(options.apiCallTimeout())
                                .apiCallAttemptTimeout(options.apiCallAttemptTimeout()));
        if (options.stsEndpoint() != null) {
            builder.endpointOverride(options.stsEndpoint());
        }
        return builder.build();
    }

    /** AssumeRoleWithWebIdentity, the token file re-read before every call. */
    static StsAssumeRoleWithWebIdentityCredentialsProvider webIdentityProvider(
            StsClient sts, WebIdentity identity, String sessionName, AuthOptions options, String context) {
        Supplier<AssumeRoleWithWebIdentityRequest> request = () -> {
            AssumeRoleWithWebIdentityRequest.Builder builder = AssumeRoleWithWebIdentityRequest.builder()
                    .roleArn(identity.roleArn())
                    .roleSessionName(sessionName)
                    .webIdentityToken(readToken(identity, context));
            Duration duration = options.sessionDuration();
            if (duration != null) {
                builder.durationSeconds((int) duration.toSeconds());
            }
            return builder.build();
        };
        return StsAssumeRoleWithWebIdentityCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request)
                .prefetchTime(options.prefetchTime())
                .staleTime(options.staleTime())
                .asyncCredentialUpdateEnabled(options.asyncCredentialUpdate())
                .build();
    }

    /** AssumeRole signed by {@code sts}'s credentials; external id, tags and transitive keys only when given. */
    static StsAssumeRoleCredentialsProvider assumeRoleProvider(
            StsClient sts,
            String roleArn,
            String sessionName,
            String externalId,
            List<Tag> sessionTags,
            List<String> transitiveTagKeys,
            AuthOptions options) {
        AssumeRoleRequest.Builder request =
                AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName(sessionName);
        if (externalId != null && !externalId.isEmpty()) {
            request.externalId(externalId);
        }
        if (!sessionTags.isEmpty()) {
            request.tags(sessionTags.stream()
                    .map(t -> software.amazon.awssdk.services.sts.model.Tag.builder()
                            .key(t.key())
                            .value(t.value())
                            .build())
                    .toList());
        }
        if (!transitiveTagKeys.isEmpty()) {
            request.transitiveTagKeys(transitiveTagKeys);
        }
        Duration duration = options.sessionDuration();
        if (duration != null) {
            request.durationSeconds((int) duration.toSeconds());
        }
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request.build())
                .prefetchTime(options.prefetchTime())
                .staleTime(options.staleTime())
                .asyncCredentialUpdateEnabled(options.asyncCredentialUpdate())
                .build();
    }

    /** The session name: the configured one, or {@code eso4j-<epochMillis>}. */
    static String sessionName(AuthOptions options) {
        return options.roleSessionName() != null ? options.roleSessionName() : "eso4j-" + System.currentTimeMillis();
    }
}
