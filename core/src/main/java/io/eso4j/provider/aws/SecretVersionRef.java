package io.eso4j.provider.aws;

import java.util.Objects;

/**
 * One version of one remote secret, as a fetch plan names it: the key as written in the spec (without the store
 * prefix) and the version in ESO's notation, normalised so that equal requests compare equal: an empty version
 * becomes {@code AWSCURRENT}.
 *
 * @param key the secret name or ARN, without the store prefix
 * @param version {@code AWSCURRENT}, another stage, or {@code uuid/<version-id>}
 */
public record SecretVersionRef(String key, String version) {

    /** The stage AWS reads when no version is given. */
    public static final String CURRENT = "AWSCURRENT";

    private static final String VERSION_ID_PREFIX = "uuid/";

    public SecretVersionRef {
        Objects.requireNonNull(key, "key");
        version = version == null || version.isEmpty() ? CURRENT : version;
    }

    public static SecretVersionRef current(String key) {
        return new SecretVersionRef(key, CURRENT);
    }

    /** The {@code VersionId} to send, or {@code null} when the version names a stage. */
    String versionId() {
        return version.startsWith(VERSION_ID_PREFIX) ? version.substring(VERSION_ID_PREFIX.length()) : null;
    }

    /** The {@code VersionStage} to send, or {@code null} when the version is a version id. */
    String versionStage() {
        return version.startsWith(VERSION_ID_PREFIX) ? null : version;
    }
}
