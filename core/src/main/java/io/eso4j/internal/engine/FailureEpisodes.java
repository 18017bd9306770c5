package io.eso4j.internal.engine;

import io.eso4j.ExternalSecrets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps refresh failures quiet and useful in the logs during an outage. Failures are grouped into episodes by
 * store and error class: the first failure of an episode logs one WARN with the number of ExternalSecrets it
 * affects and the first one's message; while it lasts, one WARN every {@link #REPEAT} at most (with the count
 * then); when its last ExternalSecret refreshes again, one INFO. Each ExternalSecret's own failure is logged at
 * DEBUG. Before, 200 failing ExternalSecrets at a 10 s interval wrote 1,600 WARN lines a minute.
 *
 * <p>Called by the refresh cycle only (cycles never overlap), so it needs no locking of its own.
 */
public final class FailureEpisodes {

    /** The shortest time between two WARNs for one episode. */
    public static final Duration REPEAT = Duration.ofMinutes(5);

    private static final int NAMED = 5;

    // The facade's category, so that users' logging configuration for ExternalSecrets keeps applying.
    private static final Logger log = LoggerFactory.getLogger(ExternalSecrets.class);

    /** What groups failures: the store the ExternalSecret reads and the failure's class. */
    record Key(String store, String errorClass) {
        @Override
        public String toString() {
            return store + " (" + errorClass + ")";
        }
    }

    /** One ExternalSecret's failure in a cycle. */
    record Failure(Key episode, String message) {}

    private static final class Episode {
        final Instant started;
        final Set<String> members = new LinkedHashSet<>();
        Instant lastWarned;

        Episode(Instant started) {
            this.started = started;
            this.lastWarned = started;
        }
    }

    private final Map<Key, Episode> episodes = new LinkedHashMap<>();
    private final Map<String, Key> memberOf = new HashMap<>();

    /**
     * Logs one cycle's outcome.
     *
     * @param failed the ExternalSecrets that failed in this cycle, in order, with their failure
     * @param succeeded the ExternalSecrets that refreshed successfully in this cycle
     */
    void cycle(Instant now, Map<String, Failure> failed, Set<String> succeeded) {
        for (String key : succeeded) {
            leave(key, now, true);
        }
        Map<Key, List<String>> started = new LinkedHashMap<>();
        Map<Key, String> firstMessage = new HashMap<>();
        failed.forEach((key, failure) -> {
            Key previous = memberOf.get(key);
            if (previous != null && !previous.equals(failure.episode())) {
                leave(key, now, false); // fails differently now: it joins (or starts) that episode
            }
            Episode episode = episodes.get(failure.episode());
            if (episode == null) {
                episode = new Episode(now);
                episodes.put(failure.episode(), episode);
                started.put(failure.episode(), new ArrayList<>());
            }
            episode.members.add(key);
            memberOf.put(key, failure.episode());
            List<String> startedHere = started.get(failure.episode());
            if (startedHere != null) {
                startedHere.add(key);
            }
            firstMessage.putIfAbsent(failure.episode(), key + ": " + failure.message());
            log.debug("refreshing ExternalSecret {} failed, keeping the last good value: {}", key, failure.message());
        });
        started.forEach((key, members) -> log.warn(
                "refresh failing for {} ExternalSecret{} of {}, keeping the last good values{}; first: {}"
                        + " (each one at DEBUG; repeated at most every {} while it lasts)",
                members.size(),
                members.size() == 1 ? "" : "s",
                key,
                names(members),
                firstMessage.get(key),
                REPEAT));
        episodes.forEach((key, episode) -> {
            if (!started.containsKey(key)
                    && firstMessage.containsKey(key)
                    && !now.isBefore(episode.lastWarned.plus(REPEAT))) {
                episode.lastWarned = now;
                log.warn(
                        "refresh still failing for {} ExternalSecret{} of {} since {}, keeping the last good values;"
                                + " latest: {}",
                        episode.members.size(),
                        episode.members.size() == 1 ? "" : "s",
                        key,
                        episode.started,
                        firstMessage.get(key));
            }
        });
    }

    /** How many episodes are open (for tests). */
    int open() {
        return episodes.size();
    }

    private void leave(String member, Instant now, boolean recovered) {
        Key key = memberOf.remove(member);
        if (key == null) {
            return;
        }
        Episode episode = episodes.get(key);
        episode.members.remove(member);
        if (episode.members.isEmpty()) {
            episodes.remove(key);
            if (!recovered) {
                log.debug("failures of {} ended: its ExternalSecrets fail differently now", key);
                return;
            }
            log.info(
                    "refresh of {} recovered: its ExternalSecrets refresh again, after {} of failures",
                    key,
                    Duration.between(episode.started, now));
        }
    }

    private static String names(List<String> members) {
        if (members.size() <= 1) {
            return "";
        }
        List<String> shown = members.subList(0, Math.min(NAMED, members.size()));
        return " (" + String.join(", ", shown)
                + (members.size() > NAMED ? ", and " + (members.size() - NAMED) + " more" : "") + ")";
    }
}
