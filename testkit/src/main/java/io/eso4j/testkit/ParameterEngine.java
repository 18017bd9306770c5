package io.eso4j.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The fake Parameter Store's state and rules: parameters with numbered versions, labels, tags, types
 * ({@code String}, {@code StringList}, {@code SecureString}) and the fake KMS keys SecureStrings are encrypted
 * with. Every method takes one lock, so each call is atomic and callers get immutable views. Failures are
 * {@link ApiError}s with the codes and messages Parameter Store (and KMS, through it) answers with.
 */
final class ParameterEngine {

    static final String STRING = "String";
    static final String STRING_LIST = "StringList";
    static final String SECURE_STRING = "SecureString";
    /** The AWS managed key SecureStrings use when PutParameter names none; every principal may decrypt with it. */
    static final String DEFAULT_KEY = "alias/aws/ssm";

    static final String ALREADY_EXISTS =
            "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.";
    static final String TAGS_AND_OVERWRITE = "Invalid request: tags and overwrite can't be used together. To create a"
            + " parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please"
            + " use AddTagsToResource or RemoveTagsFromResource.";
    static final String INVALID_NAME = "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive)."
            + " If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed"
            + " as a mix of letters, numbers and the following 3 symbols .-_";
    static final String KMS_ACCESS_DENIED = "The ciphertext refers to a customer master key that does not exist, does"
            + " not exist in this region, or you are not allowed to access.";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-/]{1,2048}");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9_.\\-]{1,100}");
    private static final int MAX_LABELS_PER_VERSION = 10;
    private static final int MAX_TAGS = 50;
    private static final int STANDARD_MAX_VALUE = 4096;
    private static final int ADVANCED_MAX_VALUE = 8192;

    private final Object lock = new Object();
    private final Clock clock;
    private final String region;
    private final String accountId;
    private Map<String, Parameter> parameters = new LinkedHashMap<>();
    private Map<String, Key> keys = new LinkedHashMap<>();

    ParameterEngine(Clock clock, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        addDefaultKey(keys);
    }

    /** One stored version; mutable (labels) only under the engine's lock. */
    private static final class Version {
        final long number;
        final String value;
        final String type;
        final String keyId;
        final String description;
        final Instant modified;
        final String modifiedBy;
        final Set<String> labels = new LinkedHashSet<>();

        Version(
                long number,
                String value,
                String type,
                String keyId,
                String description,
                Instant modified,
                String modifiedBy) {
            this.number = number;
            this.value = value;
            this.type = type;
            this.keyId = keyId;
            this.description = description;
            this.modified = modified;
            this.modifiedBy = modifiedBy;
        }

        Version copy() {
            Version copy = new Version(number, value, type, keyId, description, modified, modifiedBy);
            copy.labels.addAll(labels);
            return copy;
        }
    }

    /** One stored parameter; mutable only under the engine's lock. */
    private static final class Parameter {
        final String name;
        String tier = "Standard";
        final Map<String, String> tags = new LinkedHashMap<>();
        final TreeMap<Long, Version> versions = new TreeMap<>();

        Parameter(String name) {
            this.name = name;
        }

        Version latest() {
            return versions.lastEntry().getValue();
        }

        Parameter copy() {
            Parameter copy = new Parameter(name);
            copy.tier = tier;
            copy.tags.putAll(tags);
            versions.forEach((n, v) -> copy.versions.put(n, v.copy()));
            return copy;
        }
    }

    /** A fake KMS key: the id it was created with, its ARN, whether it is enabled. */
    private record Key(String id, String arn, boolean enabled) {}

    /**
     * One version of a parameter as GetParameter(s) and GetParametersByPath show it. {@code value} is the plain
     * value, or for a SecureString read without decryption the ciphertext-like text AWS returns instead.
     * toString leaves the value out.
     */
    record ParameterView(
            String name,
            String arn,
            String type,
            String value,
            long version,
            String selector,
            Instant lastModified,
            String dataType,
            List<String> labels) {
        @Override
        public String toString() {
            return "ParameterView[" + name + ", version=" + version + "]";
        }
    }

    /** A parameter's metadata (latest version), as DescribeParameters shows it. */
    record ParameterMetadata(
            String name,
            String arn,
            String type,
            String keyId,
            String description,
            long version,
            Instant lastModified,
            String lastModifiedUser,
            String tier,
            String dataType,
            Map<String, String> tags,
            List<String> labels) {}

    /** A fixture or test-side version to load. toString leaves the value out. */
    record SeedParameter(
            String name,
            String value,
            String type,
            String keyId,
            Long version,
            List<String> labels,
            Map<String, String> tags,
            String description) {
        @Override
        public String toString() {
            return "SeedParameter[" + name + ", type=" + type + ", version=" + version + "]";
        }
    }

    /** The outcome of LabelParameterVersion. */
    record LabelResult(long version, List<String> invalidLabels) {}

    /** A caller's name with an optional {@code :version} or {@code :label} selector, split. */
    record Selector(String name, Long version, String label) {
        static Selector parse(String requested) {
            if (requested == null) {
                return new Selector(null, null, null);
            }
            String name = requested;
            String selector = null;
            int colon = requested.lastIndexOf(':');
            // an ARN's colons belong to the ARN; a selector follows the "parameter/..." part
            int nameStart = requested.startsWith("arn:") ? requested.indexOf(":parameter") + ":parameter".length() : 0;
            if (colon > nameStart && colon < requested.length() - 1) {
                name = requested.substring(0, colon);
                selector = requested.substring(colon + 1);
            }
            if (selector == null) {
                return new Selector(name, null, null);
            }
            if (selector.chars().allMatch(Character::isDigit) && selector.length() < 19) {
                return new Selector(name, Long.parseLong(selector), null);
            }
            return new Selector(name, null, selector);
        }

        String text() {
            return version != null ? ":" + version : label != null ? ":" + label : null;
        }
    }

    // ---- reads ----

    /** GetParameter: the current version, or the one a {@code :version} / {@code :label} selector names. */
    ParameterView get(String requested, boolean withDecryption, KmsCheck kms) {
        synchronized (lock) {
            Selector selector = Selector.parse(requested);
            Parameter parameter = require(selector.name());
            Version version = select(parameter, selector);
            return view(parameter, version, selector.text(), withDecryption, kms);
        }
    }

    /**
     * The parameter a name (with or without selector, or an ARN) refers to, as the stored name, or null. Used to
     * match rules written with another form of the name.
     */
    String resolveName(String requested) {
        synchronized (lock) {
            Parameter parameter = find(Selector.parse(requested).name());
            return parameter == null ? null : parameter.name;
        }
    }

    /** Every parameter's current version, in creation order. */
    List<ParameterView> currentVersions(boolean withDecryption, KmsCheck kms) {
        synchronized (lock) {
            List<ParameterView> out = new ArrayList<>();
            for (Parameter parameter : parameters.values()) {
                out.add(view(parameter, parameter.latest(), null, withDecryption, kms));
            }
            return out;
        }
    }

    /** The version of {@code name} carrying {@code label}, or null. */
    ParameterView labelled(String name, String label, boolean withDecryption, KmsCheck kms) {
        synchronized (lock) {
            Parameter parameter = find(name);
            if (parameter == null) {
                return null;
            }
            for (Version version : parameter.versions.values()) {
                if (version.labels.contains(label)) {
                    return view(parameter, version, null, withDecryption, kms);
                }
            }
            return null;
        }
    }

    /** Every parameter's metadata, in creation order. */
    List<ParameterMetadata> describe() {
        synchronized (lock) {
            List<ParameterMetadata> out = new ArrayList<>();
            for (Parameter parameter : parameters.values()) {
                out.add(metadata(parameter));
            }
            return out;
        }
    }

    ParameterMetadata describe(String name) {
        synchronized (lock) {
            return metadata(require(name));
        }
    }

    Map<String, String> tags(String resourceId) {
        synchronized (lock) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(requireResource(resourceId).tags));
        }
    }

    /** The ARN a parameter name has (whether or not it exists). */
    String arnFor(String name) {
        String path = name.startsWith("/") ? name : "/" + name;
        return "arn:aws:ssm:" + region + ":" + accountId + ":parameter" + path;
    }

    // ---- writes ----

    /** PutParameter; returns the new version number. */
    long put(
            String name,
            String value,
            String type,
            String keyId,
            String description,
            String tier,
            boolean overwrite,
            Map<String, String> tags,
            String caller) {
        validateName(name);
        if (value == null || value.isEmpty()) {
            throw validation("1 validation error detected: Value at 'value' failed to satisfy constraint: Member must"
                    + " have length greater than or equal to 1");
        }
        if (overwrite && !tags.isEmpty()) {
            throw validation(TAGS_AND_OVERWRITE);
        }
        if (tier != null
                && !tier.equals("Standard")
                && !tier.equals("Advanced")
                && !tier.equals("Intelligent-Tiering")) {
            throw validation("1 validation error detected: Value '" + tier + "' at 'tier' failed to satisfy constraint:"
                    + " Member must satisfy enum value set: [Standard, Advanced, Intelligent-Tiering]");
        }
        synchronized (lock) {
            Parameter existing = find(name);
            if (existing != null && !overwrite) {
                throw ApiError.badRequest("ParameterAlreadyExists", ALREADY_EXISTS);
            }
            String effectiveType = type != null ? type : existing == null ? null : existing.latest().type;
            if (effectiveType == null) {
                throw validation("A parameter type is required when you create a parameter.");
            }
            if (!List.of(STRING, STRING_LIST, SECURE_STRING).contains(effectiveType)) {
                throw validation("1 validation error detected: Value '" + effectiveType + "' at 'type' failed to"
                        + " satisfy constraint: Member must satisfy enum value set: [SecureString, StringList,"
                        + " String]");
            }
            String effectiveKey = null;
            if (SECURE_STRING.equals(effectiveType)) {
                effectiveKey = keyId != null
                        ? keyId
                        : existing != null && existing.latest().keyId != null ? existing.latest().keyId : DEFAULT_KEY;
                requireUsableKey(effectiveKey);
            } else if (keyId != null) {
                throw validation("KeyId is required for SecureString type parameter only.");
            }
            String effectiveTier = tier != null ? tier : existing != null ? existing.tier : "Standard";
            int max = "Standard".equals(effectiveTier) ? STANDARD_MAX_VALUE : ADVANCED_MAX_VALUE;
            if (value.length() > max) {
                throw validation(
                        "Standard".equals(effectiveTier)
                                ? "Standard tier parameters support a maximum parameter value of 4096 characters. To create"
                                        + " a larger parameter value, upgrade the parameter to use the advanced-parameter tier."
                                : "Advanced tier parameters support a maximum parameter value of 8192 characters.");
            }
            Parameter parameter = existing != null ? existing : new Parameter(name);
            if (tags.size() + parameter.tags.size() > MAX_TAGS) {
                throw ApiError.badRequest("TooManyTagsError", "The Tags parameter exceeds the maximum of 50 tags.");
            }
            long number = parameter.versions.isEmpty() ? 1 : parameter.versions.lastKey() + 1;
            String effectiveDescription =
                    description != null ? description : existing != null ? existing.latest().description : null;
            parameter.versions.put(
                    number,
                    new Version(
                            number, value, effectiveType, effectiveKey, effectiveDescription, clock.instant(), caller));
            parameter.tier = effectiveTier;
            parameter.tags.putAll(tags);
            parameters.put(parameter.name, parameter);
            return number;
        }
    }

    /** LabelParameterVersion: moves each valid label to the version (default: the latest). */
    LabelResult label(String name, Long versionNumber, List<String> labels) {
        if (labels.isEmpty() || labels.size() > MAX_LABELS_PER_VERSION) {
            throw validation("1 validation error detected: Value at 'labels' failed to satisfy constraint: Member must"
                    + " have length less than or equal to 10");
        }
        synchronized (lock) {
            Parameter parameter = require(name);
            long number = versionNumber == null ? parameter.versions.lastKey() : versionNumber;
            Version version = parameter.versions.get(number);
            if (version == null) {
                throw versionNotFound(parameter.name, number);
            }
            List<String> invalid = new ArrayList<>();
            List<String> valid = new ArrayList<>();
            for (String label : labels) {
                if (validLabel(label)) {
                    valid.add(label);
                } else {
                    invalid.add(label);
                }
            }
            Set<String> after = new LinkedHashSet<>(version.labels);
            after.addAll(valid);
            if (after.size() > MAX_LABELS_PER_VERSION) {
                throw ApiError.badRequest(
                        "ParameterVersionLabelLimitExceeded",
                        "A parameter version can have maximum 10 labels.Move one or more labels to another version"
                                + " and try again.");
            }
            for (String label : valid) {
                parameter.versions.values().forEach(v -> v.labels.remove(label));
                version.labels.add(label);
            }
            return new LabelResult(number, List.copyOf(invalid));
        }
    }

    void delete(String name) {
        synchronized (lock) {
            Parameter parameter = require(name);
            parameters.remove(parameter.name);
        }
    }

    /** Deletes the parameters that exist; returns the names that did not. */
    List<String> deleteAll(List<String> names, List<String> deleted) {
        synchronized (lock) {
            List<String> invalid = new ArrayList<>();
            for (String name : names) {
                Parameter parameter = find(name);
                if (parameter == null) {
                    invalid.add(name);
                } else {
                    parameters.remove(parameter.name);
                    deleted.add(name);
                }
            }
            return invalid;
        }
    }

    void tag(String resourceId, Map<String, String> tags) {
        synchronized (lock) {
            Parameter parameter = requireResource(resourceId);
            Map<String, String> merged = new LinkedHashMap<>(parameter.tags);
            merged.putAll(tags);
            if (merged.size() > MAX_TAGS) {
                throw ApiError.badRequest("TooManyTagsError", "The Tags parameter exceeds the maximum of 50 tags.");
            }
            parameter.tags.putAll(tags);
        }
    }

    void untag(String resourceId, List<String> keys) {
        synchronized (lock) {
            Parameter parameter = requireResource(resourceId);
            keys.forEach(parameter.tags::remove);
        }
    }

    // ---- KMS ----

    /** Registers a fake KMS key (key id, key ARN or alias); returns its ARN. */
    String createKey(String keyId) {
        synchronized (lock) {
            Key key = new Key(keyId, keyArn(keyId), true);
            keys.put(keyId, key);
            return key.arn();
        }
    }

    void enableKey(String keyId, boolean enabled) {
        synchronized (lock) {
            Key key = findKey(keyId);
            if (key == null) {
                throw new IllegalArgumentException("no fake KMS key " + keyId);
            }
            keys.put(key.id(), new Key(key.id(), key.arn(), enabled));
        }
    }

    void deleteKey(String keyId) {
        synchronized (lock) {
            Key key = findKey(keyId);
            if (key != null) {
                keys.remove(key.id());
            }
        }
    }

    /** Decides whether the caller may use a key to decrypt (the fake's deny rules for {@code kms:Decrypt}). */
    @FunctionalInterface
    interface KmsCheck {
        boolean mayDecrypt(String keyId, String keyArn);
    }

    // ---- fixtures and baseline ----

    void seed(List<SeedParameter> seeds) {
        synchronized (lock) {
            Instant now = clock.instant();
            for (SeedParameter seed : seeds) {
                validateName(seed.name());
                String type = seed.type() == null ? STRING : seed.type();
                String keyId = SECURE_STRING.equals(type) ? (seed.keyId() == null ? DEFAULT_KEY : seed.keyId()) : null;
                if (keyId != null && findKey(keyId) == null) {
                    keys.put(keyId, new Key(keyId, keyArn(keyId), true));
                }
                Parameter parameter = parameters.computeIfAbsent(seed.name(), Parameter::new);
                long next = parameter.versions.isEmpty() ? 1 : parameter.versions.lastKey() + 1;
                long number = seed.version() == null ? next : seed.version();
                if (number < next) {
                    throw new IllegalArgumentException("parameter " + seed.name() + ": version " + number
                            + " must be greater than the previous one (" + (next - 1) + ")");
                }
                Version version = new Version(number, seed.value(), type, keyId, seed.description(), now, null);
                for (String label : seed.labels()) {
                    parameter.versions.values().forEach(v -> v.labels.remove(label));
                    version.labels.add(label);
                }
                parameter.versions.put(number, version);
                parameter.tags.putAll(seed.tags());
            }
        }
    }

    void clear() {
        synchronized (lock) {
            parameters = new LinkedHashMap<>();
        }
    }

    List<String> names() {
        synchronized (lock) {
            return List.copyOf(parameters.keySet());
        }
    }

    /** What {@link FakeAws#reset()} restores. */
    record Snapshot(Map<String, Parameter> parameters, Map<String, Key> keys) {}

    Snapshot snapshot() {
        synchronized (lock) {
            Map<String, Parameter> copy = new LinkedHashMap<>();
            parameters.forEach((name, p) -> copy.put(name, p.copy()));
            return new Snapshot(copy, new LinkedHashMap<>(keys));
        }
    }

    void restore(Snapshot saved) {
        synchronized (lock) {
            Map<String, Parameter> copy = new LinkedHashMap<>();
            saved.parameters().forEach((name, p) -> copy.put(name, p.copy()));
            parameters = copy;
            keys = new LinkedHashMap<>(saved.keys());
        }
    }

    // ---- internals (callers hold the lock) ----

    private Parameter find(String name) {
        if (name == null) {
            return null;
        }
        Parameter parameter = parameters.get(name);
        if (parameter != null) {
            return parameter;
        }
        String prefix = "arn:aws:ssm:" + region + ":" + accountId + ":parameter";
        if (name.startsWith(prefix + "/")) {
            String path = name.substring(prefix.length());
            parameter = parameters.get(path);
            return parameter != null ? parameter : parameters.get(path.substring(1));
        }
        return null;
    }

    private Parameter require(String name) {
        Parameter parameter = find(name);
        if (parameter == null) {
            // AWS answers ParameterNotFound with an empty message.
            throw ApiError.badRequest("ParameterNotFound", null);
        }
        return parameter;
    }

    private Parameter requireResource(String resourceId) {
        Parameter parameter = find(resourceId);
        if (parameter == null) {
            throw ApiError.badRequest(
                    "InvalidResourceId",
                    "The resource ID \"" + resourceId + "\" is not valid. Verify the ID and try again.");
        }
        return parameter;
    }

    private static Version select(Parameter parameter, Selector selector) {
        if (selector.version() != null) {
            Version version = parameter.versions.get(selector.version());
            if (version == null) {
                throw versionNotFound(parameter.name, selector.version());
            }
            return version;
        }
        if (selector.label() != null) {
            for (Version version : parameter.versions.values()) {
                if (version.labels.contains(selector.label())) {
                    return version;
                }
            }
            throw ApiError.badRequest("ParameterNotFound", null);
        }
        return parameter.latest();
    }

    static ApiError versionNotFound(String name, long version) {
        return ApiError.badRequest(
                "ParameterVersionNotFound",
                "Systems Manager could not find version " + version + " of " + name
                        + ". Verify the version and try again.");
    }

    private ParameterView view(
            Parameter parameter, Version version, String selector, boolean withDecryption, KmsCheck kms) {
        String value = version.value;
        if (SECURE_STRING.equals(version.type)) {
            value = withDecryption ? decrypt(version, kms) : ciphertext(parameter, version);
        }
        return new ParameterView(
                parameter.name,
                arnFor(parameter.name),
                version.type,
                value,
                version.number,
                selector,
                version.modified,
                "text",
                List.copyOf(version.labels));
    }

    private String decrypt(Version version, KmsCheck kms) {
        Key key = findKey(version.keyId);
        if (key == null || !kms.mayDecrypt(key.id(), key.arn())) {
            throw ApiError.badRequest("AccessDeniedException", kmsMessage(KMS_ACCESS_DENIED, "AccessDeniedException"));
        }
        if (!key.enabled()) {
            throw ApiError.badRequest("InvalidKeyId", kmsMessage(key.arn() + " is disabled.", "DisabledException"));
        }
        return version.value;
    }

    private void requireUsableKey(String keyId) {
        Key key = findKey(keyId);
        if (key == null) {
            throw ApiError.badRequest(
                    "InvalidKeyId", kmsMessage("Key '" + keyArn(keyId) + "' does not exist", "NotFoundException"));
        }
        if (!key.enabled()) {
            throw ApiError.badRequest("InvalidKeyId", kmsMessage(key.arn() + " is disabled.", "DisabledException"));
        }
    }

    /** Parameter Store passes KMS's error on with KMS's own details appended, as the Java SDK v1 formats them. */
    private static String kmsMessage(String message, String kmsCode) {
        return message + " (Service: AWSKMS; Status Code: 400; Error Code: " + kmsCode + "; Request ID: "
                + UUID.randomUUID() + "; Proxy: null)";
    }

    /**
     * What AWS returns for a SecureString read without decryption: base64 of the stored ciphertext blob. The fake's
     * blob is a digest of key, name and version, so it is stable, differs per version and reveals nothing of the
     * value.
     */
    private String ciphertext(Parameter parameter, Version version) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest((version.keyId + "|" + parameter.name + "|" + version.number).getBytes(UTF_8));
            byte[] b = sha.digest(a);
            byte[] blob = new byte[6 + a.length + b.length];
            blob[0] = 1;
            blob[1] = 2;
            blob[2] = 2;
            blob[3] = 0;
            blob[4] = 0x78;
            blob[5] = 0x1f;
            System.arraycopy(a, 0, blob, 6, a.length);
            System.arraycopy(b, 0, blob, 6 + a.length, b.length);
            return Base64.getEncoder().encodeToString(blob);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private ParameterMetadata metadata(Parameter parameter) {
        Version latest = parameter.latest();
        List<String> labels = new ArrayList<>();
        parameter.versions.values().forEach(v -> labels.addAll(v.labels));
        return new ParameterMetadata(
                parameter.name,
                arnFor(parameter.name),
                latest.type,
                latest.keyId,
                latest.description,
                latest.number,
                latest.modified,
                latest.modifiedBy,
                parameter.tier,
                "text",
                Map.copyOf(parameter.tags),
                List.copyOf(labels));
    }

    private Key findKey(String keyId) {
        if (keyId == null) {
            return null;
        }
        Key key = keys.get(keyId);
        if (key != null) {
            return key;
        }
        for (Key candidate : keys.values()) {
            if (candidate.arn().equals(keyId) || candidate.arn().equals(keyArn(keyId))) {
                return candidate;
            }
        }
        return null;
    }

    private String keyArn(String keyId) {
        if (keyId.startsWith("arn:")) {
            return keyId;
        }
        String resource = keyId.startsWith("alias/") ? keyId : "key/" + keyId;
        return "arn:aws:kms:" + region + ":" + accountId + ":" + resource;
    }

    private void addDefaultKey(Map<String, Key> target) {
        target.put(DEFAULT_KEY, new Key(DEFAULT_KEY, keyArn(DEFAULT_KEY), true));
    }

    static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw validation(INVALID_NAME);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String first = lower.startsWith("/") ? lower.substring(1) : lower;
        if (first.startsWith("aws") || first.startsWith("ssm")) {
            throw validation(INVALID_NAME);
        }
        if (name.contains("/") && !name.startsWith("/")) {
            throw validation("Parameter name must be a fully qualified name.");
        }
        if (name.contains("//") || (name.length() > 1 && name.endsWith("/"))) {
            throw validation(INVALID_NAME);
        }
        if (name.chars().filter(c -> c == '/').count() > 15) {
            throw ApiError.badRequest(
                    "HierarchyLevelLimitExceededException",
                    "A hierarchy can have a maximum of 15 levels. Remove one or more levels from the parameter name.");
        }
    }

    private static boolean validLabel(String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            return false;
        }
        String lower = label.toLowerCase(Locale.ROOT);
        return !lower.startsWith("aws") && !lower.startsWith("ssm") && !Character.isDigit(label.charAt(0));
    }

    static ApiError validation(String message) {
        return ApiError.badRequest("ValidationException", message);
    }
}
