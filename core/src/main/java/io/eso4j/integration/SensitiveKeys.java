package io.eso4j.integration;

import java.util.Locale;

/**
 * Which setting names hold credentials, so a framework's configuration views mask them: eso4j's secret keys and
 * static store keys, and the generic names {@code secret-keys}, {@code secret-access-key} and {@code session-token}.
 * Names are compared relaxed: case and separators ({@code .}, {@code -}, {@code _}, {@code [ ]}) ignored. Stateless.
 */
public final class SensitiveKeys {

    private SensitiveKeys() {}

    /** Whether the value of setting {@code name} must never be shown. */
    public static boolean isSensitive(String name) {
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return key.startsWith("eso4jsecretkeys")
                || key.startsWith("eso4jstoreauth")
                || key.equals("secretkeys")
                || key.equals("secretaccesskey")
                || key.equals("sessiontoken");
    }
}
