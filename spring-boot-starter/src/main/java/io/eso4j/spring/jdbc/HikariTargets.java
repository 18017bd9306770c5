package io.eso4j.spring.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Finds the {@link HikariDataSource} beans as they are initialized (after their {@code @ConfigurationProperties}
 * binding, before their pool starts, which Hikari does on the first connection), makes each not excluded a {@link
 * HikariRotationTarget}, and puts an {@link AuthenticationRetryingDataSource} under the pool (Hikari's own {@code
 * DriverDataSource}, built from the pool's {@code jdbcUrl} as Hikari would). A pool already started, or configured
 * with its own {@code DataSource} or {@code dataSourceClassName}, is rotated but gets no retry, and a connection
 * being opened during a rotation may keep the old credentials until its {@code maxLifetime}.
 */
final class HikariTargets implements BeanPostProcessor {

    private static final Log log = LogFactory.getLog(HikariTargets.class);

    private final ApplicationContext context;
    private final Environment environment;
    private final LiveCredentialsProperties properties;
    private final Supplier<CredentialRotator> rotator;
    private final List<CredentialRotationTarget> targets = new CopyOnWriteArrayList<>();

    HikariTargets(
            ApplicationContext context,
            Environment environment,
            LiveCredentialsProperties properties,
            Supplier<CredentialRotator> rotator) {
        this.context = context;
        this.environment = environment;
        this.properties = properties;
        this.rotator = rotator;
    }

    List<CredentialRotationTarget> targets() {
        return List.copyOf(targets);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof HikariDataSource dataSource)
                || properties.getExcludedBeans().contains(beanName)
                || targets.stream().anyMatch(known -> known.name().equals(beanName))) {
            // Known already: a rebind of its @ConfigurationProperties initializes the bean again.
            return bean;
        }
        ConfigurationPropertiesBean bound = ConfigurationPropertiesBean.get(context, bean, beanName);
        ConfigurationProperties annotation = bound == null ? null : bound.getAnnotation();
        String prefix =
                annotation == null ? null : annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
        if (prefix == null || prefix.isEmpty()) {
            log.debug(
                    "Data source '" + beanName + "' is not bound from configuration: its credentials are not rotated");
            return bean;
        }
        HikariRotationTarget target = new HikariRotationTarget(beanName, dataSource, environment, prefix);
        targets.add(target);
        if (dataSource.getHikariPoolMXBean() == null
                && dataSource.getDataSource() == null
                && dataSource.getDataSourceClassName() == null
                && dataSource.getJdbcUrl() != null) {
            // A copy: DriverDataSource writes the credentials into the Properties it is given, and the pool's own
            // dataSourceProperties must not start holding a password.
            Properties driverProperties = new Properties();
            driverProperties.putAll(dataSource.getDataSourceProperties());
            DriverDataSource driver = new DriverDataSource(
                    dataSource.getJdbcUrl(),
                    dataSource.getDriverClassName(),
                    driverProperties,
                    dataSource.getUsername(),
                    dataSource.getPassword());
            dataSource.setDataSource(new AuthenticationRetryingDataSource(
                    driver, target, rotator, properties.isRetryOnAuthenticationFailure()));
        }
        return bean;
    }
}
