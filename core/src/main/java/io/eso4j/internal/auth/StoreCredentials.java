package io.eso4j.internal.auth;

import io.eso4j.SecretsException;
import io.eso4j.StoreConfigurationException;
import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.AwsAuthSpec;
import io.eso4j.spec.AwsProvider;
import io.eso4j.spec.SecretKeySelector;
import io.eso4j.spec.SecretStore;
import io.eso4j.spec.ServiceAccountSelector;
import io.eso4j.spec.StoreKind;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the credentials a store's spec asks for, in ESO's order, from the SDK's own providers:
 *
 * <ol>
 *   <li>base credentials: {@code auth.jwt} (it wins over {@code secretRef}, as in ESO) is IRSA, the pod's web
 *       identity token exchanged with AssumeRoleWithWebIdentity; {@code auth.secretRef} is static keys (with the
 *       optional session token) found through a {@link SecretKeyResolver}, re-read every
 *       {@link AuthOptions#staticKeyRereadInterval()} and when AWS rejects them (see
 *       {@link AwsAuth#reloadAfterRejection()}); neither is the SDK's default chain;
 *   <li>each of {@code additionalRoles}, in list order, assumed with the previous hop's credentials, without
 *       external id or session tags;
 *   <li>{@code role}, assumed last, with {@code externalID}, the session tags of {@code sessionTagsPolicy}
 *       ({@link AwsProvider#sessionTagsFor}) and {@code transitiveTagKeys}.
 * </ol>
 *
 * <p>STS calls go to the store's region unless {@link AuthOptions#stsRegion()} says otherwise.
 *
 * <p><b>A deliberate difference from ESO.</b> ESO's {@code auth.jwt} asks the Kubernetes TokenRequest API for a
 * token of {@code serviceAccountRef} and takes the role from that service account's
 * {@code eks.amazonaws.com/role-arn} annotation. eso4j runs inside the application's pod without cluster access, so
 * it uses the pod's own projected token ({@code AWS_WEB_IDENTITY_TOKEN_FILE}) and role ({@code AWS_ROLE_ARN}), or
 * the ones {@link AuthOptions} names; {@code serviceAccountRef} is accepted and the substitution logged at INFO.
 *
 * <p>Stateless and thread-safe; every call builds new credentials, which the caller must close. Build them once
 * per store and namespace ({@link CredentialsCache} does) so temporary credentials are reused until they expire.
 */
public final class StoreCredentials {

    private static final String FIELD = "spec.provider.aws";

    /** What the credentials belong to, as errors name it ({@code SecretStore ns/name}), and its aws fields' path. */
    private record Owner(String label, String field) {}

    private StoreCredentials() {}

    /** {@link #forStore(SecretStore, String, SecretKeyResolver, AuthOptions)} with {@link AuthOptions#defaults()}. */
    public static AwsAuth forStore(SecretStore store, String namespace, SecretKeyResolver resolver) {
        return forStore(store, namespace, resolver, AuthOptions.defaults());
    }

    /**
     * New credentials for {@code store}; the caller closes them.
     *
     * @param namespace the namespace of the ExternalSecret being resolved (ESO looks up a SecretStore's key
     *     Secrets there, and a ClusterSecretStore's there unless the selector names one)
     * @throws SecretsException naming the store and field (or setting, or token file) when credentials cannot be
     *     built; never a key, secret or token
     */
    public static AwsAuth forStore(
            SecretStore store, String namespace, SecretKeyResolver resolver, AuthOptions options) {
        return forStore(store, namespace, resolver, options, new Owner(describe(store), FIELD));
    }

    /**
     * New credentials for a generator's own region, role and auth ({@code asStore}: a SecretStore with the
     * generator's name and namespace and its aws settings); errors name the generator ({@code kind ns/name}) and its
     * fields under {@code spec}. The caller closes them.
     */
    public static AwsAuth forGenerator(
            String kind, SecretStore asStore, String namespace, SecretKeyResolver resolver, AuthOptions options) {
        return forStore(asStore, namespace, resolver, options, new Owner(kind + " " + name(asStore), "spec"));
    }

    private static AwsAuth forStore(
            SecretStore store, String namespace, SecretKeyResolver resolver, AuthOptions options, Owner owner) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(options, "options");
        AwsProvider aws = store.aws();
        Region stsRegion = options.stsRegion() != null ? options.stsRegion() : Region.of(aws.region());
        AwsAuth credentials = base(store, namespace, resolver, options, stsRegion, owner);
        try {
            for (String role : aws.additionalRoles()) {
                credentials = credentials.thenAssumeRole(role, null, List.of(), List.of(), stsRegion, options);
            }
            if (!aws.role().isEmpty()) {
                credentials = credentials.thenAssumeRole(
                        aws.role(),
                        aws.externalId(),
                        aws.sessionTagsFor(store.name(), store.kind().specName(), namespace),
                        aws.transitiveTagKeys(),
                        stsRegion,
                        options);
            }
            return credentials;
        } catch (RuntimeException e) {
            credentials.close();
            throw e;
        }
    }

    private static AwsAuth base(
            SecretStore store,
            String namespace,
            SecretKeyResolver resolver,
            AuthOptions options,
            Region stsRegion,
            Owner owner) {
        AwsAuthSpec auth = store.aws().auth();
        if (auth.jwt() != null) {
            ServiceAccountSelector account = auth.jwt().serviceAccountRef();
            String accountNamespace =
                    account == null || account.namespace().isEmpty() ? namespace : account.namespace();
            String accountName = (account == null ? "(none)" : account.name())
                    + (accountNamespace.isEmpty() ? "" : " (namespace: " + accountNamespace + ")");
            return AwsAuth.irsa(
                    options,
                    stsRegion,
                    owner.label() + " " + owner.field() + ".auth.jwt",
                    "an IAM role must be associated with service account " + accountName,
                    accountName);
        }
        if (auth.secretRef() == null) {
            return AwsAuth.defaultChain(options);
        }
        AwsAuthSpec.SecretRefAuth ref = auth.secretRef();
        String base = owner.field() + ".auth.secretRef.";
        Supplier<AwsCredentials> keys = () -> {
            String secretKey =
                    key(store, owner, namespace, resolver, ref.secretAccessKey(), base + "secretAccessKeySecretRef");
            String accessKeyId =
                    key(store, owner, namespace, resolver, ref.accessKeyId(), base + "accessKeyIDSecretRef");
            if (ref.sessionToken() != null) {
                String token =
                        key(store, owner, namespace, resolver, ref.sessionToken(), base + "sessionTokenSecretRef");
                return AwsSessionCredentials.create(accessKeyId, secretKey, token);
            }
            return AwsBasicCredentials.create(accessKeyId, secretKey);
        };
        // Re-read like the web identity token: on a schedule, and when AWS rejects the keys (rotation).
        return AwsAuth.reloadingStaticKeys(
                keys, options.staticKeyRereadInterval(), owner.label() + " " + owner.field() + ".auth.secretRef");
    }

    private static String key(
            SecretStore store,
            Owner owner,
            String namespace,
            SecretKeyResolver resolver,
            SecretKeySelector selector,
            String field) {
        if (selector == null) {
            throw new StoreConfigurationException(
                    owner.label(),
                    StoreConfigurationException.Setting.CREDENTIALS,
                    owner.label() + " " + field + ": must be set",
                    null);
        }
        String lookupNamespace = store.kind() == StoreKind.CLUSTER_SECRET_STORE
                        && !selector.namespace().isEmpty()
                ? selector.namespace()
                : namespace;
        return resolver.resolve(lookupNamespace, selector)
                .orElseThrow(() -> new StoreConfigurationException(
                        owner.label(),
                        StoreConfigurationException.Setting.CREDENTIALS,
                        owner.label() + " " + field + ": could not resolve key \""
                                + selector.key() + "\" of Secret \"" + selector.name() + "\""
                                + (lookupNamespace.isEmpty() ? "" : " in namespace \"" + lookupNamespace + "\"")
                                + " (provide it as a mounted secret or in the secret key map)",
                        null));
    }

    private static String describe(SecretStore store) {
        return store.kind().specName() + " " + name(store);
    }

    private static String name(SecretStore store) {
        return (store.namespace().isEmpty() ? "" : store.namespace() + "/") + store.name();
    }
}
