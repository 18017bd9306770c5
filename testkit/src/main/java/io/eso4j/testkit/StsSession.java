package io.eso4j.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A session the fake STS issued, recorded so tests can assert what a client asked for (role, session name,
 * session tags, external id). Holds the issued access key id but never the secret key or the session token, and
 * never the web identity token.
 *
 * @param operation {@code "AssumeRoleWithWebIdentity"} or {@code "AssumeRole"}
 * @param roleArn the role assumed
 * @param roleSessionName the session name the caller chose
 * @param callerAccessKeyId the access key id that signed an AssumeRole call; null for web identity
 * @param externalId the ExternalId sent, or null
 * @param durationSeconds the session duration granted
 * @param tags the session tags ({@code Tags.member.N}), in request order
 * @param transitiveTagKeys the {@code TransitiveTagKeys.member.N}, in request order
 * @param accessKeyId the temporary access key id issued ({@code ASIA...})
 * @param expiration when the temporary credentials expire (fake clock)
 */
public record StsSession(
        String operation,
        String roleArn,
        String roleSessionName,
        String callerAccessKeyId,
        String externalId,
        int durationSeconds,
        Map<String, String> tags,
        List<String> transitiveTagKeys,
        String accessKeyId,
        Instant expiration) {

    /** Copies the collections. */
    public StsSession {
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
    }
}
