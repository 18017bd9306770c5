package io.eso4j.examples.migration;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The keys of the JSON secret {@code DB-CREDENTIALS} as {@code @Value}s: the same placeholders under Spring Cloud
 * AWS and under eso4j, since both turn the top-level JSON keys into properties.
 *
 * <p>Immutable, thread-safe; {@link #toString()} is redacted.
 */
@Component
class DatabaseSettings {

    private final Map<String, String> values = new LinkedHashMap<>();

    DatabaseSettings(
            @Value("${db-host}") String host,
            @Value("${db-port}") String port,
            @Value("${db-user}") String user,
            @Value("${db-pass}") String password) {
        values.put("db-host", host);
        values.put("db-port", port);
        values.put("db-user", user);
        values.put("db-pass", password);
    }

    /** The injected values by key; secret, so for comparing, never for printing. */
    Map<String, String> values() {
        return Map.copyOf(values);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[keys " + values.keySet() + ", values redacted]";
    }
}
