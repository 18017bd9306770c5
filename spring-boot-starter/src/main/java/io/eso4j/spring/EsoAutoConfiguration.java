package io.eso4j.spring;

import io.eso4j.ExternalSecrets;
import io.eso4j.integration.SensitiveKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.info.InfoEndpoint;
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
            // Boot 4's meter registry auto-configurations, then Boot 3.5's (the names that are absent are ignored).
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
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

    /**
     * Masks secret values in {@code /actuator/info} too, which Boot does not sanitize ({@code info.*} properties shown
     * by its environment contributor may be {@code ${db-pass}}): the info endpoint bean is replaced by one that masks
     * every text value equal to, or containing, a current {@code eso:} value (see {@link SecretProvenance}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoEndpoint")
    static class InfoMasking {

        @Bean
        static BeanPostProcessor eso4jInfoEndpointMasking(ObjectProvider<ConfigurableEnvironment> environment) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof InfoEndpoint original)) {
                        return bean;
                    }
                    SecretProvenance provenance = new SecretProvenance(environment.getObject());
                    return new InfoEndpoint(List.of(builder ->
                            original.info().forEach((key, value) -> builder.withDetail(key, mask(provenance, value)))));
                }
            };
        }

        static Object mask(SecretProvenance provenance, Object value) {
            if (value instanceof CharSequence text) {
                return provenance.isSecretValue(text.toString()) ? SanitizableData.SANITIZED_VALUE : value;
            }
            if (value instanceof Map<?, ?> map) {
                Map<Object, Object> masked = new LinkedHashMap<>();
                map.forEach((key, nested) -> masked.put(key, mask(provenance, nested)));
                return masked;
            }
            if (value instanceof Collection<?> collection) {
                List<Object> masked = new ArrayList<>();
                collection.forEach(nested -> masked.add(mask(provenance, nested)));
                return masked;
            }
            return value;
        }
    }

    /** The health indicator, named {@code externalSecrets}, when the application has its Boot line's health API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = ExternalSecretsHealthIndicator.HEALTH_API)
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
