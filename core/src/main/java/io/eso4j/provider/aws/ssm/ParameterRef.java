package io.eso4j.provider.aws.ssm;

import java.util.Objects;

/**
 * One parameter (and optionally one version of it) as a fetch plan names it: the key as written in the spec,
 * without the store prefix, and ESO's {@code remoteRef.version} for Parameter Store, a version number or a label.
 * Equal requests compare equal, so a plan deduplicates them.
 *
 * @param key the parameter name (or ARN) without the store prefix
 * @param version a version number ({@code "3"}) or label ({@code "prod"}); empty for the current version
 */
public record ParameterRef(String key, String version) {

    /** Normalises a null version to empty. */
    public ParameterRef {
        Objects.requireNonNull(key, "key");
        version = version == null ? "" : version;
    }

    /** The current version of {@code key}. */
    public static ParameterRef current(String key) {
        return new ParameterRef(key, "");
    }

    /**
     * The name to send: the prefix and key, with {@code :version} appended when a version is given, as ESO's
     * {@code parameterNameWithVersion} forms it (the prefix is prepended verbatim, no separator added).
     */
    public String requestName(String prefix) {
        String name = prefix + key;
        return version.isEmpty() ? name : name + ":" + version;
    }
}
