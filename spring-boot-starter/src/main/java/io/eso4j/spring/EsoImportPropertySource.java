package io.eso4j.spring;

import io.eso4j.ExternalSecrets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySources;

/**
 * The properties of every ExternalSecret of one {@code eso:} import item, as the one property source Spring sees for
 * it: one merged, immutable map, rebuilt only when the {@link ExternalSecrets}' published state changes ({@link
 * ExternalSecrets#stateToken()}) and swapped with one volatile write, so {@code Environment.getProperty} is one hash
 * lookup whatever the number of ExternalSecrets, and sees each refresh without a restart. When two ExternalSecrets of
 * the item give the same property, the later one in manifest order wins (as it did when each was a property source of
 * its own, Spring putting the later sources of one config-data item first).
 *
 * <p>The per-ExternalSecret view stays: {@link #members()} are {@link ExternalSecretPropertySource}s that are not in
 * the environment, read by change events (which properties a changed key gives), health and the database credential
 * rotation. Named {@code eso:<item>} (with {@code ?prefix=p} when the item has one), so {@code /actuator/env} masks
 * every value of it like every {@code eso:} source.
 *
 * <p>Thread-safe: readers take the published map; a rebuild after a refresh may run twice concurrently, both give the
 * same map.
 */
public final class EsoImportPropertySource extends EnumerablePropertySource<ExternalSecrets> {

    private final List<ExternalSecretPropertySource> members;
    private volatile Merged merged = new Merged(new Object(), Map.of());

    private record Merged(Object state, Map<String, Object> properties) {}

    EsoImportPropertySource(String name, ExternalSecrets secrets, List<ExternalSecretPropertySource> members) {
        super(name, secrets);
        this.members = List.copyOf(members);
    }

    /** {@code eso:<location>}, and {@code ?prefix=p} when the item has one: Spring keeps one property source per name. */
    static String name(String location, String prefix) {
        return ExternalSecretPropertySource.NAME_PREFIX + location + (prefix.isEmpty() ? "" : "?prefix=" + prefix);
    }

    /** The per-ExternalSecret views of this item, in manifest order. */
    public List<ExternalSecretPropertySource> members() {
        return members;
    }

    /**
     * Every per-ExternalSecret view in {@code sources}: the members of each {@code eso:} import source and any {@link
     * ExternalSecretPropertySource} added on its own, in property-source order.
     */
    public static List<ExternalSecretPropertySource> perExternalSecret(PropertySources sources) {
        List<ExternalSecretPropertySource> views = new ArrayList<>();
        for (PropertySource<?> source : sources) {
            if (source instanceof EsoImportPropertySource item) {
                views.addAll(item.members());
            } else if (source instanceof ExternalSecretPropertySource single) {
                views.add(single);
            }
        }
        return views;
    }

    /**
     * This item's properties with {@code member}'s read at version stage {@code versionStage} instead (see {@link
     * ExternalSecretPropertySource#readStage}): same name, so it can stand in for this source in a copy of the property
     * sources.
     *
     * @throws io.eso4j.SecretsException when the ExternalSecret cannot be read at that stage
     */
    public PropertySource<?> readStage(ExternalSecretPropertySource member, String versionStage) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (ExternalSecretPropertySource each : members) {
            if (each == member) {
                if (member.readStage(versionStage) instanceof EnumerablePropertySource<?> staged) {
                    for (String name : staged.getPropertyNames()) {
                        properties.put(name, staged.getProperty(name));
                    }
                }
            } else {
                properties.putAll(each.properties());
            }
        }
        return new MapPropertySource(getName(), Collections.unmodifiableMap(properties));
    }

    @Override
    public Object getProperty(String name) {
        return properties().get(name);
    }

    @Override
    public boolean containsProperty(String name) {
        return properties().containsKey(name);
    }

    @Override
    public String[] getPropertyNames() {
        return properties().keySet().toArray(String[]::new);
    }

    private Map<String, Object> properties() {
        Object state = source.stateToken();
        Merged seen = merged;
        if (seen.state() == state) {
            return seen.properties();
        }
        // The token is read before the members: what they give is at least as new as the token.
        Map<String, Object> all = new LinkedHashMap<>();
        for (ExternalSecretPropertySource member : members) {
            all.putAll(member.properties());
        }
        Map<String, Object> published = Collections.unmodifiableMap(all);
        merged = new Merged(state, published);
        return published;
    }
}
