/**
 * Internal, not exported by the {@code io.eso4j.core} module and without compatibility promise: credentials for a
 * store, built from the SDK's own providers in ESO's order: {@code auth.jwt} (IRSA, web identity token file),
 * {@code auth.secretRef} (static keys through the {@link io.eso4j.auth.SecretKeyResolver} SPI) or the SDK default
 * chain, then {@code additionalRoles} and {@code role} as an AssumeRole chain.
 *
 * <p>Entry points: {@link io.eso4j.internal.auth.StoreCredentials} (one store's spec to {@link
 * io.eso4j.internal.auth.AwsAuth}) and {@link io.eso4j.internal.auth.CredentialsCache} (built once per store, reused
 * across refreshes), configured by {@link io.eso4j.auth.AuthOptions}. Nothing here prints a key, secret or token.
 */
package io.eso4j.internal.auth;
