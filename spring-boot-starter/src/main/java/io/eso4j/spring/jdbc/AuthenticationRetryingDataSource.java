package io.eso4j.spring.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The driver-level {@link DataSource} under a Hikari pool (Hikari's {@code DriverDataSource}, installed with {@code
 * HikariConfig.setDataSource} before the pool starts): Hikari opens every connection here with the credentials of
 * its configuration, so an authentication failure is seen as it happens. On one (SQLState class 28, see {@link
 * #isAuthenticationFailure}) it asks the {@link CredentialRotator} for credentials to retry with (which may refresh
 * the pool's ExternalSecrets) and retries once (unless {@code retry-on-authentication-failure} is off). A connection
 * opened while a rotation happened is replaced at once with one on the new credentials. Hikari's {@code SQLExceptionOverride} would not do: it judges
 * exceptions of connections already in use, never a connection being opened.
 */
final class AuthenticationRetryingDataSource implements DataSource {

    /** MySQL's and MariaDB's ER_ACCESS_DENIED_ERROR, for drivers that report no SQLState. */
    private static final int MYSQL_ACCESS_DENIED = 1045;

    private final DataSource delegate;
    private final CredentialRotationTarget target;
    private final Supplier<CredentialRotator> rotator;
    private final boolean retryOnAuthenticationFailure;

    AuthenticationRetryingDataSource(
            DataSource delegate,
            CredentialRotationTarget target,
            Supplier<CredentialRotator> rotator,
            boolean retryOnAuthenticationFailure) {
        this.delegate = delegate;
        this.target = target;
        this.rotator = rotator;
        this.retryOnAuthenticationFailure = retryOnAuthenticationFailure;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        DatabaseCredentials tried = new DatabaseCredentials(username, password);
        Connection connection;
        try {
            connection = delegate.getConnection(username, password);
        } catch (SQLException e) {
            if (!retryOnAuthenticationFailure || !isAuthenticationFailure(e)) {
                throw e;
            }
            DatabaseCredentials retry = rotator.get().afterAuthenticationFailure(target, tried, e);
            if (retry == null) {
                throw e;
            }
            try {
                return open(retry);
            } catch (SQLException again) {
                again.addSuppressed(e);
                throw again;
            }
        }
        // A rotation while this connection was being opened: its soft eviction cannot have seen it, so it is
        // replaced here rather than live on with the old credentials.
        DatabaseCredentials current = target.current();
        if (!current.equals(tried)) {
            connection.close();
            return open(current);
        }
        return connection;
    }

    private Connection open(DatabaseCredentials credentials) throws SQLException {
        return credentials.username() == null
                ? delegate.getConnection()
                : delegate.getConnection(credentials.username(), credentials.password());
    }

    /**
     * Whether the database refused the credentials: SQLState class 28 (invalid authorization specification;
     * PostgreSQL's {@code 28P01} invalid_password and {@code 28000}, MySQL's {@code 28000}) or MySQL's error 1045,
     * anywhere in the cause chain.
     */
    static boolean isAuthenticationFailure(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLInvalidAuthorizationSpecException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ((state != null && state.startsWith("28")) || sql.getErrorCode() == MYSQL_ACCESS_DENIED) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate.isWrapperFor(type);
    }
}
