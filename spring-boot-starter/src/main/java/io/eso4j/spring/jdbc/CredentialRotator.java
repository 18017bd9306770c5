package io.eso4j.spring.jdbc;

import io.eso4j.ExternalSecrets;
import io.eso4j.spring.ExternalSecretChangedEvent;
import io.eso4j.spring.ExternalSecretPropertySource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Applies changed credentials to every {@link CredentialRotationTarget}: on each {@link ExternalSecretChangedEvent},
 * and when a pool's connection is refused for its credentials ({@link #afterAuthenticationFailure}). Decides
 * "changed" by resolving each target's credentials again and comparing them with what the pool has, so placeholders
 * ({@code spring.datasource.password: ${db-pass}}) count. Logs bean names, never credentials. Thread-safe: one
 * rotation at a time.
 */
final class CredentialRotator implements ApplicationListener<ExternalSecretChangedEvent>, Ordered {

    private static final Log log = LogFactory.getLog(CredentialRotator.class);

    private final Supplier<List<CredentialRotationTarget>> targets;
    private final Function<DatabaseCredentials, Set<ExternalSecrets>> holders;
    private final Clock clock;
    private final Duration minForcedRefreshInterval;
    private final Duration forcedRefreshTimeout;
    private final Map<String, Instant> lastForcedRefresh = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> inFlight = new HashMap<>();
    private final AtomicInteger forcedRefreshes = new AtomicInteger();
    private final AtomicInteger rotations = new AtomicInteger();
    private final Object lock = new Object();

    CredentialRotator(
            Supplier<List<CredentialRotationTarget>> targets,
            Function<DatabaseCredentials, Set<ExternalSecrets>> holders,
            Clock clock,
            Duration minForcedRefreshInterval,
            Duration forcedRefreshTimeout) {
        this.targets = targets;
        this.holders = holders;
        this.clock = clock;
        this.minForcedRefreshInterval = minForcedRefreshInterval;
        this.forcedRefreshTimeout = forcedRefreshTimeout;
    }

    @Override
    public void onApplicationEvent(ExternalSecretChangedEvent event) {
        rotateChanged();
    }

    /** Early among the change listeners: the pools switch before application listeners hear of the change. */
    @Override
    public int getOrder() {
        return 0;
    }

    /** Rotates every target whose configured credentials differ from the pool's; returns how many it rotated. */
    int rotateChanged() {
        int rotated = 0;
        synchronized (lock) {
            for (CredentialRotationTarget target : targets.get()) {
                if (rotateIfChanged(target)) {
                    rotated++;
                }
            }
        }
        return rotated;
    }

    /**
     * A new connection of {@code target} was refused for {@code tried}: returns the credentials to retry once with,
     * or {@code null} to give up. Coalesced and bounded: when the pool already has other credentials (another attempt
     * or a change event got there first) those are returned without a refresh; otherwise the ExternalSecrets that
     * hold {@code tried} are refreshed, at most once per {@code minForcedRefreshInterval} for this target.
     */
    DatabaseCredentials afterAuthenticationFailure(
            CredentialRotationTarget target, DatabaseCredentials tried, SQLException failure) {
        CompletableFuture<Void> refresh;
        synchronized (lock) {
            DatabaseCredentials current = target.current();
            if (!current.equals(tried)) {
                return current;
            }
            if (rotateIfChanged(target)) {
                return target.current();
            }
            refresh = inFlight.get(target.name());
            if (refresh == null || refresh.isDone()) {
                refresh = startForcedRefresh(target, tried, failure);
                if (refresh == null) {
                    return null;
                }
            }
        }
        // Waited for outside the lock: the refresh's change event rotates under it.
        try {
            refresh.get(forcedRefreshTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Data source '" + target.name() + "': the forced refresh did not complete ("
                    + e.getClass().getSimpleName() + ")");
        }
        synchronized (lock) {
            DatabaseCredentials current = target.current();
            if (!current.equals(tried)) {
                return current;
            }
            return rotateIfChanged(target) ? target.current() : null;
        }
    }

    /** Starts a refresh of the ExternalSecrets holding {@code tried}, unless one was forced too recently. */
    private CompletableFuture<Void> startForcedRefresh(
            CredentialRotationTarget target, DatabaseCredentials tried, SQLException failure) {
        Instant now = clock.instant();
        Instant last = lastForcedRefresh.get(target.name());
        if (last != null && now.isBefore(last.plus(minForcedRefreshInterval))) {
            log.debug("Data source '" + target.name() + "': credentials refused again (SQLState "
                    + failure.getSQLState() + "); the last forced refresh was less than " + minForcedRefreshInterval
                    + " ago");
            return null;
        }
        Set<ExternalSecrets> holding = holders.apply(tried);
        if (holding.isEmpty()) {
            return null;
        }
        lastForcedRefresh.put(target.name(), now);
        forcedRefreshes.incrementAndGet();
        log.warn("Data source '" + target.name() + "': the database refused its credentials (SQLState "
                + failure.getSQLState() + "); refreshing their ExternalSecrets now");
        CompletableFuture<Void> refresh = CompletableFuture.allOf(
                holding.stream().map(ExternalSecrets::refreshNow).toArray(CompletableFuture[]::new));
        inFlight.put(target.name(), refresh);
        return refresh;
    }

    private boolean rotateIfChanged(CredentialRotationTarget target) {
        DatabaseCredentials configured = target.configured();
        if (configured == null || configured.equals(target.current())) {
            return false;
        }
        target.rotate(configured);
        rotations.incrementAndGet();
        log.info("Data source '" + target.name()
                + "': new connections use the changed credentials; old connections are being retired");
        return true;
    }

    /**
     * The ExternalSecrets instances whose {@code eso:} property sources in {@code environment} hold one of the
     * credentials, by value: found through any number of placeholders, and never by a property name.
     */
    static Set<ExternalSecrets> holdersIn(ConfigurableEnvironment environment, DatabaseCredentials tried) {
        Set<ExternalSecrets> holders = new LinkedHashSet<>();
        List<Object> values = new ArrayList<>(2);
        if (tried.password() != null) {
            values.add(tried.password());
        }
        if (tried.username() != null) {
            values.add(tried.username());
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof ExternalSecretPropertySource eso) {
                for (String name : eso.getPropertyNames()) {
                    Object value = eso.getProperty(name);
                    if (value != null && values.stream().anyMatch(v -> Objects.equals(v, value.toString()))) {
                        holders.add(eso.getSource());
                        break;
                    }
                }
            }
        }
        return holders;
    }

    /** Refreshes forced by authentication failures so far. */
    int forcedRefreshes() {
        return forcedRefreshes.get();
    }

    /** Rotations applied so far, over all targets. */
    int rotations() {
        return rotations.get();
    }
}
