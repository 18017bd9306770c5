package io.eso4j.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One item of an {@code eso:} import, as a framework reads it: the manifests found at one location (name to text),
 * one secret id of the {@code eso:aws:} short form, or one parameter path of the {@code eso:aws-parameterstore:}
 * short form (Spring Cloud AWS's {@code aws-parameterstore:} import). Holds manifest text and names only, never
 * secret values. Immutable.
 *
 * @param location the item as written, for example {@code classpath:eso/app.yaml}, {@code aws:db-credentials} or
 *     {@code aws-parameterstore:/config/app/}
 * @param manifests manifest source name to text; empty for the short forms
 * @param awsSecretId the secret id of the {@code eso:aws:} short form, {@code null} otherwise
 * @param parameterPath the parameter path of the {@code eso:aws-parameterstore:} short form, {@code null} otherwise
 * @param prefix the item's {@code ?prefix=}, empty when none
 * @param optional whether the import was {@code optional:}
 */
public record EsoImport(
        String location,
        Map<String, String> manifests,
        String awsSecretId,
        String parameterPath,
        String prefix,
        boolean optional) {

    /** The prefix of the short form's items: {@code aws:ID;ID2}. */
    public static final String AWS_PREFIX = "aws:";

    /** The prefix of the Parameter Store short form's items: {@code aws-parameterstore:/path/;/other/}. */
    public static final String AWS_PARAMETER_STORE_PREFIX = "aws-parameterstore:";

    private static final String EXTENSION_PARAMETER = "?extension=";

    private static final String PREFIX_PARAMETER = "?prefix=";

    public EsoImport {
        Objects.requireNonNull(location, "location");
        manifests = Map.copyOf(manifests);
        Objects.requireNonNull(prefix, "prefix");
    }

    /** An item of manifests. */
    public static EsoImport manifests(String location, Map<String, String> manifests, String prefix, boolean optional) {
        return new EsoImport(location, manifests, null, null, prefix, optional);
    }

    /** An item of the short form, for secret {@code secretId}; its location is {@code aws:<secretId>}. */
    public static EsoImport awsSecret(String secretId, String prefix, boolean optional) {
        return new EsoImport(AWS_PREFIX + secretId, Map.of(), Objects.requireNonNull(secretId), null, prefix, optional);
    }

    /**
     * An item of the Parameter Store short form, for the parameters under {@code path}; its location is
     * {@code aws-parameterstore:<path>}.
     */
    public static EsoImport awsParameterStore(String path, String prefix, boolean optional) {
        return new EsoImport(
                AWS_PARAMETER_STORE_PREFIX + path, Map.of(), null, Objects.requireNonNull(path), prefix, optional);
    }

    /** Whether this is an item of the {@code eso:aws:} short form. */
    public boolean isShortForm() {
        return awsSecretId != null;
    }

    /** Whether this is an item of the {@code eso:aws-parameterstore:} short form. */
    public boolean isParameterStoreShortForm() {
        return parameterPath != null;
    }

    /**
     * The items of an import's value (after {@code eso:}): {@code ;}-separated, blank ones dropped, each with its
     * {@code ?prefix=}. For the short form ({@code aws:ID;ID2}) the values are the secret ids; for the Parameter
     * Store short form ({@code aws-parameterstore:/a/;/b/}) the parameter paths.
     *
     * @throws IllegalArgumentException for a Parameter Store item with Spring Cloud AWS's {@code ?extension=}
     *     (parameters holding whole properties, JSON or YAML files), which eso4j does not read
     */
    public static List<Item> items(String value) {
        boolean parameterStore = value.startsWith(AWS_PARAMETER_STORE_PREFIX);
        boolean shortForm = !parameterStore && value.startsWith(AWS_PREFIX);
        String rest = parameterStore
                ? value.substring(AWS_PARAMETER_STORE_PREFIX.length())
                : shortForm ? value.substring(AWS_PREFIX.length()) : value;
        List<Item> result = new ArrayList<>();
        for (String item : rest.split(";")) {
            if (item.isBlank()) {
                continue;
            }
            String trimmed = item.trim();
            if (parameterStore && trimmed.contains(EXTENSION_PARAMETER)) {
                throw new IllegalArgumentException("eso:" + AWS_PARAMETER_STORE_PREFIX + trimmed + ": "
                        + EXTENSION_PARAMETER + " is not supported by eso4j (parameters are read one property each)");
            }
            int at = trimmed.lastIndexOf(PREFIX_PARAMETER);
            result.add(
                    at < 0
                            ? new Item(trimmed, "", shortForm, parameterStore)
                            : new Item(
                                    trimmed.substring(0, at),
                                    trimmed.substring(at + PREFIX_PARAMETER.length()),
                                    shortForm,
                                    parameterStore));
        }
        return result;
    }

    /**
     * One written item of an import.
     *
     * @param value a manifest location, a secret id for the short form, or a parameter path for the Parameter Store
     *     short form
     * @param prefix its {@code ?prefix=}, empty when none
     * @param shortForm whether it came from {@code aws:…}
     * @param parameterStore whether it came from {@code aws-parameterstore:…}
     */
    public record Item(String value, String prefix, boolean shortForm, boolean parameterStore) {}

    @Override
    public String toString() {
        return "eso:" + location + (prefix.isEmpty() ? "" : PREFIX_PARAMETER + prefix);
    }
}
