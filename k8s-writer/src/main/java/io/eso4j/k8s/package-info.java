/**
 * Mirrors resolved ExternalSecrets into Kubernetes Secrets as ESO's controller writes them: creation and deletion
 * policies, ESO's managed label and data-hash annotation, no write when nothing changed, optimistic concurrency
 * with retries, and Lease-based leader election so that one replica of many writes.
 *
 * <p>Public: {@link io.eso4j.k8s.SecretMirror} (one-shot writes), {@link io.eso4j.k8s.LeaderElectedMirror}
 * (continuous mode), {@link io.eso4j.k8s.MirrorResult} and {@link io.eso4j.k8s.ClusterSecretKeyResolver}. The
 * engine that plans and performs the writes is package-private.
 */
package io.eso4j.k8s;
