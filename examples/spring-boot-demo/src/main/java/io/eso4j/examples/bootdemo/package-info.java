/**
 * The Spring Boot demo: ESO's AWS Secrets Manager tutorial as a Spring Boot application, with the ExternalSecret's
 * keys as properties ({@code @Value("${db-pass}")}), a {@code /demo} endpoint, actuator health and a live rotation.
 * By default against the testkit's fake AWS, started before the application; with {@code --aws} against AWS. Run it
 * with {@code ./mvnw -q -pl examples/spring-boot-demo -am process-classes -Prun} (see the module's README).
 */
package io.eso4j.examples.bootdemo;
