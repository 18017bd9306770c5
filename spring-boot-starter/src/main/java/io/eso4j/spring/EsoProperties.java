package io.eso4j.spring;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code eso4j.*} settings: how {@code spring.config.import=eso:...} reaches AWS, the store of the {@code
 * eso:aws:} short form, how keys become property names, and health. Bound once from the bootstrap {@code Binder}
 * while config data is imported, converted into core types there, and bound again as a bean for the actuator
 * parts.
 *
 * <p>A mutable JavaBean for Spring's binder; not thread-safe, treat it as read-only once bound.
 */
@ConfigurationProperties(prefix = EsoProperties.PREFIX)
public class EsoProperties {

    /** The prefix of every eso4j property. */
    public static final String PREFIX = "eso4j";

    /** Whether eso4j imports and auto-configuration are on; off, eso: imports give no properties. */
    private boolean enabled = true;

    /** Prepended to every property name of every eso: import, before any ?prefix=. */
    private String prefix = "";

    /**
     * Whether a value that is a JSON object is also offered as dotted properties (key db holding an object
     * with field host also gives db.host), for @ConfigurationProperties binding.
     */
    private boolean flattenJson = false;

    /**
     * AWS endpoint for every store (Secrets Manager, Parameter Store and Certificate Manager alike), for example a
     * local fake. Default: the SDK's resolution per service, which honours AWS_ENDPOINT_URL_SECRETS_MANAGER,
     * AWS_ENDPOINT_URL_SSM, AWS_ENDPOINT_URL_ACM and AWS_ENDPOINT_URL.
     */
    private URI endpoint;

    /**
     * Directory of mounted Kubernetes secrets (DIR/SECRET/KEY) where the keys named by stores'
     * auth.secretRef are looked up.
     */
    private String secretKeysPath;

    /**
     * Values of the keys named by stores' auth.secretRef, as eso4j.secret-keys.[SECRET/KEY]; consulted before
     * secret-keys-path.
     */
    private Map<String, String> secretKeys = new LinkedHashMap<>();

    private final Store store = new Store();

    private final Sts sts = new Sts();

    private final Health health = new Health();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public boolean isFlattenJson() {
        return flattenJson;
    }

    public void setFlattenJson(boolean flattenJson) {
        this.flattenJson = flattenJson;
    }

    public URI getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    public String getSecretKeysPath() {
        return secretKeysPath;
    }

    public void setSecretKeysPath(String secretKeysPath) {
        this.secretKeysPath = secretKeysPath;
    }

    public Map<String, String> getSecretKeys() {
        return secretKeys;
    }

    public void setSecretKeys(Map<String, String> secretKeys) {
        this.secretKeys = secretKeys;
    }

    public Store getStore() {
        return store;
    }

    public Sts getSts() {
        return sts;
    }

    public Health getHealth() {
        return health;
    }

    @Override
    public String toString() {
        return "EsoProperties[enabled=" + enabled + ", prefix=" + prefix + ", endpoint=" + endpoint + "]";
    }

    /** The SecretStore that {@code eso:aws:NAME;NAME2} imports read from. */
    public static class Store {

        /** AWS region of the store. Default: the SDK's region chain (AWS_REGION, profile, instance metadata). */
        private String region;

        /** IAM role ARN to assume before reading (the store's role). */
        private String role;

        /** How often each short-form secret is refreshed; 0 reads once. */
        private Duration refreshInterval = Duration.ofHours(1);

        private final Auth auth = new Auth();

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }

        public Duration getRefreshInterval() {
            return refreshInterval;
        }

        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }

        public Auth getAuth() {
            return auth;
        }
    }

    /**
     * Static keys of the short-form store. Without them the store uses the SDK's default chain, which covers
     * IRSA (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN), environment variables, profiles and instance roles.
     */
    public static class Auth {

        /** Access key id. */
        private String accessKeyId;

        /** Secret access key. */
        private String secretAccessKey;

        /** Session token, for temporary keys. */
        private String sessionToken;

        public String getAccessKeyId() {
            return accessKeyId;
        }

        public void setAccessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
        }

        public String getSecretAccessKey() {
            return secretAccessKey;
        }

        public void setSecretAccessKey(String secretAccessKey) {
            this.secretAccessKey = secretAccessKey;
        }

        public String getSessionToken() {
            return sessionToken;
        }

        public void setSessionToken(String sessionToken) {
            this.sessionToken = sessionToken;
        }

        @Override
        public String toString() {
            return "Auth[accessKeyId=" + (accessKeyId == null ? "unset" : "set") + ", secretAccessKey=<redacted>]";
        }
    }

    /** STS settings for IRSA and role chains. Every one defaults to the SDK's and the standard variables'. */
    public static class Sts {

        /** STS endpoint. */
        private URI endpoint;

        /** STS region. Default: AWS_REGION. */
        private String region;

        /** Web identity token file. Default: AWS_WEB_IDENTITY_TOKEN_FILE. */
        private String webIdentityTokenFile;

        /** Role assumed with the web identity token. Default: AWS_ROLE_ARN. */
        private String roleArn;

        /** Session name of assumed roles. */
        private String roleSessionName;

        public URI getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public String getWebIdentityTokenFile() {
            return webIdentityTokenFile;
        }

        public void setWebIdentityTokenFile(String webIdentityTokenFile) {
            this.webIdentityTokenFile = webIdentityTokenFile;
        }

        public String getRoleArn() {
            return roleArn;
        }

        public void setRoleArn(String roleArn) {
            this.roleArn = roleArn;
        }

        public String getRoleSessionName() {
            return roleSessionName;
        }

        public void setRoleSessionName(String roleSessionName) {
            this.roleSessionName = roleSessionName;
        }
    }

    /** The actuator health indicator. */
    public static class Health {

        /**
         * How long an ExternalSecret may go without a successful refresh while failing before health is DOWN; 0
         * turns health DOWN on the first failure.
         */
        private Duration stalenessThreshold = Duration.ofHours(2);

        public Duration getStalenessThreshold() {
            return stalenessThreshold;
        }

        public void setStalenessThreshold(Duration stalenessThreshold) {
            this.stalenessThreshold = stalenessThreshold;
        }
    }
}
