package io.eso4j.k8s;

import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretsException;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the Secret an {@code auth.secretRef} names from the cluster, so ESO's static-key stores work unchanged
 * in-cluster: {@code ExternalSecrets.builder().secretKeyResolver(new ClusterSecretKeyResolver(client))}.
 *
 * <p>Thread-safe; one read per lookup (core resolves a store's credentials once per session). Never logs values.
 */
public final class ClusterSecretKeyResolver implements SecretKeyResolver {

    private final KubernetesClient client;

    public ClusterSecretKeyResolver(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The key's value decoded as UTF-8, or empty when the Secret or key does not exist.
     *
     * @throws SecretAccessDeniedException when RBAC forbids reading the Secret
     */
    @Override
    public Optional<String> resolve(String namespace, SecretKeySelector selector) {
        String effective =
                namespace.isEmpty() ? Objects.requireNonNullElse(client.getNamespace(), "default") : namespace;
        Secret secret;
        try {
            secret = client.secrets()
                    .inNamespace(effective)
                    .withName(selector.name())
                    .get();
        } catch (KubernetesClientException e) {
            String id = effective + "/" + selector.name();
            if (e.getCode() == 403) {
                throw new SecretAccessDeniedException(
                        id,
                        "cannot read Secret " + id + ": forbidden: the reader needs RBAC verb \"get\" on resource"
                                + " \"secrets\" in namespace \"" + effective + "\"",
                        e);
            }
            throw new SecretsException("cannot read Secret " + id + ": HTTP " + e.getCode(), e);
        }
        if (secret == null) {
            return Optional.empty();
        }
        if (secret.getData() != null && secret.getData().containsKey(selector.key())) {
            byte[] value = Base64.getDecoder().decode(secret.getData().get(selector.key()));
            return Optional.of(new String(value, StandardCharsets.UTF_8));
        }
        if (secret.getStringData() != null) {
            return Optional.ofNullable(secret.getStringData().get(selector.key()));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ClusterSecretKeyResolver";
    }
}
