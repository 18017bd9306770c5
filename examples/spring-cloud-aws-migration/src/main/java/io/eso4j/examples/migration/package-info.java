/**
 * The Spring Cloud AWS migration example: one small application whose {@code @Value}s come from the AWS secret
 * {@code DB-CREDENTIALS}, configured for Spring Cloud AWS (profile {@code spring-cloud-aws}) and for eso4j (profile
 * {@code eso4j}), both run against the same fake AWS by {@link io.eso4j.examples.migration.SideBySide}.
 */
package io.eso4j.examples.migration;
