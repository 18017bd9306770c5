package io.eso4j.auth;

import io.eso4j.SecretsException;
import io.eso4j.spec.AwsAuthSpec;
import io.eso4j.spec.AwsProvider;
import io.eso4j.spec.SecretKeySelector;
import io.eso4j.spec.SecretStore;
import io.eso4j.spec.StoreKind;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Builds the SDK credentials a store's spec asks for, delegating to the SDK's own providers: {@code auth.secretRef}
 * becomes static keys (with the optional session token), no auth the SDK's default chain.
 *
 * <p>Role chains ({@code role}, {@code additionalRoles}) and {@code auth.jwt} are rejected with a clear error
 * until the authentication work lands; they are never silently ignored.
 */
public final class StoreCredentials {

    private StoreCredentials() {}

    /**
     * The credentials for {@code store}.
     *
     * @param namespace the namespace of the ExternalSecret being resolved (ESO looks up a SecretStore's key
     *     Secrets there, and a ClusterSecretStore's there unless the selector names one)
     * @throws SecretsException naming the store and field when a key cannot be resolved or a mode is unsupported
     */
    public static AwsCredentialsProvider forStore(SecretStore store, String namespace, SecretKeyResolver resolver) {
        AwsProvider aws = store.aws();
        String field = "spec.provider.aws";
        if (!aws.role().isEmpty() || !aws.additionalRoles().isEmpty()) {
            throw unsupported(store, field + (aws.role().isEmpty() ? ".additionalRoles" : ".role"));
        }
        AwsAuthSpec auth = aws.auth();
        if (auth.jwt() != null) {
            throw unsupported(store, field + ".auth.jwt");
        }
        if (auth.secretRef() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        AwsAuthSpec.SecretRefAuth ref = auth.secretRef();
        String base = field + ".auth.secretRef.";
        String secretKey = key(store, namespace, resolver, ref.secretAccessKey(), base + "secretAccessKeySecretRef");
        String accessKeyId = key(store, namespace, resolver, ref.accessKeyId(), base + "accessKeyIDSecretRef");
        if (ref.sessionToken() != null) {
            String token = key(store, namespace, resolver, ref.sessionToken(), base + "sessionTokenSecretRef");
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKeyId, secretKey, token));
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretKey));
    }

    private static String key(
            SecretStore store, String namespace, SecretKeyResolver resolver, SecretKeySelector selector, String field) {
        if (selector == null) {
            throw new SecretsException(describe(store) + " " + field + ": must be set");
        }
        String lookupNamespace = store.kind() == StoreKind.CLUSTER_SECRET_STORE
                        && !selector.namespace().isEmpty()
                ? selector.namespace()
                : namespace;
        return resolver.resolve(lookupNamespace, selector)
                .orElseThrow(() -> new SecretsException(describe(store) + " " + field + ": could not resolve key \""
                        + selector.key() + "\" of Secret \"" + selector.name() + "\""
                        + (lookupNamespace.isEmpty() ? "" : " in namespace \"" + lookupNamespace + "\"")
                        + " (provide it as a mounted secret or in the secret key map)"));
    }

    private static SecretsException unsupported(SecretStore store, String field) {
        return new SecretsException(describe(store) + " " + field + ": not supported yet");
    }

    private static String describe(SecretStore store) {
        return store.kind().specName() + " " + (store.namespace().isEmpty() ? "" : store.namespace() + "/")
                + store.name();
    }
}
