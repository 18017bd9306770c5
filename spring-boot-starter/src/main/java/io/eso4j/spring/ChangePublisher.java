package io.eso4j.spring;

import io.eso4j.ResolvedSecret;
import io.eso4j.SecretEvent;
import io.eso4j.SecretListener;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

/**
 * Turns {@link SecretEvent.Changed} into a rebind of the changed property names (by the starter itself, or by Spring
 * Cloud Context when it is there, see {@link PropertyRebinder}), then one {@link ExternalSecretChangedEvent}.
 * Thread-safe; runs on the ExternalSecrets' listener thread.
 */
final class ChangePublisher implements SecretListener {

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
        for (PropertySource<?> source : context.getEnvironment().getPropertySources()) {
            if (source instanceof ExternalSecretPropertySource eso
                    && eso.externalSecret().equals(changed.externalSecret())) {
                changed.changedKeys().forEach(key -> propertyNames.addAll(eso.propertyNames(key)));
            }
        }
        rebinder.rebind(propertyNames);
        context.publishEvent(new ExternalSecretChangedEvent(
                context, changed.externalSecret(), changed.changedKeys(), propertyNames));
    }
}
