/**
 * eso4j's public face: the facade that resolves ExternalSecrets and keeps them fresh, its value types and
 * listeners, and the exception tree rooted at {@link io.eso4j.SecretsException}. The exception classes depend on
 * nothing else in eso4j, so every package may throw them.
 */
package io.eso4j;
