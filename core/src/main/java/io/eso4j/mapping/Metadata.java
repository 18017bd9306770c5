package io.eso4j.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code metadataPolicy: Fetch}: a secret's tags as the JSON ESO builds from them, which then stands in for the
 * secret's value. Stateless.
 */
final class Metadata {

    private Metadata() {}

    /** Go's {@code json.Marshal} of the tag map: compact, keys sorted, HTML characters escaped; {@code {}} if none. */
    static String tagsJson(Map<String, String> tags) {
        return Json.write(new LinkedHashMap<String, Object>(tags), true);
    }
}
