package io.eso4j.spring;

import io.eso4j.ResolvedSecret;
import io.eso4j.SecretEvent;
import io.eso4j.SecretListener;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Turns {@link SecretEvent.Changed} into a rebind of the changed property names and of the properties that reference
 * them through placeholders (by the starter itself, or by Spring Cloud Context when it is there, see {@link
 * PropertyRebinder}), then one {@link ExternalSecretChangedEvent}, even when the rebind failed.
 * Thread-safe; runs on the ExternalSecrets' listener thread.
 */
final class ChangePublisher implements SecretListener {

    private static final Log log = LogFactory.getLog(ChangePublisher.class);

    private final ConfigurableApplicationContext context;
    private final PropertyRebinder rebinder;
    private final ExternalSecretsRegistry registry;

    ChangePublisher(
            ConfigurableApplicationContext context, PropertyRebinder rebinder, ExternalSecretsRegistry registry) {
        this.context = context;
        this.rebinder = rebinder;
        this.registry = registry;
        registry.publishing();
    }

    @Override
    public void onEvent(SecretEvent event) {
        if (!(event instanceof SecretEvent.Changed changed)) {
            return;
        }
        ResolvedSecret content = registry.current(changed.externalSecret());
        try {
            apply(changed);
        } finally {
            registry.applied(changed.externalSecret(), content);
        }
    }

    private void apply(SecretEvent.Changed changed) {
        if (!context.isActive()) {
            return;
        }
        Set<String> propertyNames = new LinkedHashSet<>();
        for (ExternalSecretPropertySource eso : EsoImportPropertySource.perExternalSecret(
                context.getEnvironment().getPropertySources())) {
            if (eso.externalSecret().equals(changed.externalSecret())) {
                changed.changedKeys().forEach(key -> propertyNames.addAll(eso.propertyNames(key)));
            }
        }
        // The properties that reference a changed one through placeholders change too (spring.datasource.password:
        // ${db-pass}), so their beans are rebound as well.
        Set<String> affected = new LinkedHashSet<>(propertyNames);
        affected.addAll(new SecretProvenance(context.getEnvironment()).dependents(propertyNames));
        try {
            rebinder.rebind(affected);
        } catch (RuntimeException e) {
            // The change event still goes out: listeners (the pools' live credentials among them) must hear of it.
            log.warn("Rebinding after the change of ExternalSecret " + changed.externalSecret() + " failed with "
                    + e.getClass().getName() + "; the change event is published all the same");
        }
        context.publishEvent(new ExternalSecretChangedEvent(
                context, changed.externalSecret(), changed.changedKeys(), propertyNames));
    }
}
