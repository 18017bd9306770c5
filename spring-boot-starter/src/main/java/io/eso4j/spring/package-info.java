/**
 * Spring Boot integration: {@code spring.config.import=eso:<manifests>} or {@code eso:aws:<ids>} turns each
 * ExternalSecret into a live {@link org.springframework.core.env.PropertySource}. The resolver ({@link
 * io.eso4j.spring.EsoConfigDataLocationResolver}) queues the items of every import, the loader ({@link
 * io.eso4j.spring.EsoConfigDataLoader}) resolves them all at once and hands out one {@link
 * io.eso4j.spring.EsoImportPropertySource} per import item (one merged map over the item's ExternalSecrets, each
 * still seen on its own as an {@link io.eso4j.spring.ExternalSecretPropertySource}), and {@link io.eso4j.spring.EsoAutoConfiguration}
 * adds change events, rebinding (handed to Spring Cloud Context when present), health, metrics and sanitizing. Settings: {@link io.eso4j.spring.EsoProperties}.
 */
package io.eso4j.spring;
