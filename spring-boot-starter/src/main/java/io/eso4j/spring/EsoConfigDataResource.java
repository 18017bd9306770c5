package io.eso4j.spring;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.config.ConfigDataResource;

/**
 * One item of an {@code eso:} import: either the manifests found at one Spring resource location (a pattern may
 * match several files), or one secret id of the {@code eso:aws:} short form. Holds manifest text and names only,
 * never secret values. Immutable.
 */
public final class EsoConfigDataResource extends ConfigDataResource {

    private final String location;
    private final Map<String, String> manifests;
    private final String awsSecretId;
    private final String prefix;
    private final boolean optional;

    private EsoConfigDataResource(
            String location, Map<String, String> manifests, String awsSecretId, String prefix, boolean optional) {
        super(optional);
        this.location = Objects.requireNonNull(location, "location");
        this.manifests = manifests;
        this.awsSecretId = awsSecretId;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.optional = optional;
    }

    static EsoConfigDataResource manifests(
            String location, Map<String, String> manifests, String prefix, boolean optional) {
        return new EsoConfigDataResource(location, Map.copyOf(manifests), null, prefix, optional);
    }

    static EsoConfigDataResource awsSecret(String location, String secretId, String prefix, boolean optional) {
        return new EsoConfigDataResource(location, Map.of(), secretId, prefix, optional);
    }

    /** The import item as written, for example {@code classpath:eso/app.yaml} or {@code aws:db-credentials}. */
    public String location() {
        return location;
    }

    /** The {@code ?prefix=} of the item, empty when none. */
    public String prefix() {
        return prefix;
    }

    /** Whether the import was {@code optional:}. */
    public boolean optional() {
        return optional;
    }

    /** Manifest source name to text; empty for the short form. */
    Map<String, String> manifestSources() {
        return manifests;
    }

    /** The secret id of the short form, {@code null} for manifests. */
    String awsSecretId() {
        return awsSecretId;
    }

    List<String> manifestNames() {
        return List.copyOf(manifests.keySet());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EsoConfigDataResource that
                && location.equals(that.location)
                && prefix.equals(that.prefix)
                && optional == that.optional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, prefix);
    }

    @Override
    public String toString() {
        return "eso:" + location + (prefix.isEmpty() ? "" : "?prefix=" + prefix);
    }
}
