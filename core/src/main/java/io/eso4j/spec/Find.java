package io.eso4j.spec;

import java.util.Map;
import java.util.Objects;

/**
 * ESO {@code dataFrom[].find}: every secret whose name matches {@code nameRegexp} (unanchored RE2) and/or that
 * carries all {@code tags}, optionally under the name prefix {@code path}. Keys are the full secret names; values
 * the whole payloads.
 *
 * @param path a name prefix (AWS {@code name} filter); empty for none
 * @param nameRegexp {@code name.regexp}; empty for none
 * @param tags tag key to tag value, each a prefix match on AWS's side
 */
public record Find(
        String path,
        String nameRegexp,
        Map<String, String> tags,
        ConversionStrategy conversionStrategy,
        DecodingStrategy decodingStrategy,
        NullBytePolicy nullBytePolicy) {

    public Find {
        path = Specs.text(path);
        nameRegexp = Specs.text(nameRegexp);
        tags = Specs.map(tags);
        conversionStrategy = Objects.requireNonNullElse(conversionStrategy, ConversionStrategy.DEFAULT);
        decodingStrategy = Objects.requireNonNullElse(decodingStrategy, DecodingStrategy.NONE);
        nullBytePolicy = Objects.requireNonNullElse(nullBytePolicy, NullBytePolicy.IGNORE);
    }
}
