package io.eso4j.testkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Who may assume a role through the fake's {@code AssumeRole}: anyone holding credentials the fake knows, or only
 * some callers (by access key id); optionally only with a given {@code ExternalId}. A role's trust policy in
 * miniature. Immutable.
 *
 * @param callerAccessKeyIds the access key ids allowed; empty means any known caller
 * @param externalId the ExternalId the caller must send, or null when none is required
 */
public record RoleTrust(Set<String> callerAccessKeyIds, String externalId) {

    /** Copies the set. */
    public RoleTrust {
        callerAccessKeyIds = Set.copyOf(callerAccessKeyIds);
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
        return new RoleTrust(callerAccessKeyIds, Objects.requireNonNull(externalId, "externalId"));
    }

    /** The external id is a shared secret of sorts; it is left out. */
    @Override
    public String toString() {
        return "RoleTrust[callers=" + (callerAccessKeyIds.isEmpty() ? "anyone" : callerAccessKeyIds)
                + ", externalIdRequired=" + (externalId != null) + "]";
    }
}
