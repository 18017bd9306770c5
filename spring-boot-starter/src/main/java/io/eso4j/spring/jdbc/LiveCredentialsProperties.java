package io.eso4j.spring.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Live database credentials: {@code eso4j.datasource.live-credentials.*}. */
@ConfigurationProperties(LiveCredentialsProperties.PREFIX)
public class LiveCredentialsProperties {

    static final String PREFIX = "eso4j.datasource.live-credentials";

    /**
     * Whether connection pools follow ExternalSecret changes of the credentials they were built from (new connections
     * use the new credentials, old connections are retired softly).
     */
    private boolean enabled = true;

    /** Names of DataSource beans left alone: they keep the credentials they started with. */
    private List<String> excludedBeans = new ArrayList<>();

    /**
     * Whether a pool whose new connection is refused for its credentials (SQLState class 28) refreshes its
     * ExternalSecrets at once and retries that connection once with what they give.
     */
    private boolean retryOnAuthenticationFailure = true;

    /**
     * The shortest time between two refreshes forced by authentication failures of one pool; failures in between
     * retry only with credentials that have already changed, so a wrong password in AWS calls AWS once per interval.
     */
    private Duration minForcedRefreshInterval = Duration.ofSeconds(10);

    /** How long a connection attempt waits for a forced refresh. */
    private Duration forcedRefreshTimeout = Duration.ofSeconds(10);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getExcludedBeans() {
        return excludedBeans;
    }

    public void setExcludedBeans(List<String> excludedBeans) {
        this.excludedBeans = excludedBeans;
    }

    public boolean isRetryOnAuthenticationFailure() {
        return retryOnAuthenticationFailure;
    }

    public void setRetryOnAuthenticationFailure(boolean retryOnAuthenticationFailure) {
        this.retryOnAuthenticationFailure = retryOnAuthenticationFailure;
    }

    public Duration getMinForcedRefreshInterval() {
        return minForcedRefreshInterval;
    }

    public void setMinForcedRefreshInterval(Duration minForcedRefreshInterval) {
        this.minForcedRefreshInterval = minForcedRefreshInterval;
    }

    public Duration getForcedRefreshTimeout() {
        return forcedRefreshTimeout;
    }

    public void setForcedRefreshTimeout(Duration forcedRefreshTimeout) {
        this.forcedRefreshTimeout = forcedRefreshTimeout;
    }
}
