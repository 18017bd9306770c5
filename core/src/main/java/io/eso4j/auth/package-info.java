/**
 * How eso4j authenticates to AWS, as users configure it: {@link io.eso4j.auth.AuthOptions} (STS endpoint and region,
 * token file, session name, refresh timing) and the {@link io.eso4j.auth.SecretKeyResolver} SPI through which
 * {@code auth.secretRef} static keys are found. The credential providers built from a store's spec are internal
 * ({@code io.eso4j.internal.auth}). Nothing here prints a key, secret or token.
 */
package io.eso4j.auth;
