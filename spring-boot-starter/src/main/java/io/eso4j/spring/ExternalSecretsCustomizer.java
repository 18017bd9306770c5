package io.eso4j.spring;

import io.eso4j.ExternalSecrets;

/**
 * Adjusts the {@link ExternalSecrets.Builder} of the {@code eso:} imports before they are resolved: a client
 * factory or credentials provider, a clock or scheduler, backoff, listeners. Config data is imported before any
 * bean exists, so register it in the bootstrap context, for example from a {@code BootstrapRegistryInitializer}:
 *
 * <pre>{@code
 * application.addBootstrapRegistryInitializer(registry -> registry.register(
 *         ExternalSecretsCustomizer.class, context -> builder -> builder.fetchConcurrency(16)));
 * }</pre>
 *
 * <p>Called once per resolution, on the thread starting the application.
 */
@FunctionalInterface
public interface ExternalSecretsCustomizer {

    void customize(ExternalSecrets.Builder builder);
}
