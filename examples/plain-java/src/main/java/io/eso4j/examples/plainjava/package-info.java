/**
 * The plain-Java example: eso4j's core without any framework, against the testkit's fake AWS started in-process.
 * Run it with {@code ./mvnw -q -pl examples/plain-java -am process-classes -Prun} (see the module's README).
 */
package io.eso4j.examples.plainjava;
