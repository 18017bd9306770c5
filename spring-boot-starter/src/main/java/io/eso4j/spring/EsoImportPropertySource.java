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
 * The properties of every ExternalSecret of one {@code eso:} import (all its items: {@code eso:aws:a;b;c} is one),
 * as the one property source Spring sees for it: one merged, immutable map, rebuilt only when the {@link ExternalSecrets}' published state changes ({@link
 * ExternalSecrets#stateToken()}) and swapped with one volatile write, so {@code Environment.getProperty} is one hash
 * lookup whatever the number of ExternalSecrets, and sees each refresh without a restart. When two ExternalSecrets of
 * the import give the same property, the later one (in item, then manifest order) wins, as it did when each was a
 * property source of its own (Spring puts the later sources of one import first).
 *
 * <p>The per-ExternalSecret view stays: {@link #members()} are {@link ExternalSecretPropertySource}s that are not in
 * the environment, read by change events (which properties a changed key gives), health and the database credential
 * rotation. Named {@code eso:<import>} (the import as written, without {@code optional:}), so {@code /actuator/env} masks
 * every value of it like every {@code eso:} source.
 *
 * <p>Thread-safe: readers take the published map; a rebuild after a refresh may run twice concurrently, both give the
 * same map.
 */
public final class EsoImportPropertySource extends EnumerablePropertySource<ExternalSecrets> {

    private final List<ExternalSecretPropertySource> members;
    /** The distinct ExternalSecrets instances behind the members: one, unless the import's items resolved apart. */
    private final ExternalSecrets[] instances;

    private volatile Merged merged = new Merged(new Object[0], Map.of(), new String[0]);

    /** One published view: the members' states it was built from, their merged properties and those names. */
    private record Merged(Object[] states, Map<String, Object> properties, String[] names) {}

    /** @param members at least one */
    EsoImportPropertySource(String name, List<ExternalSecretPropertySource> members) {
        super(name, members.get(0).getSource());
        this.members = List.copyOf(members);
        this.instances = members.stream()
                .map(ExternalSecretPropertySource::getSource)
                .distinct()
                .toArray(ExternalSecrets[]::new);
    }

    /** {@code eso:<import>}, the import as written (every item, with their {@code ?prefix=}), without {@code optional:}. */
    static String name(String importLocation) {
        return ExternalSecretPropertySource.NAME_PREFIX + importLocation;
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
        // Boot's binder asks on every lookup it does not find directly: the names are listed once per refresh.
        return current().names().clone();
    }

    private Map<String, Object> properties() {
        return current().properties();
    }

    private Merged current() {
        Merged seen = merged;
        if (current(seen.states())) {
            return seen;
        }
        // The tokens are read before the members: what they give is at least as new as the tokens.
        Object[] states = new Object[instances.length];
        for (int i = 0; i < instances.length; i++) {
            states[i] = instances[i].stateToken();
        }
        Map<String, Object> all = new LinkedHashMap<>();
        for (ExternalSecretPropertySource member : members) {
            all.putAll(member.properties());
        }
        Merged published = new Merged(
                states, Collections.unmodifiableMap(all), all.keySet().toArray(String[]::new));
        merged = published;
        return published;
    }

    private boolean current(Object[] states) {
        if (states.length != instances.length) {
            return false;
        }
        for (int i = 0; i < states.length; i++) {
            if (states[i] != instances[i].stateToken()) {
                return false;
            }
        }
        return true;
    }
}
