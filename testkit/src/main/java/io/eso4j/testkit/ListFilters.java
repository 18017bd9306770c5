package io.eso4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code Filters} of ListSecrets and BatchGetSecretValue, validated and matched as AWS documents them:
 * {@code name}, {@code tag-key} and {@code tag-value} are case-sensitive prefix matches; {@code description} and
 * {@code all} are case-insensitive word-wise prefix matches (every word of the value must start some word of the
 * attribute; words split on spaces, {@code / - _ + = . @ :} and lower-to-upper case changes); a leading {@code !}
 * negates a value. Values of one filter are ORed, filters are ANDed. {@code primary-region} and
 * {@code owning-service} match nothing, as the fake has no replicas or managed secrets.
 */
final class ListFilters {

    private static final Set<String> KEYS =
            Set.of("description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all");
    private static final Pattern VALUE = Pattern.compile("^!?[a-zA-Z0-9 :_@/+=.\\-!]*$");
    private static final Pattern WORD_BREAK = Pattern.compile("[\\s/\\-_+=.@:]+|(?<=[a-z0-9])(?=[A-Z])");

    private ListFilters() {}

    static void validate(List<RecordedRequest.Filter> filters) {
        if (filters.size() > 10) {
            throw invalid("You can specify up to 10 filters.");
        }
        for (RecordedRequest.Filter filter : filters) {
            if (filter.key() == null || !KEYS.contains(filter.key())) {
                throw invalid("Invalid filter key: " + filter.key()
                        + ". Valid keys are description, name, tag-key, tag-value, primary-region, owning-service"
                        + " and all.");
            }
            if (filter.values().isEmpty() || filter.values().size() > 10) {
                throw invalid("A filter must have between 1 and 10 values.");
            }
            for (String value : filter.values()) {
                if (value == null
                        || value.length() > 512
                        || !VALUE.matcher(value).matches()) {
                    throw invalid("Invalid filter value for key " + filter.key() + ".");
                }
            }
        }
    }

    static boolean matches(SecretsEngine.SecretView secret, List<RecordedRequest.Filter> filters) {
        for (RecordedRequest.Filter filter : filters) {
            boolean any = false;
            for (String value : filter.values()) {
                boolean negated = value.startsWith("!");
                String term = negated ? value.substring(1) : value;
                if (matchesValue(filter.key(), term, secret) != negated) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesValue(String key, String term, SecretsEngine.SecretView secret) {
        switch (key) {
            case "name":
                return secret.name().startsWith(term);
            case "tag-key":
                return secret.tags().keySet().stream().anyMatch(k -> k.startsWith(term));
            case "tag-value":
                return secret.tags().values().stream().anyMatch(v -> v.startsWith(term));
            case "description":
                return wordsMatch(term, words(secret.description()));
            case "all":
                List<String> words = new ArrayList<>(words(secret.name()));
                words.addAll(words(secret.description()));
                secret.tags().forEach((k, v) -> {
                    words.addAll(words(k));
                    words.addAll(words(v));
                });
                return wordsMatch(term, words);
            default:
                return false;
        }
    }

    private static boolean wordsMatch(String term, List<String> words) {
        List<String> termWords = words(term);
        if (termWords.isEmpty()) {
            return true;
        }
        for (String termWord : termWords) {
            if (words.stream().noneMatch(w -> w.startsWith(termWord))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String word : WORD_BREAK.split(text)) {
            if (!word.isEmpty()) {
                out.add(word.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static ApiError invalid(String message) {
        return ApiError.badRequest("InvalidParameterException", message);
    }
}
