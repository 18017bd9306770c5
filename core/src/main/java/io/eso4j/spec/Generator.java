package io.eso4j.spec;

import java.util.List;
import java.util.Objects;

/**
 * An ESO generator manifest ({@code generators.external-secrets.io/v1alpha1}) that eso4j runs: {@code STSSessionToken}
 * (ESO {@code generators/v1/sts}) or {@code ECRAuthorizationToken} (ESO {@code generators/v1/ecr}, private registries
 * only). Other generator kinds are rejected when an ExternalSecret references them.
 *
 * @param kind the generator kind, one of {@link #SUPPORTED_KINDS}
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}, {@code ""} when not given
 * @param region {@code spec.region}
 * @param role {@code spec.role}, {@code ""} for none
 * @param auth {@code spec.auth} (same shapes as a SecretStore's aws auth)
 * @param sessionDuration {@code spec.requestParameters.sessionDuration} in seconds, or {@code null}
 * @param serialNumber {@code spec.requestParameters.serialNumber}, {@code ""} for none
 * @param tokenCode {@code spec.requestParameters.tokenCode}, {@code ""} for none
 * @param scope {@code spec.scope} of an ECRAuthorizationToken ({@code private} or {@code public}), {@code ""} when not
 *     given (private, as in ESO)
 */
public record Generator(
        String kind,
        String name,
        String namespace,
        String region,
        String role,
        AwsAuthSpec auth,
        Long sessionDuration,
        String serialNumber,
        String tokenCode,
        String scope) {

    /** ESO's {@code generators.external-secrets.io} group/version. */
    public static final String API_VERSION = "generators.external-secrets.io/v1alpha1";

    /** The kind of ESO's STS session token generator. */
    public static final String STS_SESSION_TOKEN = "STSSessionToken";

    /** The kind of ESO's ECR authorization token generator. */
    public static final String ECR_AUTHORIZATION_TOKEN = "ECRAuthorizationToken";

    /** ESO's cluster-scoped generator: the spec of one of the other kinds under {@code spec.generator}. */
    public static final String CLUSTER_GENERATOR = "ClusterGenerator";

    /** The generator kinds eso4j runs. */
    public static final List<String> SUPPORTED_KINDS = List.of(ECR_AUTHORIZATION_TOKEN, STS_SESSION_TOKEN);

    /** The kinds a {@code generatorRef} may name: {@link #SUPPORTED_KINDS} and {@link #CLUSTER_GENERATOR}. */
    public static final List<String> REFERABLE_KINDS =
            List.of(ECR_AUTHORIZATION_TOKEN, STS_SESSION_TOKEN, CLUSTER_GENERATOR);

    /** ESO's generator kinds ({@code apis/generators/v1alpha1}), which eso4j recognises but does not all run. */
    public static final List<String> ESO_KINDS = List.of(
            "ACRAccessToken",
            "ClusterGenerator",
            "CloudsmithAccessToken",
            "ECRAuthorizationToken",
            "Fake",
            "GCRAccessToken",
            "GeneratorState",
            "GithubAccessToken",
            "Grafana",
            "MFA",
            "Password",
            "QuayAccessToken",
            "SSHKey",
            "STSSessionToken",
            "UUID",
            "VaultDynamicSecret",
            "Webhook");

    public Generator {
        kind = Specs.text(kind);
        name = Specs.text(name);
        namespace = Specs.text(namespace);
        region = Specs.text(region);
        role = Specs.text(role);
        auth = Objects.requireNonNullElse(auth, AwsAuthSpec.DEFAULT_CHAIN);
        serialNumber = Specs.text(serialNumber);
        tokenCode = Specs.text(tokenCode);
        scope = Specs.text(scope);
    }

    /** A generator without {@code scope} (every kind but ECRAuthorizationToken). */
    public Generator(
            String kind,
            String name,
            String namespace,
            String region,
            String role,
            AwsAuthSpec auth,
            Long sessionDuration,
            String serialNumber,
            String tokenCode) {
        this(kind, name, namespace, region, role, auth, sessionDuration, serialNumber, tokenCode, "");
    }

    /**
     * The SecretStore-shaped aws settings the generator's credentials come from (region, role, auth). When both
     * {@code auth.secretRef} and {@code auth.jwt} are given the static keys win, as in ESO's
     * {@code providers/v1/aws/auth/auth.go} {@code NewGeneratorSession} (a store prefers jwt).
     */
    public AwsProvider awsProvider() {
        AwsAuthSpec credentials =
                auth.secretRef() != null && auth.jwt() != null ? new AwsAuthSpec(auth.secretRef(), null) : auth;
        return new AwsProvider(
                AwsService.SECRETS_MANAGER, region, role, List.of(), "", List.of(), List.of(), "", credentials);
    }
}
