package io.eso4j.spec;

/**
 * A reference to one key of a Kubernetes Secret ({@code name}, {@code key}, optional {@code namespace}), as used
 * by {@code auth.secretRef}.
 */
public record SecretKeySelector(String name, String key, String namespace) {

    public SecretKeySelector {
        name = Specs.text(name);
        key = Specs.text(key);
        namespace = Specs.text(namespace);
    }
}
