package io.eso4j.internal.engine;

import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.SecretEvent;
import io.eso4j.SecretsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one refresh cycle makes of the snapshot it started from: the values and failures it publishes, the events
 * it raises and the failures it hands to {@link FailureEpisodes}. Each outcome of one ExternalSecret is one call
 * ({@link #resolved}, {@link #succeeded}, {@link #failed}); {@link #snapshot} then builds the next snapshot, or null
 * when nothing changed. Confined to the refresh thread.
 */
final class RefreshCycle {

    // The facade's category, so that users' logging configuration for ExternalSecrets keeps applying.
    private static final Logger log = LoggerFactory.getLogger(ExternalSecrets.class);

    /** How a freshly mapped value relates to the one published. */
    enum Change {
        /** There was none. */
        LOADED,
        /** Data, type, labels or annotations differ. */
        CHANGED,
        /** Same content from other versions: published silently so the next cycle compares with them. */
        NEW_VERSIONS,
        /** Nothing to publish. */
        SAME
    }

    private final Instant now;
    private final Snapshot before;
    private final Map<String, ResolvedSecret> published;
    private final Map<String, SecretsException> failures;
    private boolean dirty;
    private final Set<String> failed = new HashSet<>();
    private final Map<String, FailureEpisodes.Failure> failedThisCycle = new LinkedHashMap<>();
    private final Set<String> succeededThisCycle = new HashSet<>();
    private final List<SecretEvent> events = new ArrayList<>();

    RefreshCycle(Instant now, Snapshot before) {
        this.now = now;
        this.before = before;
        this.published = new HashMap<>(before.byKey);
        this.failures = new HashMap<>(before.failures);
    }

    Instant now() {
        return now;
    }

    /** The value published when the cycle started, or null. */
    ResolvedSecret previous(String key) {
        return before.byKey.get(key);
    }

    static Change change(ResolvedSecret previous, ResolvedSecret candidate) {
        if (previous == null) {
            return Change.LOADED;
        }
        if (!candidate.sameContent(previous)) {
            return Change.CHANGED;
        }
        return candidate.versions().equals(previous.versions()) ? Change.SAME : Change.NEW_VERSIONS;
    }

    /** {@code key} was mapped again into {@code candidate}: published, with a Loaded or Changed event, as it differs. */
    void resolved(String key, ResolvedSecret previous, ResolvedSecret candidate) {
        switch (change(previous, candidate)) {
            case LOADED -> {
                publish(key, candidate);
                events.add(new SecretEvent.Loaded(key, candidate.keys()));
                log.info(
                        "resolved ExternalSecret {}: {} keys",
                        key,
                        candidate.keys().size());
            }
            case CHANGED -> {
                publish(key, candidate);
                Set<String> changed = candidate.changedKeys(previous);
                events.add(new SecretEvent.Changed(key, changed));
                log.info("ExternalSecret {} changed: keys {}", key, changed);
            }
            case NEW_VERSIONS -> publish(key, candidate);
            case SAME -> {}
        }
    }

    /** {@code key} refreshed: its failure is cleared; {@code recoveredAfter} non-null raises a Recovered event. */
    void succeeded(String key, Duration recoveredAfter) {
        if (failures.remove(key) != null) {
            dirty = true;
        }
        if (recoveredAfter != null) {
            events.add(new SecretEvent.Recovered(key, recoveredAfter));
            log.debug("ExternalSecret {} recovered after {}", key, recoveredAfter);
        }
        succeededThisCycle.add(key);
    }

    /**
     * {@code key} failed with {@code e}: a first failure is published as the failure; a later one keeps the last
     * good value unless {@code drop} (the failure policy withdrew it). Always a RefreshFailed event, and the
     * failure goes to its log episode.
     */
    void failed(
            String key,
            FailureEpisodes.Key episode,
            SecretsException e,
            boolean terminal,
            boolean drop,
            Duration staleness) {
        failed.add(key);
        SecretsException reported = e.withContext("ExternalSecret " + key + ": ");
        if (previous(key) == null) {
            failures.put(key, reported);
            dirty = true;
        } else if (drop) {
            published.remove(key);
            failures.put(key, reported);
            dirty = true;
            log.warn("refreshing ExternalSecret {} failed, value withdrawn: {}", key, e.getMessage());
        }
        // Logged per episode (one WARN for all ExternalSecrets failing alike), each one at DEBUG.
        failedThisCycle.put(key, new FailureEpisodes.Failure(episode, e.getMessage()));
        events.add(new SecretEvent.RefreshFailed(key, e.getMessage(), terminal, staleness));
    }

    /** The next snapshot in {@code order} (the manifests' order), or null when this cycle changed nothing. */
    Snapshot snapshot(Collection<String> order) {
        if (!dirty) {
            return null;
        }
        Map<String, ResolvedSecret> ordered = new LinkedHashMap<>();
        Map<String, SecretsException> orderedFailures = new LinkedHashMap<>();
        for (String key : order) {
            if (published.containsKey(key)) {
                ordered.put(key, published.get(key));
            }
            if (failures.containsKey(key)) {
                orderedFailures.put(key, failures.get(key));
            }
        }
        return new Snapshot(ordered, orderedFailures);
    }

    Set<String> failed() {
        return failed;
    }

    Map<String, FailureEpisodes.Failure> failedThisCycle() {
        return failedThisCycle;
    }

    Set<String> succeededThisCycle() {
        return succeededThisCycle;
    }

    List<SecretEvent> events() {
        return events;
    }

    private void publish(String key, ResolvedSecret value) {
        published.put(key, value);
        dirty = true;
    }
}
