package io.eso4j.auth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How eso4j talks to STS and caches temporary credentials, and how long any AWS call it makes may take: the settings
 * a store's spec cannot carry because ESO takes them from its controller's environment or the Kubernetes API. Every
 * setting has a default, so {@link #defaults()} suits a pod with IRSA or any other SDK-supported environment.
 *
 * <p>The call timeouts ({@link #apiCallTimeout()}, {@link #apiCallAttemptTimeout()}) apply to every client eso4j
 * builds: the STS clients of credentials built here, and the Secrets Manager clients {@code ExternalSecrets} builds
 * (not those a caller hands in through {@code ExternalSecrets.Builder.awsClients}).
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} or adjust one with {@link #toBuilder()}. Holds no
 * secret: the token file is a path, never its contents.
 */
public final class AuthOptions {

    /** The environment variable IRSA sets to the projected service account token file. */
    public static final String TOKEN_FILE_ENV = "AWS_WEB_IDENTITY_TOKEN_FILE";

    /** The environment variable IRSA sets to the service account's role ARN. */
    public static final String ROLE_ARN_ENV = "AWS_ROLE_ARN";

    private static final AuthOptions DEFAULTS = new Builder().build();

    private final URI stsEndpoint;
    private final Region stsRegion;
    private final Path webIdentityTokenFile;
    private final String webIdentityRoleArn;
    private final String roleSessionName;
    private final Duration sessionDuration;
    private final Duration prefetchTime;
    private final Duration staleTime;
    private final boolean asyncCredentialUpdate;
    private final Duration apiCallTimeout;
    private final Duration apiCallAttemptTimeout;
    private final AwsCredentialsProvider defaultCredentials;
    private final Duration staticKeyRereadInterval;
    private final Function<String, String> environment;

    private AuthOptions(Builder builder) {
        this.stsEndpoint = builder.stsEndpoint;
        this.stsRegion = builder.stsRegion;
        this.webIdentityTokenFile = builder.webIdentityTokenFile;
        this.webIdentityRoleArn = builder.webIdentityRoleArn;
        this.roleSessionName = builder.roleSessionName;
        this.sessionDuration = builder.sessionDuration;
        this.prefetchTime = builder.prefetchTime;
        this.staleTime = builder.staleTime;
        this.asyncCredentialUpdate = builder.asyncCredentialUpdate;
        this.apiCallTimeout = builder.apiCallTimeout;
        this.apiCallAttemptTimeout = builder.apiCallAttemptTimeout;
        this.defaultCredentials = builder.defaultCredentials;
        this.staticKeyRereadInterval = builder.staticKeyRereadInterval;
        this.environment = builder.environment;
    }

    /** Every setting at its default. */
    public static AuthOptions defaults() {
        return DEFAULTS;
    }

    /** A builder with every setting at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The STS endpoint, or null for the SDK's resolution (which honours {@code AWS_ENDPOINT_URL_STS}). */
    public URI stsEndpoint() {
        return stsEndpoint;
    }

    /** The STS region, or null for the store's region (regional STS, as ESO does). */
    public Region stsRegion() {
        return stsRegion;
    }

    /** The web identity token file, or null for {@value #TOKEN_FILE_ENV}. */
    public Path webIdentityTokenFile() {
        return webIdentityTokenFile;
    }

    /** The role {@code auth.jwt} exchanges the token for, or null for {@value #ROLE_ARN_ENV}. */
    public String webIdentityRoleArn() {
        return webIdentityRoleArn;
    }

    /** The STS role session name, or null for {@code eso4j-<epochMillis>} (chosen when the credentials are built). */
    public String roleSessionName() {
        return roleSessionName;
    }

    /** The requested session duration, or null to send none (STS then grants one hour, as for ESO). */
    public Duration sessionDuration() {
        return sessionDuration;
    }

    /** How long before expiry a refresh starts while the old credentials are still used. Default 5 minutes. */
    public Duration prefetchTime() {
        return prefetchTime;
    }

    /** How long before expiry credentials are no longer used and callers wait for new ones. Default 1 minute. */
    public Duration staleTime() {
        return staleTime;
    }

    /** Whether credentials are refreshed on a background thread before they go stale. Default true. */
    public boolean asyncCredentialUpdate() {
        return asyncCredentialUpdate;
    }

    /** The most one AWS call may take, all retries included; see {@link Builder#apiCallTimeout}. */
    public Duration apiCallTimeout() {
        return apiCallTimeout;
    }

    /** The most one attempt of an AWS call may take; see {@link Builder#apiCallAttemptTimeout}. */
    public Duration apiCallAttemptTimeout() {
        return apiCallAttemptTimeout;
    }

    /**
     * The credentials of stores whose {@code auth} names neither {@code jwt} nor {@code secretRef} (and the first hop
     * of their role chains), or null for the SDK's default chain.
     */
    public AwsCredentialsProvider defaultCredentials() {
        return defaultCredentials;
    }

    /** How often static keys are re-read from their source; see {@link Builder#staticKeyRereadInterval}. */
    public Duration staticKeyRereadInterval() {
        return staticKeyRereadInterval;
    }

    /** An environment variable, through the lookup in force (the process environment unless a test replaced it). */
    public String env(String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Paths, ARNs and durations only; there is nothing secret here. */
    @Override
    public String toString() {
        return "AuthOptions[stsEndpoint=" + (stsEndpoint == null ? "sdk default" : stsEndpoint)
                + ", stsRegion=" + (stsRegion == null ? "store region" : stsRegion)
                + ", webIdentityTokenFile="
                + (webIdentityTokenFile == null ? "$" + TOKEN_FILE_ENV : webIdentityTokenFile)
                + ", webIdentityRoleArn=" + (webIdentityRoleArn == null ? "$" + ROLE_ARN_ENV : webIdentityRoleArn)
                + ", roleSessionName=" + (roleSessionName == null ? "eso4j-<epochMillis>" : roleSessionName)
                + ", sessionDuration=" + (sessionDuration == null ? "sts default" : sessionDuration)
                + ", prefetchTime=" + prefetchTime
                + ", staleTime=" + staleTime
                + ", asyncCredentialUpdate=" + asyncCredentialUpdate
                + ", apiCallTimeout=" + apiCallTimeout
                + ", apiCallAttemptTimeout=" + apiCallAttemptTimeout
                + ", defaultCredentials=" + (defaultCredentials == null ? "sdk default chain" : "provided")
                + ", staticKeyRereadInterval=" + staticKeyRereadInterval + "]";
    }

    /** Builds {@link AuthOptions}. Not thread-safe. */
    public static final class Builder {

        private static final Duration MIN_SESSION = Duration.ofSeconds(900);
        private static final Duration MAX_SESSION = Duration.ofSeconds(43200);
        private static final long DEFAULT_API_CALL_TIMEOUT_SECONDS = 30;
        private static final long DEFAULT_API_CALL_ATTEMPT_TIMEOUT_SECONDS = 10;
        private static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(DEFAULT_API_CALL_TIMEOUT_SECONDS);
        private static final Duration DEFAULT_API_CALL_ATTEMPT_TIMEOUT =
                Duration.ofSeconds(DEFAULT_API_CALL_ATTEMPT_TIMEOUT_SECONDS);

        private URI stsEndpoint;
        private Region stsRegion;
        private Path webIdentityTokenFile;
        private String webIdentityRoleArn;
        private String roleSessionName;
        private Duration sessionDuration;
        private Duration prefetchTime = Duration.ofMinutes(5);
        private Duration staleTime = Duration.ofMinutes(1);
        private boolean asyncCredentialUpdate = true;
        private Duration apiCallTimeout = DEFAULT_API_CALL_TIMEOUT;
        private Duration apiCallAttemptTimeout = DEFAULT_API_CALL_ATTEMPT_TIMEOUT;
        private AwsCredentialsProvider defaultCredentials;
        private Duration staticKeyRereadInterval = Duration.ofMinutes(1);
        private Function<String, String> environment = System::getenv;

        private Builder() {}

        private Builder(AuthOptions options) {
            this.stsEndpoint = options.stsEndpoint;
            this.stsRegion = options.stsRegion;
            this.webIdentityTokenFile = options.webIdentityTokenFile;
            this.webIdentityRoleArn = options.webIdentityRoleArn;
            this.roleSessionName = options.roleSessionName;
            this.sessionDuration = options.sessionDuration;
            this.prefetchTime = options.prefetchTime;
            this.staleTime = options.staleTime;
            this.asyncCredentialUpdate = options.asyncCredentialUpdate;
            this.apiCallTimeout = options.apiCallTimeout;
            this.apiCallAttemptTimeout = options.apiCallAttemptTimeout;
            this.defaultCredentials = options.defaultCredentials;
            this.staticKeyRereadInterval = options.staticKeyRereadInterval;
            this.environment = options.environment;
        }

        /** Sends STS calls here. Default: the SDK's resolution, honouring {@code AWS_ENDPOINT_URL_STS}. */
        public Builder stsEndpoint(URI stsEndpoint) {
            this.stsEndpoint = Objects.requireNonNull(stsEndpoint, "stsEndpoint");
            return this;
        }

        /** Uses this STS region for every store. Default: each store's {@code region}. */
        public Builder stsRegion(Region stsRegion) {
            this.stsRegion = Objects.requireNonNull(stsRegion, "stsRegion");
            return this;
        }

        /**
         * Reads the web identity token from this file (re-read before every STS call). Default: the file named by
         * {@value AuthOptions#TOKEN_FILE_ENV}.
         */
        public Builder webIdentityTokenFile(Path webIdentityTokenFile) {
            this.webIdentityTokenFile = Objects.requireNonNull(webIdentityTokenFile, "webIdentityTokenFile");
            return this;
        }

        /** Exchanges the web identity token for this role. Default: {@value AuthOptions#ROLE_ARN_ENV}. */
        public Builder webIdentityRoleArn(String webIdentityRoleArn) {
            this.webIdentityRoleArn = requireText(webIdentityRoleArn, "webIdentityRoleArn");
            return this;
        }

        /** Names STS sessions so. Default: {@code eso4j-<epochMillis>}. STS allows 2..64 of {@code [\w+=,.@-]}. */
        public Builder roleSessionName(String roleSessionName) {
            this.roleSessionName = requireText(roleSessionName, "roleSessionName");
            return this;
        }

        /** Asks STS for sessions this long (900 s to 12 h). Default: none sent, so STS grants one hour. */
        public Builder sessionDuration(Duration sessionDuration) {
            Objects.requireNonNull(sessionDuration, "sessionDuration");
            if (sessionDuration.compareTo(MIN_SESSION) < 0 || sessionDuration.compareTo(MAX_SESSION) > 0) {
                throw new IllegalArgumentException("sessionDuration must be between 900 s and 43200 s");
            }
            this.sessionDuration = sessionDuration;
            return this;
        }

        /** Starts refreshing this long before expiry (the SDK jitters it). Default 5 minutes. */
        public Builder prefetchTime(Duration prefetchTime) {
            this.prefetchTime = nonNegative(prefetchTime, "prefetchTime");
            return this;
        }

        /** Stops using credentials this long before expiry. Default 1 minute. */
        public Builder staleTime(Duration staleTime) {
            this.staleTime = nonNegative(staleTime, "staleTime");
            return this;
        }

        /**
         * Refreshes on a background thread before credentials go stale (the SDK's non-blocking prefetch), so no
         * Secrets Manager call waits for STS. Default true; false refreshes on the calling thread.
         */
        public Builder asyncCredentialUpdate(boolean asyncCredentialUpdate) {
            this.asyncCredentialUpdate = asyncCredentialUpdate;
            return this;
        }

        /**
         * The most one AWS call may take, every attempt and the waits between them included; the SDK then fails it
         * with {@code ApiCallTimeoutException}, which eso4j reports as a failed refresh (the last good value stays).
         * Without it an endpoint that never answers cost 4 attempts × the 30 s socket timeout, and one that drips a
         * byte now and then blocked forever. Default 30 seconds.
         */
        public Builder apiCallTimeout(Duration apiCallTimeout) {
            this.apiCallTimeout = positive(apiCallTimeout, "apiCallTimeout");
            return this;
        }

        /**
         * The most one attempt of an AWS call may take (the SDK retries a timed-out attempt while the call's
         * {@link #apiCallTimeout} allows). Default 10 seconds.
         */
        public Builder apiCallAttemptTimeout(Duration apiCallAttemptTimeout) {
            this.apiCallAttemptTimeout = positive(apiCallAttemptTimeout, "apiCallAttemptTimeout");
            return this;
        }

        /**
         * Uses these credentials where a store's {@code auth} names neither {@code jwt} nor {@code secretRef}, in
         * place of the SDK's default chain (environment, profile, container and instance metadata); role chains then
         * start from them. For tests and offline tools: {@code eso4j render --fixture} passes the fake's keys, so no
         * store reaches for instance metadata. The caller owns the provider. Default: the SDK's default chain.
         */
        public Builder defaultCredentials(AwsCredentialsProvider defaultCredentials) {
            this.defaultCredentials = Objects.requireNonNull(defaultCredentials, "defaultCredentials");
            return this;
        }

        /**
         * Re-reads a store's {@code auth.secretRef} keys from the {@link SecretKeyResolver} (mounted Secret files)
         * when they were read longer ago than this, so that rotated keys are picked up; keys AWS rejects are re-read
         * at once whatever this says. Zero re-reads before every call. Default 1 minute.
         */
        public Builder staticKeyRereadInterval(Duration staticKeyRereadInterval) {
            this.staticKeyRereadInterval = nonNegative(staticKeyRereadInterval, "staticKeyRereadInterval");
            return this;
        }

        /** Replaces the process environment, for tests. */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException when the stale time is longer than the prefetch time
         */
        public AuthOptions build() {
            if (staleTime.compareTo(prefetchTime) > 0) {
                throw new IllegalArgumentException("staleTime must not be longer than prefetchTime");
            }
            return new AuthOptions(this);
        }

        private static String requireText(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value.trim();
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return value;
        }
    }
}
