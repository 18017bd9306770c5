package io.eso4j.spring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.PlaceholderResolutionException;

/**
 * Explains an unresolvable placeholder ({@code @Value("${db-password}")}) in an application with {@code eso:}
 * imports: lists the property names (never values) each loaded ExternalSecret gives, and the closest one to the
 * placeholder. Does nothing (leaves the failure to Spring) when no {@code eso:} property source is loaded.
 * Registered through {@code spring.factories}, built with the failed context's {@link Environment}; stateless.
 */
public final class EsoPlaceholderFailureAnalyzer extends AbstractFailureAnalyzer<PlaceholderResolutionException> {

    /** The most names listed per ExternalSecret. */
    static final int MAX_NAMES = 20;

    private final Environment environment;

    /** @param environment the failed context's environment; {@code null} when the failure came before there was one */
    public EsoPlaceholderFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PlaceholderResolutionException cause) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return null;
        }
        String placeholder = cause.getPlaceholder();
        List<String> listing = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>();
        for (ExternalSecretPropertySource eso :
                EsoImportPropertySource.perExternalSecret(configurable.getPropertySources())) {
            TreeSet<String> names = new TreeSet<>(List.of(eso.getPropertyNames()));
            all.addAll(names);
            List<String> shown = names.stream().limit(MAX_NAMES).toList();
            listing.add("  " + eso.getName() + ": " + String.join(", ", shown)
                    + (names.size() > shown.size() ? ", … (" + names.size() + " in all)" : ""));
        }
        if (listing.isEmpty()) {
            return null;
        }
        String closest = all.stream()
                .min(Comparator.comparingInt((String name) -> distance(placeholder, name)))
                .orElse("");
        boolean near = distance(placeholder, closest) <= Math.max(2, placeholder.length() / 2);
        return new FailureAnalysis(
                "Could not resolve placeholder '" + placeholder + "'. The eso: imports give these properties (names"
                        + " only):\n" + String.join("\n", listing),
                (near ? "Did you mean '" + closest + "'? " : "")
                        + "Use one of the property names above, add the key to the ExternalSecret (its data[].secretKey"
                        + " or the secret's JSON keys for dataFrom.extract), check the import's ?prefix= and"
                        + " eso4j.prefix, or give the placeholder a default (${" + placeholder + ":default}).",
                cause);
    }

    /** Levenshtein distance, ignoring case. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
