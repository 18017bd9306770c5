package io.eso4j.spec;

import java.util.Objects;

/**
 * ESO {@code spec.target}: the Secret an ExternalSecret produces.
 *
 * @param name the Secret's name; empty means the ExternalSecret's name
 * @param template the blueprint, or {@code null} for the plain fetched data
 */
public record Target(
        String name,
        CreationPolicy creationPolicy,
        DeletionPolicy deletionPolicy,
        boolean immutable,
        Template template) {

    public static final Target DEFAULT = new Target("", null, null, false, null);

    public Target {
        name = Specs.text(name);
        creationPolicy = Objects.requireNonNullElse(creationPolicy, CreationPolicy.OWNER);
        deletionPolicy = Objects.requireNonNullElse(deletionPolicy, DeletionPolicy.RETAIN);
    }
}
