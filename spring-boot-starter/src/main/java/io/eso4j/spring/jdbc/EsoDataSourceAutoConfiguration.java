package io.eso4j.spring.jdbc;

import io.eso4j.spring.EsoAutoConfiguration;
import io.eso4j.spring.ExternalSecretsRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Live database credentials for the {@code eso:} imports: every HikariCP {@code HikariDataSource} bean bound from
 * configuration, and every {@link CredentialRotationTarget} bean, follows the ExternalSecret changes of its
 * credentials (see {@link CredentialRotator}). Off with {@code eso4j.datasource.live-credentials.enabled=false};
 * one pool off with {@code eso4j.datasource.live-credentials.excluded-beans}.
 */
@AutoConfiguration(after = EsoAutoConfiguration.class)
@ConditionalOnProperty(prefix = "eso4j", name = "enabled", matchIfMissing = true)
@ConditionalOnProperty(prefix = LiveCredentialsProperties.PREFIX, name = "enabled", matchIfMissing = true)
@ConditionalOnBean(ExternalSecretsRegistry.class)
public class EsoDataSourceAutoConfiguration {

    /** The rotator: listens for {@code ExternalSecretChangedEvent}s, serves the pools' authentication retries. */
    @Bean
    CredentialRotator eso4jCredentialRotator(
            ConfigurableEnvironment environment,
            ObjectProvider<HikariTargets> hikari,
            ObjectProvider<CredentialRotationTarget> others) {
        LiveCredentialsProperties properties = properties(environment);
        return new CredentialRotator(
                () -> {
                    List<CredentialRotationTarget> targets = new ArrayList<>();
                    hikari.ifAvailable(h -> targets.addAll(h.targets()));
                    others.orderedStream().forEach(targets::add);
                    return targets;
                },
                tried -> CredentialRotator.holdersIn(environment, tried),
                (target, tried) -> CredentialRotator.pendingIn(environment, target, tried),
                Clock.systemUTC(),
                properties.getMinForcedRefreshInterval(),
                properties.getForcedRefreshTimeout());
    }

    static LiveCredentialsProperties properties(ConfigurableEnvironment environment) {
        return Binder.get(environment)
                .bind(LiveCredentialsProperties.PREFIX, LiveCredentialsProperties.class)
                .orElseGet(LiveCredentialsProperties::new);
    }

    /** HikariCP pools, when the application has HikariCP. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
    static class Hikari {

        // Static: a BeanPostProcessor, created before the other beans; it binds its properties itself.
        @Bean
        static HikariTargets eso4jHikariCredentialTargets(
                ApplicationContext context,
                ConfigurableEnvironment environment,
                ObjectProvider<CredentialRotator> rotator) {
            return new HikariTargets(context, environment, properties(environment), rotator::getObject);
        }
    }
}
