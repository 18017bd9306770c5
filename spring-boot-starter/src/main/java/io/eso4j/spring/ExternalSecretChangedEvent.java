package io.eso4j.spring;

import java.util.Set;
import org.springframework.context.ApplicationEvent;

/**
 * A refresh changed an ExternalSecret's data: published once per change, after the property source already
 * serves the new values and after changed {@code @ConfigurationProperties} beans were rebound (with Spring Cloud
 * Context: after its {@code EnvironmentChangeEvent} and the refresh of {@code @RefreshScope} beans). Names keys and
 * property names, never values. Immutable.
 */
public final class ExternalSecretChangedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final String externalSecret;
    // Arrays, not Sets: the fields of a serializable class must be serializable as declared (javac's serial lint).
    private final String[] changedKeys;
    private final String[] propertyNames;

    public ExternalSecretChangedEvent(
            Object source, String externalSecret, Set<String> changedKeys, Set<String> propertyNames) {
        super(source);
        this.externalSecret = externalSecret;
        this.changedKeys = Set.copyOf(changedKeys).toArray(String[]::new);
        this.propertyNames = Set.copyOf(propertyNames).toArray(String[]::new);
    }

    /** The ExternalSecret, {@code namespace/name} or {@code name}. */
    public String externalSecret() {
        return externalSecret;
    }

    /** The target keys added, removed or changed. */
    public Set<String> changedKeys() {
        return Set.of(changedKeys);
    }

    /**
     * The property names those keys give, with their import's prefix, and their flattened leaves as they are after
     * the change (with {@code eso4j.flatten-json}).
     */
    public Set<String> propertyNames() {
        return Set.of(propertyNames);
    }

    @Override
    public String toString() {
        return "ExternalSecretChangedEvent[" + externalSecret + ", keys=" + changedKeys() + "]";
    }
}
