package io.eso4j.spring;

import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.integration.SecretProperties;
import io.eso4j.spec.ExternalSecretId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The target data of one ExternalSecret as properties: each key (behind the import's prefix) is a property name,
 * its value the UTF-8 text. Reads the {@link ExternalSecrets}' current snapshot on every call, so {@code
 * Environment.getProperty} sees each refresh without a restart; while the ExternalSecret has no value (an {@code
 * optional:} import that failed) it has no properties. Named {@code eso:<namespace/>name}; {@code /actuator/env}
 * masks every value of a property source so named. The starter does not put these in the environment: it puts one
 * {@link EsoImportPropertySource} per import item there, which merges them and keeps them as its {@link
 * EsoImportPropertySource#members() members} (the per-ExternalSecret view of events, health and rotation).
 *
 * <p>Thread-safe: the derived property map is rebuilt once per new snapshot and published atomically.
 */
public final class ExternalSecretPropertySource extends EnumerablePropertySource<ExternalSecrets> {

    /** The name prefix of every eso4j property source. */
    public static final String NAME_PREFIX = "eso:";

    private final ExternalSecretId id;
    private final String prefix;
    private final boolean flattenJson;
    private final UnaryOperator<String> naming;
    private volatile View view = new View(null, Map.of());

    private record View(ResolvedSecret secret, Map<String, Object> properties) {}

    ExternalSecretPropertySource(ExternalSecrets secrets, ExternalSecretId id, String prefix, boolean flattenJson) {
        this(secrets, id, prefix, flattenJson, UnaryOperator.identity());
    }

    /** A source whose property names are {@code naming} of each key (the Parameter Store short form's). */
    ExternalSecretPropertySource(
            ExternalSecrets secrets,
            ExternalSecretId id,
            String prefix,
            boolean flattenJson,
            UnaryOperator<String> naming) {
        super(name(id, prefix), secrets);
        this.id = id;
        this.prefix = prefix;
        this.flattenJson = flattenJson;
        this.naming = naming;
    }

    /**
     * {@code eso:<namespace/>name}, and {@code ?prefix=p} when the keys are prefixed: Spring keeps one property source
     * per name, so one secret imported twice with different prefixes must give two names.
     */
    static String name(ExternalSecretId id, String prefix) {
        return NAME_PREFIX + id + (prefix.isEmpty() ? "" : "?prefix=" + prefix);
    }

    /** The ExternalSecret, {@code namespace/name} or {@code name}, as events and health name it. */
    public String externalSecret() {
        return id.toString();
    }

    /** The prefix in front of every key. */
    public String prefix() {
        return prefix;
    }

    /** The ExternalSecret's current value, empty while it has none. */
    public Optional<ResolvedSecret> current() {
        return source.find(id);
    }

    @Override
    public Object getProperty(String name) {
        return properties().get(name);
    }

    @Override
    public boolean containsProperty(String name) {
        return properties().containsKey(name);
    }

    @Override
    public String[] getPropertyNames() {
        return properties().keySet().toArray(String[]::new);
    }

    /**
     * This ExternalSecret's properties as they would be if its references to the current version read the version
     * stage {@code versionStage} instead ({@code AWSPENDING} during a rotation), read from AWS now and not published
     * (see {@link ExternalSecrets#resolveAtStage}). Same name, so it can stand in for this source in a copy of the
     * property sources, and it is masked like this one.
     *
     * @throws io.eso4j.SecretsException when the ExternalSecret cannot be read at that stage
     */
    public PropertySource<?> readStage(String versionStage) {
        ResolvedSecret staged = source.resolveAtStage(id, versionStage);
        return new MapPropertySource(getName(), Map.copyOf(SecretProperties.of(staged, prefix, flattenJson)));
    }

    /**
     * The property names that {@code key} of the target data gives now: the key with the prefix and, flattened, its
     * leaves ({@code db.host}, {@code db.hosts[0]}).
     */
    Set<String> propertyNames(String key) {
        return SecretProperties.namesOf(key, prefix, naming, properties().keySet());
    }

    /** The current properties, rebuilt once per new value of the ExternalSecret. */
    Map<String, Object> properties() {
        ResolvedSecret secret = current().orElse(null);
        View seen = view;
        if (seen.secret() == secret) {
            return seen.properties();
        }
        Map<String, Object> published = Map.copyOf(SecretProperties.of(secret, prefix, flattenJson, naming));
        view = new View(secret, published);
        return published;
    }
}
