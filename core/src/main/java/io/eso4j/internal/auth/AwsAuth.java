package io.eso4j.internal.auth;

import io.eso4j.SecretsException;
import io.eso4j.StoreConfigurationException;
import io.eso4j.auth.AuthOptions;
import io.eso4j.spec.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * AWS credentials eso4j built, ready for SDK clients, together with everything they need while alive: the STS
 * clients of each hop and the SDK providers' refresh tasks. The SDK's providers do the work (caching, prefetch
 * before expiry, re-reading the web identity token file); this type only assembles and owns them.
 *
 * <p>Build one per store (see {@link StoreCredentials} and {@link CredentialsCache}) and reuse it for every call,
 * so each set of temporary credentials costs one STS call per lifetime. Thread-safe. {@link #close()} stops the
 * background refresh and closes the STS clients; credentials are not usable afterwards. {@link #toString()} names
 * the chain (modes and role ARNs), never a key or token.
 */
public final class AwsAuth implements AwsCredentialsProvider, SdkAutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AwsAuth.class);

    private final String description;
    private final AwsCredentialsProvider provider;
    private final List<SdkAutoCloseable> owned;
    private final ReloadingStaticKeys reloadable;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AwsAuth(String description, AwsCredentialsProvider provider, List<SdkAutoCloseable> owned) {
        this(description, provider, owned, null);
    }

    private AwsAuth(
            String description,
            AwsCredentialsProvider provider,
            List<SdkAutoCloseable> owned,
            ReloadingStaticKeys reloadable) {
        this.description = description;
        this.provider = provider;
        this.owned = Collections.unmodifiableList(new ArrayList<>(owned));
        this.reloadable = reloadable;
    }

    /**
     * Static keys (with the session token when there is one) read from {@code source} now, re-read when older than
     * {@code interval} and when AWS rejects them ({@link #reloadAfterRejection()}).
     */
    static AwsAuth reloadingStaticKeys(Supplier<AwsCredentials> source, Duration interval, String description) {
        ReloadingStaticKeys keys = new ReloadingStaticKeys(source, interval, System::nanoTime, description);
        return new AwsAuth("static keys", keys, List.of(), keys);
    }

    /**
     * Called after AWS rejected these credentials (an unknown or deactivated access key, a bad signature, an expired
     * token): re-reads static keys from their source, once however many calls were rejected together.
     *
     * @return whether the keys changed, so that retrying the rejected call may succeed; false for credentials that
     *     are not static keys read from a source
     */
    public boolean reloadAfterRejection() {
        return reloadable != null && !closed.get() && reloadable.reloadAfterRejection();
    }

    /** Long-term keys. */
    public static AwsAuth staticKeys(String accessKeyId, String secretAccessKey) {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        return new AwsAuth(
                "static keys",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)),
                List.of());
    }

    /** Temporary keys with their session token (they are not refreshed). */
    public static AwsAuth staticKeys(String accessKeyId, String secretAccessKey, String sessionToken) {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        return new AwsAuth(
                "static session keys",
                StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken)),
                List.of());
    }

    /**
     * The SDK's default chain (system properties, environment, web identity, profile, container / EKS Pod
     * Identity, instance profile), a private instance honouring {@link AuthOptions#asyncCredentialUpdate()}; or, when
     * {@link AuthOptions#defaultCredentials()} is set, those credentials instead (not closed by {@link #close()}).
     */
    public static AwsAuth defaultChain(AuthOptions options) {
        if (options.defaultCredentials() != null) {
            return new AwsAuth("default credentials from AuthOptions", options.defaultCredentials(), List.of());
        }
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder()
                .asyncCredentialUpdateEnabled(options.asyncCredentialUpdate())
                .build();
        return new AwsAuth("default chain", chain, List.of(chain));
    }

    /**
     * IRSA: the pod's web identity token exchanged with AssumeRoleWithWebIdentity, the token file re-read before
     * every STS call. Token file and role come from {@code options}, else {@code AWS_WEB_IDENTITY_TOKEN_FILE} and
     * {@code AWS_ROLE_ARN}; the STS region from {@link AuthOptions#stsRegion()}, else {@code AWS_REGION}.
     *
     * @throws SecretsException naming the setting when the token file, role or region is missing, or naming the
     *     file when it cannot be read
     */
    public static AwsAuth irsa(AuthOptions options) {
        Region region = options.stsRegion();
        if (region == null) {
            String fromEnv = options.env("AWS_REGION");
            if (fromEnv == null) {
                throw new StoreConfigurationException(
                        "",
                        StoreConfigurationException.Setting.REGION,
                        "IRSA: no STS region: set AWS_REGION or AuthOptions.stsRegion",
                        null);
            }
            region = Region.of(fromEnv);
        }
        return irsa(options, region, "IRSA", "no role ARN", null);
    }

    /** Web identity base credentials; {@code serviceAccount} (may be null) is only reported. */
    static AwsAuth irsa(AuthOptions options, Region region, String context, String missingRole, String serviceAccount) {
        StsProviders.WebIdentity identity = StsProviders.webIdentity(options, context, missingRole);
        if (serviceAccount != null) {
            log.info(
                    "{}: uses the pod's web identity token file {} (from {}) and role {} (from {}) instead of a"
                            + " token requested for service account {}",
                    context,
                    identity.tokenFile(),
                    identity.tokenFileSetting(),
                    identity.roleArn(),
                    identity.roleArnSetting(),
                    serviceAccount);
        }
        StsClient sts = StsProviders.webIdentityClient(options, region);
        try {
            AwsCredentialsProvider provider = StsProviders.webIdentityProvider(
                    sts, identity, StsProviders.sessionName(options), options, context);
            return new AwsAuth(
                    "web identity " + identity.roleArn(), provider, List.of(sts, (SdkAutoCloseable) provider));
        } catch (RuntimeException e) {
            sts.close();
            throw e;
        }
    }

    /**
     * These credentials, then AssumeRole of {@code roleArn} signed with them. The result owns this one: closing it
     * closes both.
     */
    AwsAuth thenAssumeRole(
            String roleArn,
            String externalId,
            List<Tag> sessionTags,
            List<String> transitiveTagKeys,
            Region region,
            AuthOptions options) {
        StsClient sts = StsProviders.client(options, region, this);
        try {
            AwsCredentialsProvider next = StsProviders.assumeRoleProvider(
                    sts,
                    roleArn,
                    StsProviders.sessionName(options),
                    externalId,
                    sessionTags,
                    transitiveTagKeys,
                    options);
            List<SdkAutoCloseable> all = new ArrayList<>(owned);
            all.add(sts);
            all.add((SdkAutoCloseable) next);
            return new AwsAuth(description + " -> assume role " + roleArn, next, all, reloadable);
        } catch (RuntimeException e) {
            sts.close();
            throw e;
        }
    }

    @Override
    public AwsCredentials resolveCredentials() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        return provider.resolveCredentials();
    }

    /** Stops refreshing and closes the STS clients, last hop first. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (RuntimeException e) {
                log.debug("closing {} of {} failed", owned.get(i).getClass().getSimpleName(), description, e);
            }
        }
    }

    /** The chain's modes and role ARNs; never a key, token or external id. */
    @Override
    public String toString() {
        return "AwsAuth[" + description + "]";
    }
}
