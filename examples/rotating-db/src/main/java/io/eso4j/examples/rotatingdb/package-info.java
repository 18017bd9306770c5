/**
 * Example: a Spring Boot web service whose HikariCP pool on PostgreSQL follows a rotating database password, with no
 * restart and no failed request, while a load generator runs.
 */
package io.eso4j.examples.rotatingdb;
