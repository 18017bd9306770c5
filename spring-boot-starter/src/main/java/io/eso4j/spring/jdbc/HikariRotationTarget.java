package io.eso4j.spring.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.util.Credentials;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySources;

/**
 * A {@link HikariDataSource} bean as a {@link CredentialRotationTarget}. Its credentials are re-resolved from the
 * {@code @ConfigurationProperties} prefix it was bound with (for Boot's own pool {@code spring.datasource.hikari},
 * falling back to {@code spring.datasource.username} / {@code password} as Boot's {@code DataSourceProperties}
 * does). A rotation sets both credentials at once through the {@code HikariConfigMXBean} (Hikari's configuration is
 * sealed once the pool starts, but its credentials stay settable there and are read for every new connection), then
 * soft-evicts through the {@code HikariPoolMXBean}: idle connections close now, busy ones when returned.
 */
final class HikariRotationTarget implements CredentialRotationTarget {

    private final String beanName;
    private final HikariDataSource dataSource;
    private final Environment environment;
    private final List<String> usernameProperties;
    private final List<String> passwordProperties;

    HikariRotationTarget(String beanName, HikariDataSource dataSource, Environment environment, String prefix) {
        this.beanName = beanName;
        this.dataSource = dataSource;
        this.environment = environment;
        this.usernameProperties = candidates(prefix, "username");
        this.passwordProperties = candidates(prefix, "password");
    }

    /** The properties, first bound wins, Boot's Hikari binding then its {@code DataSourceProperties}. */
    static List<String> candidates(String prefix, String property) {
        if (prefix == null) {
            return List.of();
        }
        if (prefix.equals("spring.datasource.hikari")) {
            return List.of(prefix + "." + property, "spring.datasource." + property);
        }
        return List.of(prefix + "." + property);
    }

    @Override
    public String name() {
        return beanName;
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public DatabaseCredentials current() {
        Credentials credentials = dataSource.getCredentials();
        return new DatabaseCredentials(credentials.getUsername(), credentials.getPassword());
    }

    @Override
    public DatabaseCredentials configured() {
        if (usernameProperties.isEmpty() || dataSource.getCredentialsProviderClassName() != null) {
            return null;
        }
        return new DatabaseCredentials(bind(usernameProperties), bind(passwordProperties));
    }

    @Override
    public DatabaseCredentials configured(PropertySources propertySources) {
        if (usernameProperties.isEmpty() || dataSource.getCredentialsProviderClassName() != null) {
            return null;
        }
        Binder binder = new Binder(
                ConfigurationPropertySources.from(propertySources),
                new PropertySourcesPlaceholdersResolver(propertySources));
        return new DatabaseCredentials(bind(binder, usernameProperties), bind(binder, passwordProperties));
    }

    private String bind(List<String> properties) {
        // A new Binder each time: it resolves placeholders (spring.datasource.password: ${db-pass}) against the
        // property sources as they are now.
        return bind(Binder.get(environment), properties);
    }

    private static String bind(Binder binder, List<String> properties) {
        for (String property : properties) {
            String value = binder.bind(property, String.class).orElse(null);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public void rotate(DatabaseCredentials credentials) {
        dataSource
                .getHikariConfigMXBean()
                .setCredentials(Credentials.of(credentials.username(), credentials.password()));
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool != null) {
            pool.softEvictConnections();
        }
    }

    @Override
    public String toString() {
        return "HikariRotationTarget[" + beanName + "]";
    }
}
