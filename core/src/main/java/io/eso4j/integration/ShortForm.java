package io.eso4j.integration;

import io.eso4j.StoreConfigurationException;
import io.eso4j.spec.AwsAuthSpec;
import io.eso4j.spec.AwsService;
import io.eso4j.spec.DataFrom;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Find;
import io.eso4j.spec.Rewrite;
import io.eso4j.spec.SecretKeySelector;
import io.eso4j.spec.SecretStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The short forms, built with the spec builders (and so validated as manifests are):
 *
 * <ul>
 *   <li>{@code eso:aws:<secret id>}: one Secrets Manager SecretStore from settings and, per secret id, one
 *       ExternalSecret with a single {@code dataFrom.extract} of it (or, for a value that is not a JSON object, one
 *       {@code data[]} entry: {@link #plainTextExternalSecret});
 *   <li>{@code eso:aws-parameterstore:<path>}, for teams coming from Spring Cloud AWS's {@code aws-parameterstore:}
 *       import: one Parameter Store SecretStore from the same settings and, per path, one ExternalSecret finding every
 *       parameter under it ({@code dataFrom.find} by {@code path}, recursive) whose keys are rewritten to the
 *       property names Spring Cloud AWS gives those parameters (see {@link #parameterStoreExternalSecret}).
 * </ul>
 *
 * <p>Immutable.
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

    /** The name of the Parameter Store short form's SecretStore. */
    public static final String PARAMETER_STORE_NAME = "eso4j-parameterstore";

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

    /**
     * The ExternalSecret name of a Parameter Store short-form path: {@code aws-parameterstore-} and the path, made a
     * valid Kubernetes name as {@link #name(String)} does.
     */
    public static String parameterStoreName(String path) {
        return name("parameterstore-" + path);
    }

    /**
     * The Parameter Store store: as {@link #store()}, named {@value #PARAMETER_STORE_NAME}, with
     * {@code service: ParameterStore}.
     */
    public SecretStore parameterStore() {
        SecretStore store = store();
        SecretStore.Builder builder = SecretStore.builder()
                .name(PARAMETER_STORE_NAME)
                .service(AwsService.PARAMETER_STORE)
                .region(store.aws().region());
        if (!role.isEmpty()) {
            builder.role(role);
        }
        if (store.aws().auth() != null && store.aws().auth().secretRef() != null) {
            builder.auth(store.aws().auth());
        }
        return builder.build();
    }

    /**
     * The ExternalSecret of Parameter Store path {@code path}, giving the property names Spring Cloud AWS's
     * {@code ParameterStorePropertySource} gives: every parameter under {@code path} (recursive
     * {@code GetParametersByPath} with decryption, as both do: ESO's {@code find} with {@code path} and the name
     * regexp {@code .*}), each key its name with every occurrence of {@code path} removed and each {@code /} made
     * {@code .} (two {@code rewrite.regexp}s, which ESO applies with Go's {@code ReplaceAllString}, and which keep ESO's
     * key conversion off). {@code /config/app/db/url} under {@code /config/app/} is {@code db.url}; under
     * {@code /config/app} (no trailing slash) {@code .db.url}, as in Spring Cloud AWS. Spring Cloud AWS's last step,
     * {@code _<digit>_} to {@code [<digit>]}, is not a valid Secret key, so it is applied to property names by
     * {@link #springCloudAwsPropertyName(String)}.
     */
    public ExternalSecret parameterStoreExternalSecret(String path) {
        Find find = new Find(path, ".*", Map.of(), null, null, null);
        return ExternalSecret.builder()
                .name(parameterStoreName(path))
                .refreshInterval(refreshInterval)
                .secretStore(PARAMETER_STORE_NAME)
                .dataFrom(new DataFrom(
                        null, find, List.of(new Rewrite.Regexp(quote(path), ""), new Rewrite.Regexp("/", ".")), null))
                .build();
    }

    /**
     * The property name Spring Cloud AWS gives the key a {@link #parameterStoreExternalSecret} produces: each
     * {@code _<digit>_} becomes {@code [<digit>]} ({@code hosts_0_} is {@code hosts[0]}).
     */
    public static String springCloudAwsPropertyName(String key) {
        return INDEX.matcher(key).replaceAll("[$1]");
    }

    private static final Pattern INDEX = Pattern.compile("_(\\d)_");

    /** {@code text} as an RE2 literal. */
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
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
     * The ExternalSecret of secret id {@code secretId} for a value that is not a JSON object: one {@code data[]} entry
     * with the whole value ({@code remoteRef.key}, no property) under {@link #plainTextKey(String)}, the key Spring
     * Cloud AWS's {@code SecretsManagerPropertySource} gives a secret it cannot parse as JSON. Same name as
     * {@link #externalSecret(String)}.
     */
    public ExternalSecret plainTextExternalSecret(String secretId) {
        return ExternalSecret.builder()
                .name(name(secretId))
                .refreshInterval(refreshInterval)
                .secretStore(STORE_NAME)
                .data(plainTextKey(secretId), secretId)
                .build();
    }

    /**
     * The key of a plain-text secret: the last {@code /}-separated segment of {@code secretId} ({@code prod/db/password}
     * is {@code password}). Spring Cloud AWS splits the name AWS returns, so for an ARN id the two differ (eso4j does
     * not call AWS to learn the name): {@code arn:…:secret:prod/db-AbCdEf} is {@code db-AbCdEf} here.
     */
    public static String plainTextKey(String secretId) {
        return secretId.substring(secretId.lastIndexOf('/') + 1);
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
