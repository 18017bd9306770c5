package io.eso4j.spring.jdbc;

import io.eso4j.ExternalSecrets;
import io.eso4j.SecretsException;
import io.eso4j.spring.EsoImportPropertySource;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
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

    /** The version stage a rotation in progress puts the new credentials under. */
    static final String PENDING_STAGE = "AWSPENDING";

    private final Supplier<List<CredentialRotationTarget>> targets;
    private final Function<DatabaseCredentials, Set<ExternalSecrets>> holders;
    private final BiFunction<CredentialRotationTarget, DatabaseCredentials, DatabaseCredentials> pending;
    private final Clock clock;
    private final Duration minForcedRefreshInterval;
    private final Duration forcedRefreshTimeout;
    private final Map<String, Instant> lastForcedRefresh = new HashMap<>();
    private final Map<String, Recovery> inFlight = new HashMap<>();
    /** Targets on AWSPENDING credentials, with what their configuration gave when they moved there. */
    private final Map<String, DatabaseCredentials> aheadOfConfiguration = new HashMap<>();

    private final AtomicInteger forcedRefreshes = new AtomicInteger();
    private final AtomicInteger pendingReads = new AtomicInteger();
    private final AtomicInteger pendingAdoptions = new AtomicInteger();
    private final AtomicInteger rotations = new AtomicInteger();
    private final Object lock = new Object();

    /** One recovery from an authentication failure: a forced refresh, then (if that changed nothing) AWSPENDING. */
    private static final class Recovery {

        final CompletableFuture<Void> refresh;
        final CompletableFuture<DatabaseCredentials> pending = new CompletableFuture<>();
        final AtomicBoolean pendingStarted = new AtomicBoolean();

        Recovery(CompletableFuture<Void> refresh) {
            this.refresh = refresh;
        }
    }

    CredentialRotator(
            Supplier<List<CredentialRotationTarget>> targets,
            Function<DatabaseCredentials, Set<ExternalSecrets>> holders,
            Clock clock,
            Duration minForcedRefreshInterval,
            Duration forcedRefreshTimeout) {
        this(targets, holders, (target, tried) -> null, clock, minForcedRefreshInterval, forcedRefreshTimeout);
    }

    /**
     * @param pending the credentials a target's configuration gives with the {@code AWSPENDING} values of the
     *     ExternalSecrets holding {@code tried}, read from AWS now, or {@code null} when there are none
     */
    CredentialRotator(
            Supplier<List<CredentialRotationTarget>> targets,
            Function<DatabaseCredentials, Set<ExternalSecrets>> holders,
            BiFunction<CredentialRotationTarget, DatabaseCredentials, DatabaseCredentials> pending,
            Clock clock,
            Duration minForcedRefreshInterval,
            Duration forcedRefreshTimeout) {
        this.targets = targets;
        this.holders = holders;
        this.pending = pending;
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
     * or a change event got there first) those are returned without a call to AWS; otherwise one recovery per
     * target, at most once per {@code minForcedRefreshInterval}: the ExternalSecrets that hold {@code tried} are
     * refreshed, and when that changes nothing (a single-user rotation between {@code setSecret} and {@code
     * finishSecret}: the database has the new password, {@code AWSCURRENT} still the old one) their {@code
     * AWSPENDING} values are read and, if they give other credentials, the pool moves to them ahead of its
     * configuration. It stays there until its configuration changes again (normally when {@code AWSCURRENT} moves
     * to the same values).
     */
    DatabaseCredentials afterAuthenticationFailure(
            CredentialRotationTarget target, DatabaseCredentials tried, SQLException failure) {
        Recovery recovery;
        synchronized (lock) {
            DatabaseCredentials current = target.current();
            if (!current.equals(tried)) {
                return current;
            }
            if (rotateIfChanged(target)) {
                return target.current();
            }
            recovery = inFlight.get(target.name());
            if (recovery == null || recovery.pending.isDone()) {
                recovery = startRecovery(target, tried, failure);
                if (recovery == null) {
                    return null;
                }
            }
        }
        // Waited for outside the lock: the refresh's change event rotates under it.
        if (!await(target, recovery.refresh)) {
            return null;
        }
        synchronized (lock) {
            DatabaseCredentials current = target.current();
            if (!current.equals(tried)) {
                recovery.pending.complete(null);
                return current;
            }
            if (rotateIfChanged(target)) {
                recovery.pending.complete(null);
                return target.current();
            }
        }
        if (recovery.pendingStarted.compareAndSet(false, true)) {
            DatabaseCredentials found = null;
            try {
                pendingReads.incrementAndGet();
                found = pending.apply(target, tried);
            } catch (RuntimeException e) {
                log.debug("Data source '" + target.name() + "': reading " + PENDING_STAGE + " failed ("
                        + e.getClass().getSimpleName() + ")");
            } finally {
                recovery.pending.complete(found);
            }
        }
        if (!await(target, recovery.pending)) {
            return null;
        }
        DatabaseCredentials found = recovery.pending.getNow(null);
        synchronized (lock) {
            DatabaseCredentials current = target.current();
            if (!current.equals(tried)) {
                return current;
            }
            if (rotateIfChanged(target)) {
                return target.current();
            }
            if (found == null || found.equals(tried)) {
                return null;
            }
            aheadOfConfiguration.put(target.name(), target.configured());
            target.rotate(found);
            rotations.incrementAndGet();
            pendingAdoptions.incrementAndGet();
            log.info("Data source '" + target.name() + "': new connections use the changed credentials of the"
                    + " rotation in progress (" + PENDING_STAGE + "); old connections are being retired");
            return target.current();
        }
    }

    /** Waits for {@code step} of a recovery; {@code false} when interrupted. */
    private boolean await(CredentialRotationTarget target, CompletableFuture<?> step) {
        try {
            step.get(forcedRefreshTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Data source '" + target.name() + "': the forced refresh did not complete ("
                    + e.getClass().getSimpleName() + ")");
        }
        return true;
    }

    /** Starts a refresh of the ExternalSecrets holding {@code tried}, unless one was forced too recently. */
    private Recovery startRecovery(CredentialRotationTarget target, DatabaseCredentials tried, SQLException failure) {
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
        Recovery recovery = new Recovery(CompletableFuture.allOf(
                holding.stream().map(ExternalSecrets::refreshNow).toArray(CompletableFuture[]::new)));
        inFlight.put(target.name(), recovery);
        return recovery;
    }

    private boolean rotateIfChanged(CredentialRotationTarget target) {
        DatabaseCredentials configured = target.configured();
        if (aheadOfConfiguration.containsKey(target.name())) {
            if (Objects.equals(configured, aheadOfConfiguration.get(target.name()))) {
                // On AWSPENDING credentials, and the configuration still gives the ones the database refused.
                return false;
            }
            aheadOfConfiguration.remove(target.name());
        }
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
        holdingSources(environment, tried).forEach(source -> holders.add(source.getSource()));
        return holders;
    }

    /**
     * The credentials {@code target}'s configuration gives when an {@code eso:} property source holding {@code tried}
     * is replaced by its {@code AWSPENDING} values (read from AWS now, one call per secret), the first that differ
     * from {@code tried}; {@code null} when no holder has a rotation in progress or the target cannot tell.
     */
    static DatabaseCredentials pendingIn(
            ConfigurableEnvironment environment, CredentialRotationTarget target, DatabaseCredentials tried) {
        for (ExternalSecretPropertySource holder : holdingSources(environment, tried)) {
            // The holder's import source in the environment (or the holder itself, when it was added on its own).
            PropertySource<?> replaced = containerOf(environment, holder);
            PropertySource<?> staged;
            try {
                staged = replaced instanceof EsoImportPropertySource item
                        ? item.readStage(holder, PENDING_STAGE)
                        : holder.readStage(PENDING_STAGE);
            } catch (SecretsException e) {
                log.debug("ExternalSecret " + holder.externalSecret() + " has no readable " + PENDING_STAGE + " ("
                        + e.getClass().getSimpleName() + ")");
                continue;
            }
            MutablePropertySources sources = new MutablePropertySources();
            for (PropertySource<?> source : environment.getPropertySources()) {
                // Without Boot's attached source: it would resolve against the live property sources.
                if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                    sources.addLast(source == replaced ? staged : source);
                }
            }
            DatabaseCredentials candidate = target.configured(sources);
            if (candidate != null && !candidate.equals(tried)) {
                return candidate;
            }
        }
        return null;
    }

    private static List<ExternalSecretPropertySource> holdingSources(
            ConfigurableEnvironment environment, DatabaseCredentials tried) {
        List<ExternalSecretPropertySource> holding = new ArrayList<>();
        List<Object> values = new ArrayList<>(2);
        if (tried.password() != null) {
            values.add(tried.password());
        }
        if (tried.username() != null) {
            values.add(tried.username());
        }
        for (ExternalSecretPropertySource eso :
                EsoImportPropertySource.perExternalSecret(environment.getPropertySources())) {
            for (String name : eso.getPropertyNames()) {
                Object value = eso.getProperty(name);
                if (value != null && values.stream().anyMatch(v -> Objects.equals(v, value.toString()))) {
                    holding.add(eso);
                    break;
                }
            }
        }
        return holding;
    }

    /** The environment's property source that holds {@code member}: its import source, or itself. */
    private static PropertySource<?> containerOf(
            ConfigurableEnvironment environment, ExternalSecretPropertySource member) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source == member
                    || (source instanceof EsoImportPropertySource item
                            && item.members().contains(member))) {
                return source;
            }
        }
        return member;
    }

    /** Reads of {@code AWSPENDING} after forced refreshes that changed nothing, so far. */
    int pendingReads() {
        return pendingReads.get();
    }

    /** Times a pool moved to {@code AWSPENDING} credentials ahead of its configuration, so far. */
    int pendingAdoptions() {
        return pendingAdoptions.get();
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
