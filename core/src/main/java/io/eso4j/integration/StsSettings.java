package io.eso4j.integration;

import io.eso4j.auth.AuthOptions;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.regions.Region;

/**
 * STS settings as a framework binds them (each {@code null} when not set), turned into {@link
 * AuthOptions}: what is set replaces the default of {@link AuthOptions#defaults()}, the rest stays. Immutable.
 *
 * @param endpoint the STS endpoint
 * @param region the STS region
 * @param webIdentityTokenFile the web identity (IRSA) token file
 * @param roleArn the web identity role
 * @param roleSessionName the session name of assumed roles
 */
public record StsSettings(
        URI endpoint, String region, String webIdentityTokenFile, String roleArn, String roleSessionName) {

    /** The options: {@link AuthOptions#defaults()} with every setting that is set. */
    public AuthOptions toAuthOptions() {
        AuthOptions.Builder builder = AuthOptions.defaults().toBuilder();
        if (endpoint != null) {
            builder.stsEndpoint(endpoint);
        }
        if (region != null) {
            builder.stsRegion(Region.of(region));
        }
        if (webIdentityTokenFile != null) {
            builder.webIdentityTokenFile(Path.of(webIdentityTokenFile));
        }
        if (roleArn != null) {
            builder.webIdentityRoleArn(roleArn);
        }
        if (roleSessionName != null) {
            builder.roleSessionName(roleSessionName);
        }
        return builder.build();
    }
}
