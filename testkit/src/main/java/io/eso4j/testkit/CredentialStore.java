package io.eso4j.testkit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials the fake accepts: static key pairs registered by the test, and temporary credentials its STS
 * issued. Thread-safe. Nothing here prints a secret key or token.
 */
final class CredentialStore {

    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> staticKeys = new ConcurrentHashMap<>();
    private final Map<String, Temporary> temporary = new ConcurrentHashMap<>();
    private final Map<String, Temporary> registeredSessions = new ConcurrentHashMap<>();

    /** What {@link FakeAws#reset()} restores. */
    record Snapshot(Map<String, String> staticKeys, Map<String, Temporary> registeredSessions) {}

    /** Credentials issued by the fake STS. toString leaves the secret key and token out. */
    record Temporary(
            String accessKeyId,
            String secretAccessKey,
            String sessionToken,
            Instant expiration,
            String assumedRoleArn) {
        @Override
        public String toString() {
            return "Temporary[" + accessKeyId + ", expiration=" + expiration + "]";
        }
    }

    void addStatic(String accessKeyId, String secretAccessKey) {
        staticKeys.put(accessKeyId, secretAccessKey);
    }

    void removeStatic(String accessKeyId) {
        staticKeys.remove(accessKeyId);
    }

    /** The secret key of a static pair, or null. */
    String staticSecret(String accessKeyId) {
        return staticKeys.get(accessKeyId);
    }

    /**
     * Temporary credentials obtained elsewhere (a static key pair with its session token), accepted until
     * {@code expiration}; part of the baseline, unlike the ones the fake's STS issues.
     */
    void addSession(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
        registeredSessions.put(
                accessKeyId,
                new Temporary(
                        accessKeyId,
                        secretAccessKey,
                        sessionToken,
                        expiration,
                        "arn:aws:iam::000000000000:user/session"));
    }

    /** Issued or registered temporary credentials by access key id, or null. */
    Temporary temporary(String accessKeyId) {
        Temporary issued = temporary.get(accessKeyId);
        return issued != null ? issued : registeredSessions.get(accessKeyId);
    }

    Temporary issue(Instant expiration, String assumedRoleArn) {
        Temporary issued = new Temporary(
                "ASIA" + randomString(UPPER_ALNUM, 16),
                randomString(KEY_CHARS, 40),
                "FQoGZXIvYXdzE" + randomString(KEY_CHARS, 200),
                expiration,
                assumedRoleArn);
        temporary.put(issued.accessKeyId(), issued);
        return issued;
    }

    Snapshot snapshot() {
        return new Snapshot(Map.copyOf(staticKeys), Map.copyOf(registeredSessions));
    }

    void restore(Snapshot saved) {
        staticKeys.clear();
        staticKeys.putAll(saved.staticKeys());
        registeredSessions.clear();
        registeredSessions.putAll(saved.registeredSessions());
        temporary.clear();
    }

    String randomString(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
