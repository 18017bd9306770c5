/**
 * Spring Boot test support for eso4j: {@link io.eso4j.spring.test.EsoFakeAws} starts the testkit's fake AWS before
 * config data is imported, points every {@code eso:} import at it (endpoint, STS endpoint, region, credentials; no
 * system properties), resets it between tests together with the application's snapshot, and exposes the
 * {@link io.eso4j.testkit.FakeAws} as a bean.
 */
package io.eso4j.spring.test;
