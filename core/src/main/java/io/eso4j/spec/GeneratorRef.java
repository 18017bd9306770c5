package io.eso4j.spec;

/**
 * ESO {@code dataFrom[].sourceRef.generatorRef}: the generator whose output becomes keys of the target
 * (ESO {@code apis/externalsecrets/v1/externalsecret_types.go} {@code GeneratorRef}).
 *
 * @param apiVersion {@code generators.external-secrets.io/v1alpha1}
 * @param kind the generator kind, for example {@code STSSessionToken}
 * @param name the generator's {@code metadata.name}, in the ExternalSecret's namespace
 */
public record GeneratorRef(String apiVersion, String kind, String name) {

    public GeneratorRef {
        apiVersion = Specs.text(apiVersion);
        kind = Specs.text(kind);
        name = Specs.text(name);
    }
}
