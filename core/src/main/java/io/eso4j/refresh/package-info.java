/**
 * How ExternalSecrets are refreshed and how failures are treated, as options of
 * {@link io.eso4j.ExternalSecrets.Builder}: {@link io.eso4j.refresh.Backoff} (capped exponential backoff after a
 * failed refresh) and {@link io.eso4j.refresh.RefreshFailurePolicy} (what a terminal failure does to the last good
 * value). The engine that applies them (per ExternalSecret intervals with jitter, coalescing of what falls due
 * together, fetch, version comparison, mapping and publishing) is package-private behind the facade,
 * {@link io.eso4j.ExternalSecrets}.
 */
package io.eso4j.refresh;
