package io.eso4j;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of an {@link ExternalSecrets}' refresh activity. Immutable.
 *
 * @param cycles refresh cycles run (a cycle refreshes every ExternalSecret that fell due together)
 * @param refreshes ExternalSecret refreshes attempted, the initial resolution included
 * @param failures of those, how many failed
 * @param lastSuccess when any ExternalSecret last refreshed successfully, {@code null} if never
 * @param maxStaleness the largest {@link SecretStatus#staleness()} now: over the ExternalSecrets currently failing,
 *     the longest time since a last success (since the first failure for one that never succeeded); zero when
 *     none is failing
 * @param failing how many ExternalSecrets' latest refresh failed
 * @param droppedEvents events not delivered to a listener because its queue was full (it was not keeping up)
 */
public record RefreshStats(
        long cycles,
        long refreshes,
        long failures,
        Instant lastSuccess,
        Duration maxStaleness,
        int failing,
        long droppedEvents) {}
