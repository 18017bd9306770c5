/**
 * Internal, not exported by the {@code io.eso4j.core} module and without compatibility promise: the refresh engine
 * behind {@link io.eso4j.ExternalSecrets}. {@link io.eso4j.internal.engine.RefreshEngine} plans, fetches (through
 * {@link io.eso4j.internal.engine.StoreSession}s), maps and publishes immutable {@link
 * io.eso4j.internal.engine.Snapshot}s; {@link io.eso4j.internal.engine.RefreshScheduler} runs it on each
 * ExternalSecret's interval; {@link io.eso4j.internal.engine.ListenerMailbox} delivers events to one listener;
 * {@link io.eso4j.internal.engine.FailureEpisodes} logs failures once per episode. The facade builds it from an
 * {@link io.eso4j.internal.engine.EngineSettings}.
 */
package io.eso4j.internal.engine;
