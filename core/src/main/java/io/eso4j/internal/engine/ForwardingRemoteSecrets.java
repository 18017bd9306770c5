package io.eso4j.internal.engine;

import io.eso4j.mapping.RemoteSecrets;
import io.eso4j.mapping.RemoteValue;
import io.eso4j.spec.Find;
import io.eso4j.spec.GeneratorRef;
import io.eso4j.spec.SecretStoreRef;
import java.util.Map;
import java.util.Objects;

/** A {@link RemoteSecrets} that hands every call to another; subclasses override what they change. */
abstract class ForwardingRemoteSecrets implements RemoteSecrets {

    private final RemoteSecrets delegate;

    ForwardingRemoteSecrets(RemoteSecrets delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public RemoteValue value(SecretStoreRef store, String key, String version) {
        return delegate.value(store, key, version);
    }

    @Override
    public Map<String, String> tags(SecretStoreRef store, String key) {
        return delegate.tags(store, key);
    }

    @Override
    public Map<String, RemoteValue> find(SecretStoreRef store, Find find) {
        return delegate.find(store, find);
    }

    @Override
    public void requireSecretMap(SecretStoreRef store) {
        delegate.requireSecretMap(store);
    }

    @Override
    public boolean valueAsIs(SecretStoreRef store) {
        return delegate.valueAsIs(store);
    }

    @Override
    public Map<String, byte[]> generate(GeneratorRef generator) {
        return delegate.generate(generator);
    }
}
