package io.eso4j.testkit;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The fake Elastic Container Registry's state: the authorization tokens {@code GetAuthorizationToken} hands out.
 * Each call issues a new token for user {@code AWS} valid for 12 hours (as AWS does), with the proxy endpoint
 * {@code https://<account>.dkr.ecr.<region>.amazonaws.com} (the region the request was signed for); {@link #answerNext} arranges the next answer instead (for
 * tests that give the expected values, as ESO's {@code generators/v1/ecr/ecr_test.go} does). Obtain it from
 * {@link FakeAws#ecr()}. Thread-safe.
 */
public final class FakeEcr {

    /** The token validity AWS gives. */
    public static final Duration VALIDITY = Duration.ofHours(12);

    /**
     * One token handed out; {@code toString} names no password.
     *
     * @param username the user part of the decoded token
     * @param password the password part of the decoded token
     * @param proxyEndpoint the registry URL
     * @param expiresAt when the token expires
     * @param callerAccessKeyId the access key id the request was signed with
     */
    public record Token(
            String username, String password, String proxyEndpoint, Instant expiresAt, String callerAccessKeyId) {
        /** The token as AWS sends it: base64 of {@code username:password}. */
        public String authorizationToken() {
            return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Token[" + username + ", " + proxyEndpoint + ", expires " + expiresAt + "]";
        }
    }

    private final Clock clock;
    private final String region;
    private final String accountId;
    private final SecureRandom random = new SecureRandom();
    private final List<Token> issued = new ArrayList<>();
    private Token next;

    FakeEcr(Clock clock, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    /** The next {@code GetAuthorizationToken} answers these values (once); the caller is recorded as usual. */
    public synchronized void answerNext(String username, String password, String proxyEndpoint, Instant expiresAt) {
        next = new Token(
                Objects.requireNonNull(username, "username"),
                Objects.requireNonNull(password, "password"),
                Objects.requireNonNull(proxyEndpoint, "proxyEndpoint"),
                Objects.requireNonNull(expiresAt, "expiresAt"),
                null);
    }

    /** The tokens handed out so far, oldest first. */
    public synchronized List<Token> issued() {
        return List.copyOf(issued);
    }

    synchronized Token issue(String callerAccessKeyId, String signingRegion) {
        Token token;
        if (next != null) {
            token = new Token(
                    next.username(), next.password(), next.proxyEndpoint(), next.expiresAt(), callerAccessKeyId);
            next = null;
        } else {
            byte[] password = new byte[48];
            random.nextBytes(password);
            token = new Token(
                    "AWS",
                    Base64.getEncoder().withoutPadding().encodeToString(password),
                    "https://" + accountId + ".dkr.ecr." + (signingRegion == null ? region : signingRegion)
                            + ".amazonaws.com",
                    clock.instant().plus(VALIDITY),
                    callerAccessKeyId);
        }
        issued.add(token);
        return token;
    }

    synchronized void clear() {
        issued.clear();
        next = null;
    }
}
