package io.eso4j.spring;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.PropertyPlaceholderHelper;

/**
 * Which properties of an {@link ConfigurableEnvironment} get their value from an {@code eso:} property source,
 * directly or through any number of placeholders ({@code spring.datasource.password: ${db-pass}}, {@code a: ${b}},
 * {@code b: ${db-pass}}): what the actuator masking and the rebinding follow. A placeholder counts wherever it
 * stands in a value, its default included ({@code ${x:${db-pass}}}), so the answer errs on the side of "from a
 * secret". Names are looked up as Boot's binder and {@code Environment.getProperty} do (relaxed, first property
 * source wins), and, for names that are not canonical property names, verbatim.
 *
 * <p>Stateless apart from the environment it reads; thread-safe as far as the environment's property sources are.
 */
final class SecretProvenance {

    /** Deeper placeholder chains than this are taken as coming from a secret. */
    private static final int MAX_DEPTH = 32;

    /** Secret values at least this long are also found inside longer values (a JDBC URL holding a host name). */
    static final int MIN_CONTAINED_LENGTH = 8;

    private final ConfigurableEnvironment environment;

    SecretProvenance(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    /**
     * Whether the value shown for {@code name} (from {@code source}, or where the environment finds it when {@code
     * source} is {@code null} or does not hold it) comes from an {@code eso:} source, or is {@code value} one of
     * theirs.
     */
    boolean fromSecret(PropertySource<?> source, String name, Object value) {
        if (isSecretSource(source)) {
            return true;
        }
        try {
            if (source != null && source.containsProperty(name)) {
                if (dependsOnSecret(source.getProperty(name), new HashSet<>(), 0)) {
                    return true;
                }
            } else if (nameFromSecret(name, new HashSet<>(), 0)) {
                return true;
            }
        } catch (RuntimeException e) {
            // A circular or malformed placeholder: whatever it resolves to is not shown.
            return true;
        }
        return value instanceof CharSequence text && isSecretValue(text.toString());
    }

    /** Whether {@code text} is, or (when long enough) contains, the current value of a property of an eso: source. */
    boolean isSecretValue(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (ExternalSecretPropertySource eso :
                EsoImportPropertySource.perExternalSecret(environment.getPropertySources())) {
            for (Object value : eso.properties().values()) {
                if (value instanceof String secret
                        && !secret.isEmpty()
                        && (text.equals(secret)
                                || (secret.length() >= MIN_CONTAINED_LENGTH && text.contains(secret)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The names of the properties of the environment's non-{@code eso:} sources whose values reference one of {@code
     * changed} through placeholders, at any depth: the properties a change of {@code changed} changes too.
     */
    Set<String> dependents(Set<String> changed) {
        Set<String> dependents = new LinkedHashSet<>();
        if (changed.isEmpty()) {
            return dependents;
        }
        Set<ConfigurationPropertyName> targets = new HashSet<>();
        changed.forEach(name -> targets.add(canonical(name)));
        targets.remove(null);
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable
                    && !isSecretSource(source)
                    && !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                for (String name : enumerable.getPropertyNames()) {
                    Object raw = enumerable.getProperty(name);
                    if (raw instanceof String text
                            && text.contains("${")
                            && referencesAny(text, changed, targets, new HashSet<>(), 0)) {
                        dependents.add(name);
                    }
                }
            }
        }
        return dependents;
    }

    private boolean referencesAny(
            String raw, Set<String> changed, Set<ConfigurationPropertyName> targets, Set<String> visited, int depth) {
        if (depth > MAX_DEPTH) {
            return true;
        }
        for (String reference : references(raw)) {
            ConfigurationPropertyName canonical = canonical(reference);
            if (changed.contains(reference) || (canonical != null && targets.contains(canonical))) {
                return true;
            }
            if (visited.add(reference)) {
                if (lookup(reference) instanceof String text
                        && referencesAny(text, changed, targets, visited, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean dependsOnSecret(Object raw, Set<String> visited, int depth) {
        if (!(raw instanceof String text) || !text.contains("${")) {
            return false;
        }
        if (depth > MAX_DEPTH) {
            return true;
        }
        for (String reference : references(text)) {
            if (visited.add(reference) && nameFromSecret(reference, visited, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the source that wins for {@code name} is an eso: one, or its value there depends on one. */
    private boolean nameFromSecret(String name, Set<String> visited, int depth) {
        ConfigurationPropertyName canonical = canonical(name);
        if (canonical != null) {
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
                ConfigurationProperty property = source.getConfigurationProperty(canonical);
                if (property != null) {
                    if (isSecretSource(source.getUnderlyingSource())
                            || dependsOnSecret(property.getValue(), visited, depth)) {
                        return true;
                    }
                    break;
                }
            }
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
                    && source.containsProperty(name)) {
                return isSecretSource(source) || dependsOnSecret(source.getProperty(name), visited, depth);
            }
        }
        return false;
    }

    /** The raw value the environment has for {@code name} (relaxed first, then verbatim), or {@code null}. */
    private Object lookup(String name) {
        ConfigurationPropertyName canonical = canonical(name);
        if (canonical != null) {
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
                ConfigurationProperty property = source.getConfigurationProperty(canonical);
                if (property != null) {
                    return property.getValue();
                }
            }
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
                    && source.containsProperty(name)) {
                return source.getProperty(name);
            }
        }
        return null;
    }

    private static boolean isSecretSource(Object source) {
        return source instanceof PropertySource<?> propertySource
                && propertySource.getName().startsWith(ExternalSecretPropertySource.NAME_PREFIX);
    }

    /** The canonical form of {@code name} as the binder reads it, or {@code null} when it has none. */
    static ConfigurationPropertyName canonical(String name) {
        if (ConfigurationPropertyName.isValid(name)) {
            return ConfigurationPropertyName.of(name);
        }
        ConfigurationPropertyName adapted = ConfigurationPropertyName.adapt(name, '.');
        return adapted.isEmpty() ? null : adapted;
    }

    /**
     * Every placeholder name {@code raw} references, defaults and nested names included ({@code ${a:${b}}} gives
     * {@code a} and {@code b}), parsed with Spring's own placeholder syntax.
     */
    static Set<String> references(String raw) {
        Set<String> names = new LinkedHashSet<>();
        if (!raw.contains("${")) {
            return names;
        }
        PropertyPlaceholderHelper helper = new PropertyPlaceholderHelper("${", "}", ":", '\\', true);
        helper.replacePlaceholders(raw, name -> {
            names.add(name);
            return null;
        });
        return names;
    }
}
