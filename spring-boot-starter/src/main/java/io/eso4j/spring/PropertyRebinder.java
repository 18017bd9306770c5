package io.eso4j.spring;

import java.util.Set;

/**
 * Brings beans up to date with properties a refresh changed, before the {@link ExternalSecretChangedEvent} goes out:
 * {@link BootPropertyRebinder} on its own, {@link SpringCloudPropertyRebinder} when Spring Cloud Context does the
 * rebinding. Implementations are thread-safe; they run on the ExternalSecrets' listener thread.
 */
interface PropertyRebinder {

    /** Rebinds for {@code propertyNames}, the changed property names with their import's prefix (never values). */
    void rebind(Set<String> propertyNames);
}
