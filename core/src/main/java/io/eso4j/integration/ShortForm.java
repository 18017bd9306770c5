package io.eso4j.integration;

import io.eso4j.StoreConfigurationException;
import io.eso4j.spec.AwsAuthSpec;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.SecretKeySelector;
import io.eso4j.spec.SecretStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The {@code eso:aws:<secret id>} short form: one SecretStore from settings and, per secret id, one ExternalSecret
 * with a single {@code dataFrom.extract} of it, built with the spec builders (and so validated as manifests are).
 * Immutable.
 *
 * @param region the store's region; empty for the SDK's default region chain ({@code AWS_REGION}, profile, …)
 * @param role the role the store assumes; empty for none
 * @param staticKeys whether the store authenticates with static keys, read under {@link #STORE_CREDENTIALS}
 * @param sessionToken whether those static keys include a session token
 * @param refreshInterval the ExternalSecrets' {@code refreshInterval}
 */
public record ShortForm(
        String region, String role, boolean staticKeys, boolean sessionToken, Duration refreshInterval) {

    /** The name of the short form's SecretStore. */
    public static final String STORE_NAME = "eso4j-store";

    /** The Secret name under which the short form's store reads static keys. */
    public static final String STORE_CREDENTIALS = "eso4j-store-credentials";

    public ShortForm {
        region = Objects.requireNonNullElse(region, "");
        role = Objects.requireNonNullElse(role, "");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
    }

    /**
     * The ExternalSecret name of a short-form item: {@code aws-} and its secret id, made a valid Kubernetes name
     * (lower case, every other character {@code -}, at most 253 characters, ending in a letter or digit), which
     * core's validator requires of every {@code metadata.name}.
     */
    public static String name(String secretId) {
        String name = ("aws-" + secretId.toLowerCase(Locale.ROOT)).replaceAll("[^a-z0-9]", "-");
        name = name.substring(0, Math.min(name.length(), 253));
        int end = name.length();
        while (name.charAt(end - 1) == '-') {
            end--;
        }
        return name.substring(0, end);
    }

    /**
     * The store: Secrets Manager in {@link #region()} (or the default region chain's), with {@link #role()} and
     * static keys when set, else the default credential chain.
     *
     * @throws StoreConfigurationException when no region is set and the default region chain finds none
     */
    public SecretStore store() {
        SecretStore.Builder store = SecretStore.builder().name(STORE_NAME).region(effectiveRegion());
        if (!role.isEmpty()) {
            store.role(role);
        }
        if (staticKeys) {
            store.auth(new AwsAuthSpec(
                    new AwsAuthSpec.SecretRefAuth(
                            selector("access-key-id"),
                            selector("secret-access-key"),
                            sessionToken ? selector("session-token") : null),
                    null));
        }
        return store.build();
    }

    /** The ExternalSecret of secret id {@code secretId}: all of its JSON keys (ESO's {@code dataFrom.extract}). */
    public ExternalSecret externalSecret(String secretId) {
        return ExternalSecret.builder()
                .name(name(secretId))
                .refreshInterval(refreshInterval)
                .secretStore(STORE_NAME)
                .extract(secretId)
                .build();
    }

    /**
     * The key values the store's static keys are read from (for a {@code SecretKeyResolver.fromMap}), holding
     * only those given.
     */
    public static Map<String, String> credentialKeys(String accessKeyId, String secretAccessKey, String sessionToken) {
        Map<String, String> values = new LinkedHashMap<>();
        putIfSet(values, STORE_CREDENTIALS + "/access-key-id", accessKeyId);
        putIfSet(values, STORE_CREDENTIALS + "/secret-access-key", secretAccessKey);
        putIfSet(values, STORE_CREDENTIALS + "/session-token", sessionToken);
        return values;
    }

    private String effectiveRegion() {
        if (!region.isEmpty()) {
            return region;
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (RuntimeException e) {
            throw new StoreConfigurationException(
                    "SecretStore " + STORE_NAME,
                    StoreConfigurationException.Setting.REGION,
                    "no region for the eso:aws: store: set eso4j.store.region or AWS_REGION",
                    null);
        }
    }

    private static SecretKeySelector selector(String key) {
        return new SecretKeySelector(STORE_CREDENTIALS, key, "");
    }

    private static void putIfSet(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    @Override
    public String toString() {
        return "ShortForm[region " + (region.isEmpty() ? "(default chain)" : region) + ", role "
                + (role.isEmpty() ? "none" : role) + ", static keys " + staticKeys + "]";
    }
}
