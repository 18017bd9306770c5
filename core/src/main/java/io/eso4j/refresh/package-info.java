/**
 * When ExternalSecrets are refreshed and how failures are treated: {@link io.eso4j.refresh.RefreshScheduler} (per
 * ExternalSecret intervals with jitter, coalescing of what falls due together, capped exponential backoff after a
 * failure, all on an injected clock and scheduler), {@link io.eso4j.refresh.Backoff} and
 * {@link io.eso4j.refresh.RefreshFailurePolicy}. What a refresh does (fetch, compare version ids, map, publish) is
 * the facade's, {@link io.eso4j.ExternalSecrets}.
 */
package io.eso4j.refresh;
