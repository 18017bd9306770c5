package io.eso4j.spring;

import io.eso4j.SecretEvent;
import io.eso4j.SecretListener;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

/**
 * Turns {@link SecretEvent.Changed} into a rebind of the {@code @ConfigurationProperties} beans whose prefix
 * covers a changed property, then an {@link ExternalSecretChangedEvent}. Rebinding re-runs Boot's binding
 * post-processor on the existing bean (JavaBean binding; constructor-bound beans and records keep their values).
 * Thread-safe; runs on the ExternalSecrets' listener thread.
 */
final class ChangePublisher implements SecretListener {

    private final ConfigurableApplicationContext context;

    ChangePublisher(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public void onEvent(SecretEvent event) {
        if (!(event instanceof SecretEvent.Changed changed) || !context.isActive()) {
            return;
        }
        Set<String> propertyNames = new LinkedHashSet<>();
        for (PropertySource<?> source : context.getEnvironment().getPropertySources()) {
            if (source instanceof ExternalSecretPropertySource eso
                    && eso.externalSecret().equals(changed.externalSecret())) {
                changed.changedKeys().forEach(key -> propertyNames.add(eso.propertyName(key)));
            }
        }
        rebind(propertyNames);
        context.publishEvent(new ExternalSecretChangedEvent(
                context, changed.externalSecret(), changed.changedKeys(), propertyNames));
    }

    private void rebind(Set<String> propertyNames) {
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        ConfigurationPropertiesBean.getAll(context).forEach((name, bean) -> {
            if (bean.asBindTarget().getBindMethod() == BindMethod.JAVA_BEAN
                    && covers(bean.getAnnotation().prefix(), propertyNames)) {
                beans.initializeBean(bean.getInstance(), name);
            }
        });
    }

    private static boolean covers(String prefix, Set<String> propertyNames) {
        ConfigurationPropertyName root = ConfigurationPropertyName.adapt(prefix, '.');
        for (String propertyName : propertyNames) {
            ConfigurationPropertyName name = ConfigurationPropertyName.adapt(propertyName, '.');
            if (root.isEmpty() || root.equals(name) || root.isAncestorOf(name) || name.isAncestorOf(root)) {
                return true;
            }
        }
        return false;
    }
}
