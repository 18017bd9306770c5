package io.eso4j.spec;

import java.util.Objects;

/**
 * ESO {@code spec.target}: the Secret an ExternalSecret produces.
 *
 * @param name the Secret's name; empty means the ExternalSecret's name
 * @param template the blueprint, or {@code null} for the plain fetched data
 * @param manifest the generic target's kind, or {@code null} for a Secret (the default)
 */
public record Target(
        String name,
        CreationPolicy creationPolicy,
        DeletionPolicy deletionPolicy,
        boolean immutable,
        Template template,
        TargetManifest manifest) {

    public static final Target DEFAULT = new Target("", null, null, false, null, null);

    /** A target that is a Secret. */
    public Target(
            String name,
            CreationPolicy creationPolicy,
            DeletionPolicy deletionPolicy,
            boolean immutable,
            Template template) {
        this(name, creationPolicy, deletionPolicy, immutable, template, null);
    }

    public Target {
        name = Specs.text(name);
        creationPolicy = Objects.requireNonNullElse(creationPolicy, CreationPolicy.OWNER);
        deletionPolicy = Objects.requireNonNullElse(deletionPolicy, DeletionPolicy.RETAIN);
    }
}
