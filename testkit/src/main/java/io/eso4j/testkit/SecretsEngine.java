package io.eso4j.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fake Secrets Manager's state and rules: secrets, versions, staging labels, tags, deletion. Every method takes
 * one lock, so each call is atomic and callers get immutable views. Failures are {@link ApiError}s worded as AWS
 * words them.
 */
final class SecretsEngine {

    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";
    static final String MARKED_FOR_DELETION =
            "You can't perform this operation on the secret because it was marked for deletion.";
    static final String NOT_FOUND = "Secrets Manager can't find the specified secret.";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Object lock = new Object();
    private final Clock clock;
    private final String region;
    private final String accountId;
    private Map<String, Secret> secrets = new LinkedHashMap<>();
    private boolean unfilteredListing;

    SecretsEngine(Clock clock, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    /** One stored version; mutable only under the engine's lock. */
    private static final class Version {
        final String id;
        final String string;
        final byte[] binary;
        final Set<String> stages = new LinkedHashSet<>();
        final Instant created;

        Version(String id, String string, byte[] binary, Instant created) {
            this.id = id;
            this.string = string;
            this.binary = binary == null ? null : binary.clone();
            this.created = created;
        }

        Version copy() {
            Version copy = new Version(id, string, binary, created);
            copy.stages.addAll(stages);
            return copy;
        }

        boolean sameValue(String otherString, byte[] otherBinary) {
            return java.util.Objects.equals(string, otherString) && java.util.Arrays.equals(binary, otherBinary);
        }
    }

    /** One stored secret; mutable only under the engine's lock. */
    private static final class Secret {
        final String name;
        final String arn;
        final Instant created;
        String description;
        final Map<String, String> tags = new LinkedHashMap<>();
        final Map<String, Version> versions = new LinkedHashMap<>();
        Instant lastChanged;
        Instant deletedDate;
        Instant deletionDate;

        Secret(String name, String arn, Instant created) {
            this.name = name;
            this.arn = arn;
            this.created = created;
            this.lastChanged = created;
        }

        Secret copy() {
            Secret copy = new Secret(name, arn, created);
            copy.description = description;
            copy.tags.putAll(tags);
            versions.forEach((id, v) -> copy.versions.put(id, v.copy()));
            copy.lastChanged = lastChanged;
            copy.deletedDate = deletedDate;
            copy.deletionDate = deletionDate;
            return copy;
        }
    }

    /** Metadata of a secret, as DescribeSecret and ListSecrets show it. */
    record SecretView(
            String arn,
            String name,
            String description,
            Map<String, String> tags,
            Map<String, List<String>> versionsToStages,
            Instant createdDate,
            Instant lastChangedDate,
            Instant deletedDate,
            Instant deletionDate) {}

    /** One version's value, as GetSecretValue shows it. toString leaves the value out. */
    record ValueView(
            String arn,
            String name,
            String versionId,
            String secretString,
            byte[] secretBinary,
            List<String> stages,
            Instant createdDate) {
        @Override
        public String toString() {
            return "ValueView[" + name + ", versionId=" + versionId + "]";
        }
    }

    /** The outcome of a write that created or touched a version. */
    record WriteResult(String arn, String name, String versionId, List<String> stages, Instant deletionDate) {}

    /** A fixture or test-side version to load: value, optional id and stages. */
    record SeedVersion(
            String name,
            String secretString,
            byte[] secretBinary,
            String versionId,
            List<String> stages,
            Map<String, String> tags) {
        @Override
        public String toString() {
            return "SeedVersion[" + name + ", versionId=" + versionId + "]";
        }
    }

    // ---- reads ----

    SecretView describe(String secretId) {
        synchronized (lock) {
            return view(require(secretId));
        }
    }

    ValueView getValue(String secretId, String versionId, String versionStage) {
        synchronized (lock) {
            Secret secret = requireLive(secretId);
            Version version = selectVersion(secret, versionId, versionStage);
            return valueView(secret, version);
        }
    }

    /** Every secret (optionally including those scheduled for deletion), in creation order. */
    List<SecretView> list(boolean includePlannedDeletion) {
        synchronized (lock) {
            purgeExpired();
            List<SecretView> out = new ArrayList<>();
            for (Secret secret : secrets.values()) {
                if (includePlannedDeletion || secret.deletedDate == null) {
                    out.add(view(secret));
                }
            }
            return out;
        }
    }

    /** The name of the secret an id (name, full ARN, partial ARN) refers to, or null when there is none. */
    String resolveName(String secretId) {
        synchronized (lock) {
            Secret secret = find(secretId);
            return secret == null ? null : secret.name;
        }
    }

    boolean unfilteredListing() {
        synchronized (lock) {
            return unfilteredListing;
        }
    }

    void unfilteredListing(boolean unfiltered) {
        synchronized (lock) {
            this.unfilteredListing = unfiltered;
        }
    }

    // ---- writes ----

    WriteResult create(
            String name,
            String description,
            String secretString,
            byte[] secretBinary,
            Map<String, String> tags,
            String versionId) {
        requireOneValue(secretString, secretBinary, false);
        synchronized (lock) {
            purgeExpired();
            Secret existing = secrets.get(name);
            if (existing != null) {
                if (existing.deletedDate != null) {
                    throw ApiError.badRequest(
                            "InvalidRequestException",
                            "You can't create this secret because a secret with this name is already scheduled for"
                                    + " deletion.");
                }
                throw ApiError.badRequest(
                        "ResourceExistsException",
                        "The operation failed because the secret " + name + " already exists.");
            }
            Instant now = clock.instant();
            Secret secret = new Secret(name, arnFor(name), now);
            secret.description = description;
            secret.tags.putAll(tags);
            secrets.put(name, secret);
            if (secretString == null && secretBinary == null) {
                return new WriteResult(secret.arn, name, null, List.of(), null);
            }
            Version version = addVersion(secret, versionId, secretString, secretBinary, List.of(CURRENT));
            return new WriteResult(secret.arn, name, version.id, List.copyOf(version.stages), null);
        }
    }

    WriteResult putValue(
            String secretId, String secretString, byte[] secretBinary, List<String> stages, String versionId) {
        requireOneValue(secretString, secretBinary, true);
        synchronized (lock) {
            Secret secret = requireLive(secretId);
            Version existing = versionId == null ? null : secret.versions.get(versionId);
            if (existing != null) {
                if (!existing.sameValue(secretString, secretBinary)) {
                    throw ApiError.badRequest(
                            "ResourceExistsException",
                            "You can't modify an existing version, you can only create a new version.");
                }
                return new WriteResult(secret.arn, secret.name, existing.id, List.copyOf(existing.stages), null);
            }
            List<String> labels = new ArrayList<>(stages == null || stages.isEmpty() ? List.of(CURRENT) : stages);
            if (secret.versions.isEmpty() && !labels.contains(CURRENT)) {
                labels.add(CURRENT); // AWS makes the first version of a secret current whatever was asked
            }
            Version version = addVersion(secret, versionId, secretString, secretBinary, labels);
            return new WriteResult(secret.arn, secret.name, version.id, List.copyOf(version.stages), null);
        }
    }

    /** UpdateSecret: a new description and/or a new AWSCURRENT version. */
    WriteResult update(
            String secretId, String description, String secretString, byte[] secretBinary, String versionId) {
        requireOneValue(secretString, secretBinary, false);
        synchronized (lock) {
            Secret secret = requireLive(secretId);
            if (description != null) {
                secret.description = description;
                secret.lastChanged = clock.instant();
            }
            if (secretString == null && secretBinary == null) {
                return new WriteResult(secret.arn, secret.name, null, List.of(), null);
            }
            Version version = addVersion(secret, versionId, secretString, secretBinary, List.of(CURRENT));
            return new WriteResult(secret.arn, secret.name, version.id, List.copyOf(version.stages), null);
        }
    }

    WriteResult updateStage(String secretId, String stage, String moveToVersionId, String removeFromVersionId) {
        if (stage == null || stage.isEmpty()) {
            throw ApiError.badRequest("InvalidParameterException", "You must specify a VersionStage.");
        }
        synchronized (lock) {
            Secret secret = requireLive(secretId);
            Version holder = holderOf(secret, stage);
            if (moveToVersionId != null && !secret.versions.containsKey(moveToVersionId)) {
                throw versionNotFound(moveToVersionId, null);
            }
            if (removeFromVersionId != null) {
                if (holder == null || !holder.id.equals(removeFromVersionId)) {
                    throw ApiError.badRequest(
                            "InvalidParameterException",
                            "The staging label " + stage + " is not attached to version " + removeFromVersionId + ".");
                }
            } else if (holder != null && !holder.id.equals(moveToVersionId)) {
                throw ApiError.badRequest(
                        "InvalidParameterException",
                        "The parameter RemoveFromVersionId can't be empty. Staging label " + stage
                                + " is currently attached to version " + holder.id
                                + ", so you must explicitly reference that version in RemoveFromVersionId.");
            }
            if (moveToVersionId != null) {
                attachStage(secret, secret.versions.get(moveToVersionId), stage);
            } else if (holder != null) {
                holder.stages.remove(stage);
            }
            secret.lastChanged = clock.instant();
            return new WriteResult(secret.arn, secret.name, moveToVersionId, List.of(), null);
        }
    }

    void tag(String secretId, Map<String, String> tags) {
        synchronized (lock) {
            Secret secret = requireLive(secretId);
            secret.tags.putAll(tags);
            secret.lastChanged = clock.instant();
        }
    }

    void untag(String secretId, Collection<String> keys) {
        synchronized (lock) {
            Secret secret = requireLive(secretId);
            keys.forEach(secret.tags::remove);
            secret.lastChanged = clock.instant();
        }
    }

    WriteResult delete(String secretId, Integer recoveryWindowDays, boolean force) {
        if (force && recoveryWindowDays != null) {
            throw ApiError.badRequest(
                    "InvalidParameterException",
                    "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }
        int days = recoveryWindowDays == null ? 30 : recoveryWindowDays;
        if (days < 7 || days > 30) {
            throw ApiError.badRequest(
                    "InvalidParameterException", "The RecoveryWindowInDays value must be between 7 and 30 days.");
        }
        synchronized (lock) {
            Secret secret = require(secretId);
            Instant now = clock.instant();
            if (force) {
                secrets.remove(secret.name);
                return new WriteResult(secret.arn, secret.name, null, List.of(), now);
            }
            if (secret.deletedDate != null) {
                throw ApiError.badRequest("InvalidRequestException", MARKED_FOR_DELETION);
            }
            secret.deletedDate = now;
            secret.deletionDate = now.plus(Duration.ofDays(days));
            return new WriteResult(secret.arn, secret.name, null, List.of(), secret.deletionDate);
        }
    }

    WriteResult restore(String secretId) {
        synchronized (lock) {
            Secret secret = require(secretId);
            secret.deletedDate = null;
            secret.deletionDate = null;
            secret.lastChanged = clock.instant();
            return new WriteResult(secret.arn, secret.name, null, List.of(), null);
        }
    }

    /**
     * Loads versions as a fixture states them: the first entry for a name creates the secret, later ones add
     * versions; stages are attached with AWS's move rules; an entry without stages becomes AWSCURRENT only when the
     * secret has no current version yet. Tags are merged.
     */
    void seed(List<SeedVersion> versions) {
        synchronized (lock) {
            Instant now = clock.instant();
            for (SeedVersion seed : versions) {
                Secret secret = secrets.computeIfAbsent(seed.name(), n -> new Secret(n, arnFor(n), now));
                secret.tags.putAll(seed.tags());
                List<String> stages = seed.stages();
                if (stages == null) {
                    stages = holderOf(secret, CURRENT) == null ? List.of(CURRENT) : List.of();
                }
                Version version =
                        addVersion(secret, seed.versionId(), seed.secretString(), seed.secretBinary(), List.of());
                for (String stage : stages) {
                    attachStage(secret, version, stage);
                }
            }
        }
    }

    void clear() {
        synchronized (lock) {
            secrets.clear();
            unfilteredListing = false;
        }
    }

    /** A deep copy of the state, for {@link #restore(Snapshot)}. */
    Snapshot snapshot() {
        synchronized (lock) {
            Map<String, Secret> copy = new LinkedHashMap<>();
            secrets.forEach((name, secret) -> copy.put(name, secret.copy()));
            return new Snapshot(copy, unfilteredListing);
        }
    }

    void restore(Snapshot saved) {
        synchronized (lock) {
            Map<String, Secret> copy = new LinkedHashMap<>();
            saved.secrets().forEach((name, secret) -> copy.put(name, secret.copy()));
            secrets = copy;
            unfilteredListing = saved.unfilteredListing();
        }
    }

    /** What {@link FakeAws#reset()} restores. */
    record Snapshot(Map<String, Secret> secrets, boolean unfilteredListing) {}

    // ---- internals (lock held) ----

    private Version addVersion(
            Secret secret, String versionId, String secretString, byte[] secretBinary, List<String> stages) {
        String id = versionId == null ? UUID.randomUUID().toString() : versionId;
        if (secret.versions.containsKey(id)) {
            throw ApiError.badRequest(
                    "ResourceExistsException",
                    "You can't modify an existing version, you can only create a new" + " version.");
        }
        Instant now = clock.instant();
        Version version = new Version(id, secretString, secretBinary, now);
        secret.versions.put(id, version);
        for (String stage : stages) {
            attachStage(secret, version, stage);
        }
        secret.lastChanged = now;
        return version;
    }

    /** Attaches a label, taking it from whichever version had it; moving AWSCURRENT leaves AWSPREVIOUS behind. */
    private static void attachStage(Secret secret, Version target, String stage) {
        for (Version other : secret.versions.values()) {
            if (other != target && other.stages.remove(stage) && CURRENT.equals(stage)) {
                for (Version any : secret.versions.values()) {
                    any.stages.remove(PREVIOUS);
                }
                other.stages.add(PREVIOUS);
            }
        }
        target.stages.add(stage);
    }

    private static Version holderOf(Secret secret, String stage) {
        for (Version version : secret.versions.values()) {
            if (version.stages.contains(stage)) {
                return version;
            }
        }
        return null;
    }

    private Version selectVersion(Secret secret, String versionId, String versionStage) {
        if (versionId != null) {
            Version version = secret.versions.get(versionId);
            if (version == null || (versionStage != null && !version.stages.contains(versionStage))) {
                throw versionNotFound(versionId, versionStage);
            }
            return version;
        }
        String stage = versionStage == null ? CURRENT : versionStage;
        Version version = holderOf(secret, stage);
        if (version == null) {
            throw versionNotFound(null, stage);
        }
        return version;
    }

    private static ApiError versionNotFound(String versionId, String stage) {
        String what;
        if (versionId != null && stage != null) {
            what = "VersionId: " + versionId + " and staging label: " + stage;
        } else if (versionId != null) {
            what = "VersionId: " + versionId;
        } else {
            what = "staging label: " + stage;
        }
        return ApiError.badRequest(
                "ResourceNotFoundException", "Secrets Manager can't find the specified secret value for " + what);
    }

    private static void requireOneValue(String secretString, byte[] secretBinary, boolean required) {
        if (secretString != null && secretBinary != null) {
            throw ApiError.badRequest(
                    "InvalidParameterException",
                    "You can't specify both a binary secret value and a string secret value in the same secret.");
        }
        if (required && secretString == null && secretBinary == null) {
            throw ApiError.badRequest(
                    "InvalidRequestException", "You must provide either SecretString or SecretBinary.");
        }
    }

    private Secret require(String secretId) {
        if (secretId == null || secretId.isEmpty()) {
            throw ApiError.badRequest("InvalidParameterException", "You must specify a SecretId.");
        }
        purgeExpired();
        Secret secret = find(secretId);
        if (secret == null) {
            throw ApiError.badRequest("ResourceNotFoundException", NOT_FOUND);
        }
        return secret;
    }

    private Secret requireLive(String secretId) {
        Secret secret = require(secretId);
        if (secret.deletedDate != null) {
            throw ApiError.badRequest("InvalidRequestException", MARKED_FOR_DELETION);
        }
        return secret;
    }

    private Secret find(String secretId) {
        if (secretId == null) {
            return null;
        }
        Secret byName = secrets.get(secretId);
        if (byName != null) {
            return byName;
        }
        if (secretId.startsWith("arn:")) {
            for (Secret secret : secrets.values()) {
                String partial = secret.arn.substring(0, secret.arn.length() - 7);
                if (secret.arn.equals(secretId) || partial.equals(secretId)) {
                    return secret;
                }
            }
        }
        return null;
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        secrets.values().removeIf(s -> s.deletionDate != null && !now.isBefore(s.deletionDate));
    }

    private String arnFor(String name) {
        StringBuilder suffix = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            suffix.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + name + "-" + suffix;
    }

    private static SecretView view(Secret secret) {
        Map<String, List<String>> stages = new LinkedHashMap<>();
        for (Version version : secret.versions.values()) {
            if (!version.stages.isEmpty()) {
                stages.put(version.id, List.copyOf(version.stages));
            }
        }
        return new SecretView(
                secret.arn,
                secret.name,
                secret.description,
                Collections.unmodifiableMap(new LinkedHashMap<>(secret.tags)),
                Collections.unmodifiableMap(stages),
                secret.created,
                secret.lastChanged,
                secret.deletedDate,
                secret.deletionDate);
    }

    private static ValueView valueView(Secret secret, Version version) {
        return new ValueView(
                secret.arn,
                secret.name,
                version.id,
                version.string,
                version.binary == null ? null : version.binary.clone(),
                List.copyOf(version.stages),
                version.created);
    }
}
