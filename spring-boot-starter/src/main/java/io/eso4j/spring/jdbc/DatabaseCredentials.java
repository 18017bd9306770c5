package io.eso4j.spring.jdbc;

/**
 * A user name and password a pool opens connections with. Either may be {@code null} (not configured). {@link
 * #toString()} never shows either: both are credentials. Immutable.
 *
 * @param username the database user
 * @param password the user's password
 */
public record DatabaseCredentials(String username, String password) {

    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + (username == null ? "null" : "******") + ", password="
                + (password == null ? "null" : "******") + "]";
    }
}
