package io.eso4j;

import io.eso4j.spec.SecretStore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS SDK clients a caller hands to {@link ExternalSecrets.Builder#awsClients(AwsClients)} instead of letting
 * eso4j build them, per service: a function from the store to its client. A service without a function gets
 * clients built by eso4j (with the builder's endpoint override and credentials, or the stores' {@code auth}).
 * Clients handed in belong to the caller, who closes them; eso4j's call listeners and credential re-reading do not
 * apply to them.
 *
 * <pre>{@code
 * ExternalSecrets.builder()
 *         .manifests(manifests)
 *         .awsClients(AwsClients.secretsManager(store -> secretsManager)
 *                 .and(AwsClients.parameterStore(store -> ssm)))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the functions are called once per store and namespace, from the refresh thread.
 */
public final class AwsClients {

    private static final AwsClients NONE = new AwsClients(null, null, null);

    private final Function<SecretStore, SecretsManagerClient> secretsManager;
    private final Function<SecretStore, SsmClient> parameterStore;
    private final Function<SecretStore, AcmClient> certificateManager;

    private AwsClients(
            Function<SecretStore, SecretsManagerClient> secretsManager,
            Function<SecretStore, SsmClient> parameterStore,
            Function<SecretStore, AcmClient> certificateManager) {
        this.secretsManager = secretsManager;
        this.parameterStore = parameterStore;
        this.certificateManager = certificateManager;
    }

    /** No clients handed in: eso4j builds every client. The default. */
    public static AwsClients none() {
        return NONE;
    }

    /** The Secrets Manager client for each store of {@code service: SecretsManager}. */
    public static AwsClients secretsManager(Function<SecretStore, SecretsManagerClient> clients) {
        return new AwsClients(Objects.requireNonNull(clients, "clients"), null, null);
    }

    /** The Systems Manager client for each store of {@code service: ParameterStore}. */
    public static AwsClients parameterStore(Function<SecretStore, SsmClient> clients) {
        return new AwsClients(null, Objects.requireNonNull(clients, "clients"), null);
    }

    /** The Certificate Manager client for each store of {@code service: CertificateManager}. */
    public static AwsClients certificateManager(Function<SecretStore, AcmClient> clients) {
        return new AwsClients(null, null, Objects.requireNonNull(clients, "clients"));
    }

    /** These clients and {@code other}'s; for a service both name, {@code other}'s. */
    public AwsClients and(AwsClients other) {
        Objects.requireNonNull(other, "other");
        return new AwsClients(
                other.secretsManager != null ? other.secretsManager : secretsManager,
                other.parameterStore != null ? other.parameterStore : parameterStore,
                other.certificateManager != null ? other.certificateManager : certificateManager);
    }

    /** The Secrets Manager clients handed in, if any. */
    public Optional<Function<SecretStore, SecretsManagerClient>> secretsManager() {
        return Optional.ofNullable(secretsManager);
    }

    /** The Parameter Store clients handed in, if any. */
    public Optional<Function<SecretStore, SsmClient>> parameterStore() {
        return Optional.ofNullable(parameterStore);
    }

    /** The Certificate Manager clients handed in, if any. */
    public Optional<Function<SecretStore, AcmClient>> certificateManager() {
        return Optional.ofNullable(certificateManager);
    }

    @Override
    public String toString() {
        return "AwsClients[secretsManager=" + (secretsManager != null) + ", parameterStore=" + (parameterStore != null)
                + ", certificateManager=" + (certificateManager != null) + "]";
    }
}
