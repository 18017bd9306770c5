/**
 * Live database credentials: when an ExternalSecret change alters the credentials a connection pool was built from,
 * the pool opens its next connections with the new ones and retires the old connections softly; when the database
 * rejects a pool's credentials first (single-user rotation), the pool's ExternalSecrets are refreshed at once, in a
 * bounded way. {@link io.eso4j.spring.jdbc.CredentialRotationTarget} is the SPI for pools; HikariCP is built in.
 */
package io.eso4j.spring.jdbc;
