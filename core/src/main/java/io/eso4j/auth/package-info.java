/**
 * Credentials for a store, built from the SDK's own providers in ESO's order: {@code auth.jwt} (IRSA, web identity
 * token file), {@code auth.secretRef} (static keys through the {@link io.eso4j.auth.SecretKeyResolver} SPI) or the
 * SDK default chain, then {@code additionalRoles} and {@code role} as an AssumeRole chain.
 *
 * <p>Entry points: {@link io.eso4j.auth.StoreCredentials} (one store's spec to {@link io.eso4j.auth.AwsAuth}),
 * {@link io.eso4j.auth.CredentialsCache} (built once per store, reused across refreshes), {@link
 * io.eso4j.auth.AwsAuth}'s static factories for configuring in code, and {@link io.eso4j.auth.AuthOptions} for STS
 * endpoint, region, token file, session name and refresh timing. Nothing here prints a key, secret or token.
 */
package io.eso4j.auth;
