package io.eso4j.spring;

import io.eso4j.ExternalSecrets;
import io.eso4j.integration.SensitiveKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the {@link ExternalSecrets} of the {@code eso:} imports (all of them, through the {@link
 * ExternalSecretsRegistry} bean {@code eso4jExternalSecretsRegistry}) into the application: change events and
 * {@code @ConfigurationProperties} rebinding (handed to Spring Cloud Context's {@code EnvironmentChangeEvent} and
 * {@code @RefreshScope} when it is there), and, when present, an actuator health indicator, Micrometer meters and
 * a {@link SanitizingFunction} that masks every value of an {@code eso:} property source. The {@link
 * ExternalSecrets} bean itself (named {@code eso4jExternalSecrets}) is the live handle: {@code
 * secrets.get("my-es").string("db-pass")} always returns the current value. Off with {@code eso4j.enabled=false}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
            "org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration",
            "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration"
        })
@ConditionalOnProperty(prefix = EsoProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(EsoProperties.class)
public class EsoAutoConfiguration {

    /**
     * Publishes {@link ExternalSecretChangedEvent}s after rebinding changed configuration properties: by Spring
     * Cloud Context when {@link SpringCloud} applies, by the starter itself otherwise.
     */
    @Bean
    @ConditionalOnBean(ExternalSecretsRegistry.class)
    @ConditionalOnMissingBean(name = "eso4jChangePublisher")
    InitializingBean eso4jChangePublisher(
            ExternalSecretsRegistry secrets,
            ConfigurableApplicationContext context,
            ObjectProvider<PropertyRebinder> rebinder) {
        return () -> secrets.addListener(new ChangePublisher(
                context, rebinder.getIfAvailable(() -> new BootPropertyRebinder(context)), secrets));
    }

    /**
     * With Spring Cloud Context and its {@code ConfigurationPropertiesRebinder}: changes become an {@code
     * EnvironmentChangeEvent} and a refresh of the {@code @RefreshScope} beans instead of the starter's own rebinding.
     * Never a {@code ContextRefresher.refresh()}, which would run the {@code eso:} imports again.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = SpringCloud.ENVIRONMENT_CHANGE_EVENT)
    @ConditionalOnBean(
            value = ExternalSecretsRegistry.class,
            type = "org.springframework.cloud.context.properties.ConfigurationPropertiesRebinder")
    static class SpringCloud {

        static final String ENVIRONMENT_CHANGE_EVENT =
                "org.springframework.cloud.context.environment.EnvironmentChangeEvent";

        @Bean
        @ConditionalOnMissingBean(name = "eso4jSpringCloudRebinder")
        PropertyRebinder eso4jSpringCloudRebinder(
                ConfigurableApplicationContext context, ObjectProvider<RefreshScope> refreshScope) {
            return new SpringCloudPropertyRebinder(context, refreshScope);
        }
    }

    /**
     * Masks every value of an {@code eso:} property source, and eso4j's credential settings, in {@code /actuator/env}
     * and {@code /actuator/configprops}, whatever their {@code show-values} say.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class Sanitizing {

        @Bean
        @ConditionalOnMissingBean(name = "eso4jSanitizingFunction")
        SanitizingFunction eso4jSanitizingFunction() {
            return data -> masks(data) ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
        }

        /** Values of eso: property sources, and eso4j's own credential settings (values of secret keys, static keys). */
        static boolean masks(SanitizableData data) {
            if (data.getPropertySource() != null
                    && data.getPropertySource().getName().startsWith(ExternalSecretPropertySource.NAME_PREFIX)) {
                return true;
            }
            return SensitiveKeys.isSensitive(data.getKey());
        }
    }

    /** The health indicator, named {@code externalSecrets}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnBean(ExternalSecretsRegistry.class)
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "externalSecretsHealthIndicator")
        ExternalSecretsHealthIndicator externalSecretsHealthIndicator(
                ExternalSecretsRegistry secrets, EsoProperties properties) {
            return new ExternalSecretsHealthIndicator(
                    secrets, properties.getHealth().getStalenessThreshold());
        }
    }

    /** Micrometer meters, when the application has a {@link MeterRegistry}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean({ExternalSecretsRegistry.class, MeterRegistry.class})
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean(name = "eso4jMetrics")
        EsoMetrics eso4jMetrics(ExternalSecretsRegistry secrets) {
            return new EsoMetrics(secrets, Clock.systemUTC());
        }
    }
}
