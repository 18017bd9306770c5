package io.eso4j.spring;

import java.util.Set;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter's own rebinding, without Spring Cloud: re-runs Boot's binding post-processor on each JavaBean-style
 * {@code @ConfigurationProperties} bean whose prefix covers a changed property. Constructor-bound beans and records
 * keep their values. Thread-safe.
 */
final class BootPropertyRebinder implements PropertyRebinder {

    private final ConfigurableApplicationContext context;

    BootPropertyRebinder(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public void rebind(Set<String> propertyNames) {
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
