package io.eso4j.spring.jdbc;

import org.springframework.core.env.PropertySources;

/**
 * A connection pool whose credentials can change while it runs: the SPI behind live database credentials. The
 * starter builds one for every HikariCP {@code HikariDataSource} bean; declare a bean of this type for any other pool
 * (another JDBC pool, an R2DBC pool) and it is rotated the same way.
 *
 * <p>On every {@code ExternalSecretChangedEvent} (and after a refresh forced by an authentication failure) the starter
 * compares {@link #configured()} with {@link #current()} and, when they differ, calls {@link #rotate}. Implementations
 * must be thread-safe; {@link #rotate} may be called from a pool's own connection-creating thread.
 */
public interface CredentialRotationTarget {

    /** A name for logs: the bean name. Never a credential. */
    String name();

    /** The credentials the pool opens new connections with now. */
    DatabaseCredentials current();

    /**
     * The credentials the pool's configuration gives now, resolved again from the {@code Environment} (placeholders
     * included), or {@code null} when they do not come from configuration (then the target is never rotated).
     */
    DatabaseCredentials configured();

    /**
     * The credentials the pool's configuration would give if the {@code Environment} had {@code propertySources}
     * (the application's, with one ExternalSecret's {@code AWSPENDING} values in place of its current ones), or
     * {@code null} when the target cannot tell; then a rotation in progress is not tried for it. The default
     * returns {@code null}.
     */
    default DatabaseCredentials configured(PropertySources propertySources) {
        return null;
    }

    /**
     * Makes the pool open its next connections with {@code credentials}, then retires the connections opened with
     * the old ones without interrupting work in progress: idle ones now, busy ones when they are returned.
     */
    void rotate(DatabaseCredentials credentials);
}
