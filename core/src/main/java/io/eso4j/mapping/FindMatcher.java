package io.eso4j.mapping;

import io.eso4j.SecretMappingException;
import io.eso4j.spec.GoRegexp;

/**
 * The {@code dataFrom[].find.name.regexp} filter: Go RE2 syntax, matched <em>unanchored</em> against the full secret
 * name (a search, not a full match), as ESO does ({@code runtime/find/find.go}), in time linear in the name (see
 * {@link GoRegexp}). Public so a provider can filter names before it fetches values.
 *
 * <p>Immutable and thread-safe.
 */
public final class FindMatcher {

    private final GoRegexp regexp;

    private FindMatcher(GoRegexp regexp) {
        this.regexp = regexp;
    }

    /**
     * Compiles {@code regexp}.
     *
     * @throws SecretMappingException {@code could not compile find.name.regexp [<re>]: <Go's error>}, ESO's text
     */
    public static FindMatcher compile(String regexp) {
        try {
            return new FindMatcher(GoRegexp.compile(regexp));
        } catch (GoRegexp.SyntaxException e) {
            throw new SecretMappingException(
                    "could not compile find.name.regexp [" + regexp + "]: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the expression matches anywhere in {@code secretName}.
     *
     * @throws SecretMappingException in the rare case {@link GoRegexp#matches(String)} describes
     */
    public boolean matches(String secretName) {
        return regexp.matches(secretName);
    }

    @Override
    public String toString() {
        return "FindMatcher[" + regexp.source() + "]";
    }
}
