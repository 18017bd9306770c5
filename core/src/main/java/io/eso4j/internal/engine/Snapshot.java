package io.eso4j.internal.engine;

import io.eso4j.ResolvedSecret;
import io.eso4j.SecretsException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One published state of {@link io.eso4j.ExternalSecrets}: the resolved ExternalSecrets and the failures, keyed {@code
 * namespace/name} (or {@code name}) in manifest order, with lookups by namespace and by name. Immutable; the engine
 * swaps it with one volatile write, so readers never see half of a refresh.
 */
public final class Snapshot {

    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

    public final Map<String, ResolvedSecret> byKey;
    public final Map<String, Map<String, ResolvedSecret>> byNamespace;
    public final Map<String, ResolvedSecret> byName;
    public final Set<String> ambiguousNames;
    public final Map<String, SecretsException> failures;

    Snapshot(Map<String, ResolvedSecret> byKey, Map<String, SecretsException> failures) {
        this.byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        Map<String, Map<String, ResolvedSecret>> namespaces = new HashMap<>();
        Map<String, ResolvedSecret> names = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (ResolvedSecret secret : byKey.values()) {
            namespaces.computeIfAbsent(secret.namespace(), n -> new HashMap<>()).put(secret.name(), secret);
            if (names.put(secret.name(), secret) != null) {
                ambiguous.add(secret.name());
            }
        }
        ambiguous.forEach(names::remove);
        this.byNamespace = namespaces;
        this.byName = names;
        this.ambiguousNames = ambiguous;
    }
}
