package io.eso4j.spring;

import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rebinding handed to Spring Cloud Context, the way its {@code ContextRefresher} ends a refresh but without
 * re-reading the configuration (which would run the {@code eso:} imports again): publishes an {@link
 * EnvironmentChangeEvent} naming the changed properties, so Spring Cloud's {@code ConfigurationPropertiesRebinder}
 * rebinds the {@code @ConfigurationProperties} beans, then refreshes the {@code @RefreshScope} beans (when the refresh
 * scope exists), so their next use sees the new values. Loaded only when Spring Cloud Context is on the classpath.
 * Thread-safe.
 */
final class SpringCloudPropertyRebinder implements PropertyRebinder {

    private final ConfigurableApplicationContext context;
    private final ObjectProvider<RefreshScope> refreshScope;

    SpringCloudPropertyRebinder(ConfigurableApplicationContext context, ObjectProvider<RefreshScope> refreshScope) {
        this.context = context;
        this.refreshScope = refreshScope;
    }

    @Override
    public void rebind(Set<String> propertyNames) {
        context.publishEvent(new EnvironmentChangeEvent(context, Set.copyOf(propertyNames)));
        refreshScope.ifAvailable(RefreshScope::refreshAll);
    }
}
