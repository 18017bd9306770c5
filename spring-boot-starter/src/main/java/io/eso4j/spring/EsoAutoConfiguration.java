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
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Wires the {@link ExternalSecrets} of the {@code eso:} imports (all of them, through the {@link
 * ExternalSecretsRegistry} bean {@code eso4jExternalSecretsRegistry}) into the application: change events and
 * {@code @ConfigurationProperties} rebinding (handed to Spring Cloud Context's {@code EnvironmentChangeEvent} and
 * {@code @RefreshScope} when it is there), and, when present, an actuator health indicator, Micrometer meters and
 * a {@link SanitizingFunction} that masks every value that comes from an {@code eso:} property source. The {@link
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
        return () -> secrets.addListener(
                new ChangePublisher(context, rebinder.getIfAvailable(() -> new BootPropertyRebinder(context))));
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
     * Masks, in {@code /actuator/env}, {@code /actuator/configprops} and every other endpoint that sanitizes (Quartz's
     * job data, for one), whatever their {@code show-values} say: every value of an {@code eso:} property source,
     * every property whose value comes from one through any number of placeholders ({@code
     * spring.datasource.password: ${db-pass}}), every value that is the current value of an {@code eso:} property
     * (a pool's password copied from {@code DataSourceProperties}), and eso4j's credential settings. See {@link
     * SecretProvenance}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class Sanitizing {

        @Bean
        @ConditionalOnMissingBean(name = "eso4jSanitizingFunction")
        SanitizingFunction eso4jSanitizingFunction(ConfigurableEnvironment environment) {
            SecretProvenance provenance = new SecretProvenance(environment);
            return data -> masks(provenance, data) ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
        }

        /** Values from eso: property sources, and eso4j's own credential settings (values of secret keys, static keys). */
        static boolean masks(SecretProvenance provenance, SanitizableData data) {
            if (data.getValue() == null) {
                return false;
            }
            return SensitiveKeys.isSensitive(data.getKey())
                    || provenance.fromSecret(data.getPropertySource(), data.getKey(), data.getValue());
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
