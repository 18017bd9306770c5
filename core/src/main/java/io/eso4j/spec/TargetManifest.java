package io.eso4j.spec;

/**
 * ESO {@code spec.target.manifest} ({@code ManifestReference} in {@code apis/externalsecrets/v1/externalsecret_types.go}):
 * the kind of object an ExternalSecret writes instead of a Secret, a "generic target" such as a ConfigMap.
 *
 * @param apiVersion the object's {@code apiVersion}, for example {@code v1} or {@code argoproj.io/v1alpha1}; required
 * @param kind the object's {@code kind}, for example {@code ConfigMap}; required
 */
public record TargetManifest(String apiVersion, String kind) {

    /** Empty strings for missing values (the validator reports them). */
    public TargetManifest {
        apiVersion = Specs.text(apiVersion);
        kind = Specs.text(kind);
    }
}
