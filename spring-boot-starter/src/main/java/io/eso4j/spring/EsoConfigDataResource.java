package io.eso4j.spring;

import io.eso4j.integration.EsoImport;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.config.ConfigDataResource;

/**
 * One item of an {@code eso:} import as Spring's config-data API sees it: a framework-neutral {@link EsoImport}
 * (the manifests found at one Spring resource location, or one secret id of the {@code eso:aws:} short form). Holds
 * manifest text and names only, never secret values. Immutable.
 */
public final class EsoConfigDataResource extends ConfigDataResource {

    private final EsoImport item;
    private final boolean disabled;
    private final String importLocation;

    private EsoConfigDataResource(EsoImport item, boolean disabled) {
        this(item, disabled, item.location());
    }

    private EsoConfigDataResource(EsoImport item, boolean disabled, String importLocation) {
        super(item.optional());
        this.item = Objects.requireNonNull(item, "item");
        this.disabled = disabled;
        this.importLocation = Objects.requireNonNull(importLocation, "importLocation");
    }

    private EsoConfigDataResource(EsoImport item) {
        this(item, false);
    }

    /**
     * A whole {@code eso:} import while {@code eso4j.enabled=false}: it resolves (so a required import does not fail
     * as a location that does not exist) and loads as no properties, without reading manifests or calling AWS.
     */
    static EsoConfigDataResource disabled(String location, boolean optional) {
        return new EsoConfigDataResource(EsoImport.manifests(location, Map.of(), "", optional), true);
    }

    static EsoConfigDataResource manifests(
            String location, Map<String, String> manifests, String prefix, boolean optional) {
        return new EsoConfigDataResource(EsoImport.manifests(location, manifests, prefix, optional));
    }

    static EsoConfigDataResource awsSecret(String secretId, String prefix, boolean optional) {
        return new EsoConfigDataResource(EsoImport.awsSecret(secretId, prefix, optional));
    }

    static EsoConfigDataResource awsParameterStore(String path, String prefix, boolean optional) {
        return new EsoConfigDataResource(EsoImport.awsParameterStore(path, prefix, optional));
    }

    /** The import item as written, for example {@code classpath:eso/app.yaml} or {@code aws:db-credentials}. */
    public String location() {
        return item.location();
    }

    /** The {@code ?prefix=} of the item, empty when none. */
    public String prefix() {
        return item.prefix();
    }

    /**
     * This item as one of the {@code eso:} import {@code importLocation} (as written after {@code eso:}, every item):
     * the items of one import share one property source.
     */
    EsoConfigDataResource inImport(String importLocation) {
        return new EsoConfigDataResource(item, disabled, importLocation);
    }

    /** The {@code eso:} import this item is one of, as written after {@code eso:}; its own location when alone. */
    String importLocation() {
        return importLocation;
    }

    /** Whether the import was {@code optional:}. */
    public boolean optional() {
        return item.optional();
    }

    /** Whether this stands for an import of a disabled eso4j ({@code eso4j.enabled=false}): it loads nothing. */
    boolean disabled() {
        return disabled;
    }

    /** The framework-neutral item. */
    EsoImport item() {
        return item;
    }

    List<String> manifestNames() {
        return List.copyOf(item.manifests().keySet());
    }

    /**
     * Equal when the item is: which {@code eso:} import it belongs to does not count, on purpose. Spring's
     * config-data importer loads a resource once however many imports name it, so an item written in two imports
     * is fetched once and its keys come from the first import's property source.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof EsoConfigDataResource that
                && location().equals(that.location())
                && prefix().equals(that.prefix())
                && optional() == that.optional()
                && disabled == that.disabled;
    }

    @Override
    public int hashCode() {
        return Objects.hash(location(), prefix());
    }

    @Override
    public String toString() {
        return item.toString();
    }
}
