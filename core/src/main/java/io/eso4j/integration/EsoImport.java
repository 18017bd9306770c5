package io.eso4j.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One item of an {@code eso:} import, as a framework reads it: either the manifests found at one location (name to
 * text), or one secret id of the {@code eso:aws:} short form. Holds manifest text and names only, never secret
 * values. Immutable.
 *
 * @param location the item as written, for example {@code classpath:eso/app.yaml} or {@code aws:db-credentials}
 * @param manifests manifest source name to text; empty for the short form
 * @param awsSecretId the secret id of the short form, {@code null} for manifests
 * @param prefix the item's {@code ?prefix=}, empty when none
 * @param optional whether the import was {@code optional:}
 */
public record EsoImport(
        String location, Map<String, String> manifests, String awsSecretId, String prefix, boolean optional) {

    /** The prefix of the short form's items: {@code aws:ID;ID2}. */
    public static final String AWS_PREFIX = "aws:";

    private static final String PREFIX_PARAMETER = "?prefix=";

    public EsoImport {
        Objects.requireNonNull(location, "location");
        manifests = Map.copyOf(manifests);
        Objects.requireNonNull(prefix, "prefix");
    }

    /** An item of manifests. */
    public static EsoImport manifests(String location, Map<String, String> manifests, String prefix, boolean optional) {
        return new EsoImport(location, manifests, null, prefix, optional);
    }

    /** An item of the short form, for secret {@code secretId}; its location is {@code aws:<secretId>}. */
    public static EsoImport awsSecret(String secretId, String prefix, boolean optional) {
        return new EsoImport(AWS_PREFIX + secretId, Map.of(), Objects.requireNonNull(secretId), prefix, optional);
    }

    /** Whether this is an item of the {@code eso:aws:} short form. */
    public boolean isShortForm() {
        return awsSecretId != null;
    }

    /**
     * The items of an import's value (after {@code eso:}): {@code ;}-separated, blank ones dropped, each with its
     * {@code ?prefix=}. For the short form ({@code aws:ID;ID2}) the values are the secret ids.
     */
    public static List<Item> items(String value) {
        boolean shortForm = value.startsWith(AWS_PREFIX);
        List<Item> result = new ArrayList<>();
        for (String item : (shortForm ? value.substring(AWS_PREFIX.length()) : value).split(";")) {
            if (item.isBlank()) {
                continue;
            }
            String trimmed = item.trim();
            int at = trimmed.lastIndexOf(PREFIX_PARAMETER);
            result.add(
                    at < 0
                            ? new Item(trimmed, "", shortForm)
                            : new Item(
                                    trimmed.substring(0, at),
                                    trimmed.substring(at + PREFIX_PARAMETER.length()),
                                    shortForm));
        }
        return result;
    }

    /**
     * One written item of an import.
     *
     * @param value a manifest location, or a secret id for the short form
     * @param prefix its {@code ?prefix=}, empty when none
     * @param shortForm whether it came from {@code aws:…}
     */
    public record Item(String value, String prefix, boolean shortForm) {}

    @Override
    public String toString() {
        return "eso:" + location + (prefix.isEmpty() ? "" : PREFIX_PARAMETER + prefix);
    }
}
