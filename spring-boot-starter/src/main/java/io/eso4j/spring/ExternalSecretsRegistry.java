package io.eso4j.spring;

import io.eso4j.AwsCallListener;
import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.SecretListener;
import io.eso4j.SecretStatus;
import io.eso4j.SecretsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
