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

    /** Issued temporary credentials by access key id, or null. */
    Temporary temporary(String accessKeyId) {
        return temporary.get(accessKeyId);
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

    Object snapshot() {
        return Map.copyOf(staticKeys);
    }

    @SuppressWarnings("unchecked")
    void restore(Object snapshot) {
        staticKeys.clear();
        staticKeys.putAll((Map<String, String>) snapshot);
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
