/** The AOT example: {@code spring-boot:process-aot} with {@code eso:} imports and no AWS at build time. */
package io.eso4j.examples.aot;
