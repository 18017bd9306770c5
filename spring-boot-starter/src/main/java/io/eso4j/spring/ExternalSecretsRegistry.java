package io.eso4j.spring;

import io.eso4j.AwsCallListener;
import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.SecretListener;
import io.eso4j.SecretStatus;
import io.eso4j.SecretsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every {@link ExternalSecrets} the {@code eso:} imports of this application resolved: usually one, more when
 * imports appear after the first load (profile-specific {@code spring.config.import}s). Registered as the bean
 * {@code eso4jExternalSecretsRegistry}; health, metrics and change events read it, so they cover all instances.
 * The {@code eso4jExternalSecrets} bean is the first instance.
 *
 * <p>Listeners added here reach every instance, present and future. AWS call listeners hear the Secrets Manager
 * calls of every instance (the instances are built with a relay to them). Thread-safe.
 */
public final class ExternalSecretsRegistry {

    private final List<ExternalSecrets> instances = new CopyOnWriteArrayList<>();
    private final List<SecretListener> listeners = new CopyOnWriteArrayList<>();
    private final List<AwsCallListener> callListeners = new CopyOnWriteArrayList<>();
    private final AwsCallListener relay = this::relay;

    /**
     * Per ExternalSecret key, the content the change publisher last applied (rebound and published); guarded by
     * itself.
     */
    private final Map<String, ResolvedSecret> applied = new HashMap<>();
    /** Futures waiting for applied content, guarded by {@link #applied}. */
    private final List<Waiter> waiters = new ArrayList<>();
    /** Whether a change publisher follows the instances (false: nothing to wait for after a refresh). */
    private volatile boolean publishing;

    private record Waiter(Map<String, ResolvedSecret> targets, CompletableFuture<Void> future) {}

    ExternalSecretsRegistry() {}

    /** The instances, in the order they were resolved. */
    public List<ExternalSecrets> instances() {
        return List.copyOf(instances);
    }

    /** Every resolved ExternalSecret of every instance. */
    public List<ResolvedSecret> all() {
        List<ResolvedSecret> all = new ArrayList<>();
        instances.forEach(secrets -> all.addAll(secrets.all()));
        return Collections.unmodifiableList(all);
    }

    /** The refresh status of every ExternalSecret of every instance, keyed {@code namespace/name} or {@code name}. */
    public Map<String, SecretStatus> statuses() {
        Map<String, SecretStatus> statuses = new LinkedHashMap<>();
        instances.forEach(secrets -> statuses.putAll(secrets.statuses()));
        return Collections.unmodifiableMap(statuses);
    }

    /** The ExternalSecrets of every instance that have no value, with their failure. */
    public Map<String, SecretsException> failures() {
        Map<String, SecretsException> failures = new LinkedHashMap<>();
        instances.forEach(secrets -> failures.putAll(secrets.failures()));
        return Collections.unmodifiableMap(failures);
    }

    /** Adds {@code listener} to every instance, and to those registered later. */
    public void addListener(SecretListener listener) {
        synchronized (instances) {
            listeners.add(listener);
            instances.forEach(secrets -> secrets.addListener(listener));
        }
    }

    /** Adds a listener for the Secrets Manager calls of every instance from now on. */
    public void addAwsCallListener(AwsCallListener listener) {
        callListeners.add(listener);
    }

    /**
     * Refreshes every instance now (see {@link ExternalSecrets#refreshNow()}) and completes once each change it
     * found has been applied: the property sources serve the new values, {@code @ConfigurationProperties} beans have
     * been rebound and the {@link ExternalSecretChangedEvent} has been published. {@code ExternalSecrets.refreshNow()}
     * alone completes when the new snapshot is published, before the listener thread rebinds and publishes, so a
     * test that reads a bound bean right after it may still see the old value.
     *
     * @return completes after the refresh and its rebinding; exceptionally if a refresh could not run
     */
    public CompletableFuture<Void> refreshNow() {
        Map<String, ResolvedSecret> before = byKey(all());
        CompletableFuture<?>[] refreshes =
                instances.stream().map(ExternalSecrets::refreshNow).toArray(CompletableFuture<?>[]::new);
        return CompletableFuture.allOf(refreshes).thenCompose(done -> {
            if (!publishing) {
                return CompletableFuture.completedFuture(null);
            }
            Map<String, ResolvedSecret> targets = new HashMap<>();
            byKey(all()).forEach((key, now) -> {
                ResolvedSecret then = before.get(key);
                if (then != null && !sameContent(then, now)) {
                    targets.put(key, now);
                }
            });
            return awaitApplied(targets);
        });
    }

    /** Marks that a change publisher follows the instances (the auto-configuration's). */
    void publishing() {
        publishing = true;
    }

    /** The current ResolvedSecret of {@code externalSecret} ({@code namespace/name} or {@code name}), or null. */
    ResolvedSecret current(String externalSecret) {
        return byKey(all()).get(externalSecret);
    }

    /**
     * Called by the change publisher once a Changed event of {@code externalSecret} has been applied, with the
     * content the property sources served when it started ({@code null} when unknown).
     */
    void applied(String externalSecret, ResolvedSecret content) {
        if (content == null) {
            return;
        }
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        synchronized (applied) {
            applied.put(externalSecret, content);
            waiters.removeIf(waiter -> {
                if (reached(waiter.targets())) {
                    ready.add(waiter.future());
                    return true;
                }
                return false;
            });
        }
        ready.forEach(future -> future.complete(null));
    }

    private CompletableFuture<Void> awaitApplied(Map<String, ResolvedSecret> targets) {
        synchronized (applied) {
            if (reached(targets)) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> future = new CompletableFuture<>();
            waiters.add(new Waiter(targets, future));
            return future;
        }
    }

    /** Whether each target's content (or a later one) has been applied. */
    private boolean reached(Map<String, ResolvedSecret> targets) {
        for (Map.Entry<String, ResolvedSecret> target : targets.entrySet()) {
            ResolvedSecret done = applied.get(target.getKey());
            if (done == null
                    || !sameContent(done, target.getValue())
                            && !done.fetchedAt().isAfter(target.getValue().fetchedAt())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, ResolvedSecret> byKey(List<ResolvedSecret> secrets) {
        Map<String, ResolvedSecret> byKey = new HashMap<>();
        secrets.forEach(secret -> byKey.put(secret.id().toString(), secret));
        return byKey;
    }

    /** What core counts as a change (a Changed event): data, type, labels or annotations differ. */
    private static boolean sameContent(ResolvedSecret a, ResolvedSecret b) {
        if (!a.type().equals(b.type())
                || !a.labels().equals(b.labels())
                || !a.annotations().equals(b.annotations())
                || !a.data().keySet().equals(b.data().keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> entry : a.data().entrySet()) {
            if (!Arrays.equals(entry.getValue(), b.data().get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The call listener every instance is built with; forwards to those added by {@link #addAwsCallListener}. */
    AwsCallListener callRelay() {
        return relay;
    }

    void register(ExternalSecrets secrets) {
        synchronized (instances) {
            instances.add(secrets);
            listeners.forEach(secrets::addListener);
        }
    }

    /** Closes and forgets {@code secrets}, an instance no import uses (it was built again). */
    void discard(ExternalSecrets secrets) {
        synchronized (instances) {
            instances.remove(secrets);
        }
        secrets.close();
    }

    private void relay(String operation, boolean success, Duration latency) {
        for (AwsCallListener listener : callListeners) {
            listener.onCall(operation, success, latency);
        }
    }

    @Override
    public String toString() {
        return "ExternalSecretsRegistry" + statuses().keySet();
    }
}
