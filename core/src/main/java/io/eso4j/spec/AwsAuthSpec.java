package io.eso4j.spec;

/**
 * ESO {@code provider.aws.auth}. With neither member set, the SDK's default credential chain applies. ESO gives
 * {@code jwt} precedence when both are set.
 *
 * @param secretRef static keys read from Kubernetes Secrets, or {@code null}
 * @param jwt web identity (IRSA) for a service account, or {@code null}
 */
public record AwsAuthSpec(SecretRefAuth secretRef, JwtAuth jwt) {

    /** No explicit auth: the default credential chain. */
    public static final AwsAuthSpec DEFAULT_CHAIN = new AwsAuthSpec(null, null);

    /**
     * ESO {@code auth.secretRef}.
     *
     * @param sessionToken optional; {@code null} for long-term keys
     */
    public record SecretRefAuth(
            SecretKeySelector accessKeyId, SecretKeySelector secretAccessKey, SecretKeySelector sessionToken) {}

    /** ESO {@code auth.jwt}. */
    public record JwtAuth(ServiceAccountSelector serviceAccountRef) {}
}
