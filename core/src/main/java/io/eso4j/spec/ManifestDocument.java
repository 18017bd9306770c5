package io.eso4j.spec;

import java.util.Map;

/**
 * A document of a manifest file that is not an eso4j kind, kept as plain data: for example a {@code v1/Secret}
 * that holds the static keys an {@code auth.secretRef} points to, or a {@code ConfigMap}.
 *
 * <p>{@code content} is the whole document as unmodifiable maps, lists, strings, numbers, booleans and
 * {@code null}s. {@link #toString()} names the document only, never its content (a Secret's data is secret).
 * Immutable and thread-safe.
 *
 * @param source the file or source name the document came from
 * @param index the 1-based position of the document in its source
 * @param apiVersion its {@code apiVersion}
 * @param kind its {@code kind}
 * @param name its {@code metadata.name}, empty when it has none
 * @param namespace its {@code metadata.namespace}, empty when it has none
 * @param content the whole document
 */
public record ManifestDocument(
        String source,
        int index,
        String apiVersion,
        String kind,
        String name,
        String namespace,
        Map<String, Object> content) {

    public ManifestDocument {
        source = Specs.text(source);
        apiVersion = Specs.text(apiVersion);
        kind = Specs.text(kind);
        name = Specs.text(name);
        namespace = Specs.text(namespace);
        content = Specs.map(content);
    }

    /** Whether this is a core {@code v1} {@code Secret}. */
    public boolean isSecret() {
        return apiVersion.equals("v1") && kind.equals("Secret");
    }

    @Override
    public String toString() {
        return "ManifestDocument[" + source + "#" + index + " " + apiVersion + " " + kind + " "
                + (namespace.isEmpty() ? "" : namespace + "/") + name + "]";
    }
}
