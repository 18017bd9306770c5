package io.eso4j.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The fake STS as tests configure and observe it: which web identity tokens are valid for which roles, which roles
 * may be assumed with {@code AssumeRole} and by whom, and the sessions it issued. Obtain it from
 * {@link FakeAws#sts()}. Thread-safe.
 *
 * <p>{@code AssumeRoleWithWebIdentity} is unsigned, as in AWS: the token is checked against the registered ones
 * (unknown → {@code InvalidIdentityToken}, past its expiry → {@code ExpiredTokenException}, role not granted →
 * {@code AccessDenied}). {@code AssumeRole} must be signed with credentials the fake knows and the role must trust
 * the caller ({@code AccessDenied} otherwise, also for a missing or wrong ExternalId, or when the session tags lack
 * one the trust requires: {@code sts:TagSession}). Session tags are checked as AWS does: keys are unique
 * case-insensitively ({@code InvalidParameterValue}), at most 50. {@code DurationSeconds} is
 * 900..43200, default 3600; expirations come from the fake's clock. The issued credentials are then accepted by
 * the fake's Secrets Manager until they expire.
 */
public final class FakeSts {

    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private final Clock clock;
    private final String accountId;
    private final CredentialStore credentials;
    private final Map<String, WebIdentityGrant> tokens = new ConcurrentHashMap<>();
    private final Map<String, RoleTrust> roles = new ConcurrentHashMap<>();
    private final List<StsSession> sessions = new CopyOnWriteArrayList<>();

    FakeSts(Clock clock, String accountId, CredentialStore credentials) {
        this.clock = clock;
        this.accountId = accountId;
        this.credentials = credentials;
    }

    private record WebIdentityGrant(Set<String> roleArns, Instant expiresAt) {}

    /** What an STS call issued, for the XML response. toString leaves the credentials out. */
    record Issued(CredentialStore.Temporary credentials, String assumedRoleArn, String assumedRoleId) {
        @Override
        public String toString() {
            return "Issued[" + assumedRoleArn + "]";
        }
    }

    /** What {@link FakeAws#reset()} restores. */
    record Snapshot(Map<String, WebIdentityGrant> tokens, Map<String, RoleTrust> roles) {}

    /**
     * Accepts {@code token} as a web identity token for these roles, without expiry.
     *
     * @return this
     */
    public FakeSts registerWebIdentityToken(String token, String... roleArns) {
        return registerWebIdentityToken(token, null, roleArns);
    }

    /**
     * Accepts {@code token} as a web identity token for these roles until {@code expiresAt} (fake clock; null for
     * never). Registering the same token again replaces its grant.
     *
     * @return this
     */
    public FakeSts registerWebIdentityToken(String token, Instant expiresAt, String... roleArns) {
        Objects.requireNonNull(token, "token");
        tokens.put(token, new WebIdentityGrant(Set.copyOf(Arrays.asList(roleArns)), expiresAt));
        return this;
    }

    /**
     * Lets any caller the fake can authenticate assume {@code roleArn} with AssumeRole.
     *
     * @return this
     */
    public FakeSts allowAssumeRole(String roleArn) {
        return allowAssumeRole(roleArn, RoleTrust.anyone());
    }

    /**
     * Lets the callers {@code trust} names assume {@code roleArn}, with its ExternalId if it has one.
     *
     * @return this
     */
    public FakeSts allowAssumeRole(String roleArn, RoleTrust trust) {
        roles.put(Objects.requireNonNull(roleArn, "roleArn"), Objects.requireNonNull(trust, "trust"));
        return this;
    }

    /** Every session issued since start or the last reset, oldest first. */
    public List<StsSession> sessions() {
        return List.copyOf(sessions);
    }

    // ---- engine ----

    Issued assumeRoleWithWebIdentity(Map<String, String> form) {
        String roleArn = required(form, "RoleArn");
        String sessionName = sessionName(form);
        String token = required(form, "WebIdentityToken");
        int duration = duration(form);
        WebIdentityGrant grant = tokens.get(token);
        if (grant == null) {
            throw ApiError.badRequest(
                    "InvalidIdentityToken",
                    "The web identity token that was passed could not be validated by AWS. Get a new identity token"
                            + " from the identity provider and then retry the request.");
        }
        Instant now = clock.instant();
        if (grant.expiresAt() != null && !now.isBefore(grant.expiresAt())) {
            throw ApiError.badRequest(
                    "ExpiredTokenException",
                    "Token expired: current date/time " + now.getEpochSecond()
                            + " must be before the expiration date/time "
                            + grant.expiresAt().getEpochSecond());
        }
        if (!grant.roleArns().contains(roleArn)) {
            throw new ApiError(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
        }
        return issue("AssumeRoleWithWebIdentity", roleArn, sessionName, null, null, duration, Map.of(), List.of());
    }

    Issued assumeRole(Map<String, String> form, String callerAccessKeyId) {
        String roleArn = required(form, "RoleArn");
        String sessionName = sessionName(form);
        int duration = duration(form);
        String externalId = form.get("ExternalId");
        Map<String, String> tags = new LinkedHashMap<>();
        Set<String> lowerCaseKeys = new java.util.HashSet<>();
        for (int i = 1; form.containsKey("Tags.member." + i + ".Key"); i++) {
            String key = form.get("Tags.member." + i + ".Key");
            if (!lowerCaseKeys.add(key.toLowerCase(java.util.Locale.ROOT))) {
                throw ApiError.badRequest(
                        "InvalidParameterValue",
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            tags.put(key, form.getOrDefault("Tags.member." + i + ".Value", ""));
        }
        if (tags.size() > 50) {
            throw validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must"
                    + " have length less than or equal to 50");
        }
        RoleTrust trust = roles.get(roleArn);
        boolean allowed = trust != null
                && (trust.callerAccessKeyIds().isEmpty()
                        || trust.callerAccessKeyIds().contains(callerAccessKeyId))
                && (trust.externalId() == null || trust.externalId().equals(externalId));
        if (!allowed) {
            throw new ApiError(
                    403,
                    "AccessDenied",
                    "User: " + callerArn(callerAccessKeyId) + " is not authorized to perform: sts:AssumeRole on"
                            + " resource: " + roleArn);
        }
        for (Map.Entry<String, String> required : trust.requiredTags().entrySet()) {
            if (!required.getValue().equals(tags.get(required.getKey()))) {
                throw new ApiError(
                        403,
                        "AccessDenied",
                        "User: " + callerArn(callerAccessKeyId) + " is not authorized to perform: sts:TagSession on"
                                + " resource: " + roleArn);
            }
        }
        List<String> transitive = new ArrayList<>();
        for (int i = 1; form.containsKey("TransitiveTagKeys.member." + i); i++) {
            transitive.add(form.get("TransitiveTagKeys.member." + i));
        }
        return issue("AssumeRole", roleArn, sessionName, callerAccessKeyId, externalId, duration, tags, transitive);
    }

    /**
     * {@code GetSessionToken} (what ESO's {@code STSSessionToken} generator calls): signed with long-term
     * credentials the fake knows; session credentials are refused as AWS refuses them. {@code DurationSeconds} is
     * 900..129600, default 43200. The issued credentials act as the caller. MFA fields are recorded as given (not
     * checked).
     */
    Issued getSessionToken(Map<String, String> form, String callerAccessKeyId) {
        if (callerAccessKeyId != null && credentials.temporary(callerAccessKeyId) != null) {
            throw new ApiError(403, "AccessDenied", "Cannot call GetSessionToken with session credentials");
        }
        int duration = duration(form, 129600, 43200);
        String userArn = callerArn(callerAccessKeyId);
        Instant expiration =
                clock.instant().plus(Duration.ofSeconds(duration)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        CredentialStore.Temporary issued = credentials.issue(expiration, userArn);
        sessions.add(new StsSession(
                "GetSessionToken",
                "",
                "",
                callerAccessKeyId,
                null,
                duration,
                Map.of(),
                List.of(),
                issued.accessKeyId(),
                expiration));
        return new Issued(issued, userArn, "");
    }

    /** The ARN GetCallerIdentity reports for an access key id. */
    String callerArn(String accessKeyId) {
        CredentialStore.Temporary temporary = accessKeyId == null ? null : credentials.temporary(accessKeyId);
        if (temporary != null) {
            return temporary.assumedRoleArn();
        }
        return "arn:aws:iam::" + accountId + ":user/" + (accessKeyId == null ? "anonymous" : accessKeyId);
    }

    String accountId() {
        return accountId;
    }

    Snapshot snapshot() {
        return new Snapshot(Map.copyOf(tokens), Map.copyOf(roles));
    }

    void restore(Snapshot saved) {
        tokens.clear();
        tokens.putAll(saved.tokens());
        roles.clear();
        roles.putAll(saved.roles());
        sessions.clear();
    }

    private Issued issue(
            String operation,
            String roleArn,
            String sessionName,
            String caller,
            String externalId,
            int duration,
            Map<String, String> tags,
            List<String> transitive) {
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String[] arnParts = roleArn.split(":", 6);
        String account = arnParts.length == 6 && !arnParts[4].isEmpty() ? arnParts[4] : accountId;
        String assumedRoleArn = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
        Instant expiration =
                clock.instant().plus(Duration.ofSeconds(duration)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        CredentialStore.Temporary issued = credentials.issue(expiration, assumedRoleArn);
        String roleId = "AROA" + credentials.randomString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17);
        sessions.add(new StsSession(
                operation,
                roleArn,
                sessionName,
                caller,
                externalId,
                duration,
                tags,
                transitive,
                issued.accessKeyId(),
                expiration));
        return new Issued(issued, assumedRoleArn, roleId + ":" + sessionName);
    }

    private static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isEmpty()) {
            throw validation("1 validation error detected: Value null at '" + Character.toLowerCase(name.charAt(0))
                    + name.substring(1) + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static String sessionName(Map<String, String> form) {
        String name = required(form, "RoleSessionName");
        if (!SESSION_NAME.matcher(name).matches()) {
            throw validation("1 validation error detected: Value '" + name + "' at 'roleSessionName' failed to"
                    + " satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and have"
                    + " length between 2 and 64");
        }
        return name;
    }

    private static int duration(Map<String, String> form) {
        return duration(form, 43200, 3600);
    }

    private static int duration(Map<String, String> form, int max, int defaultSeconds) {
        String value = form.get("DurationSeconds");
        if (value == null) {
            return defaultSeconds;
        }
        int seconds;
        try {
            seconds = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw validation("DurationSeconds must be a number");
        }
        if (seconds < 900) {
            throw validation("1 validation error detected: Value '" + seconds + "' at 'durationSeconds' failed to"
                    + " satisfy constraint: Member must have value greater than or equal to 900");
        }
        if (seconds > max) {
            throw validation("1 validation error detected: Value '" + seconds + "' at 'durationSeconds' failed to"
                    + " satisfy constraint: Member must have value less than or equal to " + max);
        }
        return seconds;
    }

    private static ApiError validation(String message) {
        return ApiError.badRequest("ValidationError", message);
    }
}
