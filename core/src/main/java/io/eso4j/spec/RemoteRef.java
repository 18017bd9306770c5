package io.eso4j.spec;

import java.util.Objects;

/**
 * ESO {@code ExternalSecretDataRemoteRef}: one remote secret, as {@code data[].remoteRef} or
 * {@code dataFrom[].extract}.
 *
 * @param key the AWS secret id (name or ARN), without the store prefix
 * @param property a gjson path into the JSON payload; empty for the whole value
 * @param version empty for {@code AWSCURRENT}, {@code uuid/<id>} for a version id, anything else a stage
 * @param metadataPolicy {@code Fetch} reads the tags instead of the value
 * @param decodingStrategy applied to the fetched value(s)
 * @param conversionStrategy applied to extracted keys (ignored for {@code data[]}, as in ESO)
 * @param nullBytePolicy whether NUL bytes in a value fail the sync
 */
public record RemoteRef(
        String key,
        String property,
        String version,
        MetadataPolicy metadataPolicy,
        DecodingStrategy decodingStrategy,
        ConversionStrategy conversionStrategy,
        NullBytePolicy nullBytePolicy) {

    public RemoteRef {
        key = Specs.text(key);
        property = Specs.text(property);
        version = Specs.text(version);
        metadataPolicy = Objects.requireNonNullElse(metadataPolicy, MetadataPolicy.NONE);
        decodingStrategy = Objects.requireNonNullElse(decodingStrategy, DecodingStrategy.NONE);
        conversionStrategy = Objects.requireNonNullElse(conversionStrategy, ConversionStrategy.DEFAULT);
        nullBytePolicy = Objects.requireNonNullElse(nullBytePolicy, NullBytePolicy.IGNORE);
    }

    /** A reference to the current version of {@code key}, with every policy at its default. */
    public static RemoteRef of(String key) {
        return new RemoteRef(key, null, null, null, null, null, null);
    }

    public RemoteRef withProperty(String newProperty) {
        return new RemoteRef(
                key, newProperty, version, metadataPolicy, decodingStrategy, conversionStrategy, nullBytePolicy);
    }
}
