package io.eso4j.testkit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who may assume a role through the fake's {@code AssumeRole}: anyone holding credentials the fake knows, or only
 * some callers (by access key id); optionally only with a given {@code ExternalId}, and only with given session
 * tags (a trust policy's {@code sts:TagSession} statement with {@code aws:RequestTag/<key>} conditions). A role's
 * trust policy in miniature. Immutable.
 *
 * @param callerAccessKeyIds the access key ids allowed; empty means any known caller
 * @param externalId the ExternalId the caller must send, or null when none is required
 * @param requiredTags session tags ({@code Tags.member.N}) the call must carry with exactly these values; empty
 *     means no condition
 */
public record RoleTrust(Set<String> callerAccessKeyIds, String externalId, Map<String, String> requiredTags) {

    /** Copies the set and the map. */
    public RoleTrust {
        callerAccessKeyIds = Set.copyOf(callerAccessKeyIds);
        requiredTags = requiredTags == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requiredTags));
    }

    /** Trust without a session tag condition. */
    public RoleTrust(Set<String> callerAccessKeyIds, String externalId) {
        this(callerAccessKeyIds, externalId, Map.of());
    }

    /** Any caller the fake can authenticate, no ExternalId. */
    public static RoleTrust anyone() {
        return new RoleTrust(Set.of(), null);
    }

    /** Only these callers (access key ids), no ExternalId. */
    public static RoleTrust callers(String... accessKeyIds) {
        return new RoleTrust(Set.copyOf(Arrays.asList(accessKeyIds)), null);
    }

    /** The same callers, but the call must carry this ExternalId. */
    public RoleTrust withExternalId(String externalId) {
        return new RoleTrust(callerAccessKeyIds, Objects.requireNonNull(externalId, "externalId"), requiredTags);
    }

    /**
     * The same trust, but the call must also carry the session tag {@code key} with {@code value} (tag values are
     * not secrets; AWS logs them in CloudTrail).
     */
    public RoleTrust requiringTag(String key, String value) {
        Map<String, String> tags = new LinkedHashMap<>(requiredTags);
        tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new RoleTrust(callerAccessKeyIds, externalId, tags);
    }

    /** The external id is a shared secret of sorts; it is left out. */
    @Override
    public String toString() {
        return "RoleTrust[callers=" + (callerAccessKeyIds.isEmpty() ? "anyone" : callerAccessKeyIds)
                + ", externalIdRequired=" + (externalId != null) + ", requiredTags=" + requiredTags + "]";
    }
}
