package io.eso4j.provider.aws;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A {@code dataFrom.find} as the provider needs it: the AWS-side filters ({@code path} as a name prefix, tags as
 * {@code tag-key}/{@code tag-value} prefix filters) and the client-side name test compiled from
 * {@code find.name.regexp} by the mapping layer.
 *
 * @param path the name prefix, empty for none
 * @param tags tag key to tag value, kept sorted by key; empty for none
 * @param nameMatcher the name test, or {@code null} when the find has no {@code name.regexp}
 */
public record FindQuery(String path, Map<String, String> tags, Predicate<String> nameMatcher) {

    public FindQuery {
        path = Objects.requireNonNullElse(path, "");
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    boolean hasName() {
        return nameMatcher != null;
    }

    boolean matches(String name) {
        return nameMatcher == null || nameMatcher.test(name);
    }
}
