/**
 * Credentials for a store: the SDK providers that {@code auth.secretRef}, {@code auth.jwt}, role chains and the
 * default chain call for, and the {@link io.eso4j.auth.SecretKeyResolver} SPI that finds referenced Kubernetes
 * Secret keys without a cluster.
 */
package io.eso4j.auth;
