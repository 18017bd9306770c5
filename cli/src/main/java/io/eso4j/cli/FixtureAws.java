package io.eso4j.cli;

import io.eso4j.ExternalSecrets;
import io.eso4j.InvalidSpecException;
import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.AwsAuthSpec;
import io.eso4j.spec.AwsProvider;
import io.eso4j.spec.DataFrom;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretData;
import io.eso4j.spec.Generator;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretKeySelector;
import io.eso4j.spec.SecretStore;
import io.eso4j.spec.SecretStoreRef;
import io.eso4j.spec.StoreKind;
import io.eso4j.spec.Tag;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.RoleTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code render --fixture}: the testkit's fake AWS (Secrets Manager, Parameter Store <em>and</em> STS), started in-process on a random
 * loopback port and seeded from a fixture file, with every AWS client the facade builds pointed at it. Nothing in
 * this mode reaches the network:
 *
 * <ul>
 *   <li>Secrets Manager and Parameter Store: {@code endpointOverride} of every store's client;
 *   <li>STS (each {@code additionalRoles} hop, {@code role} with {@code externalID} and session tags, and the
 *       web identity exchange of {@code auth.jwt}): {@link AuthOptions#stsEndpoint()};
 *   <li>stores with no {@code auth}: {@link AuthOptions#defaultCredentials()} is the fake's default key pair, so the
 *       SDK's default chain (environment, profile, container and instance metadata) is never consulted;
 *   <li>{@code auth.jwt}: a random token in a temporary file ({@link AuthOptions#webIdentityTokenFile()}), registered
 *       with the fake for a fixed role, so neither the pod's token nor {@code AWS_ROLE_ARN} is read.
 * </ul>
 *
 * <p>The fake keeps checking signatures and trust: it accepts the static keys (with their session token, if any)
 * each {@code auth.secretRef} store resolves to, lets any caller it can authenticate assume every role the stores
 * name (only with its {@code externalID} when every store naming the role gives the same one, and only with its
 * session tags when every use of the role sends the same ones), and accepts
 * signatures scoped to any region of a store in use. The chain is exercised as it would be against
 * AWS; only the endpoint differs.
 *
 * <p>Only this class touches the testkit, so a plain {@code render} never loads it.
 */
final class FixtureAws {

    /** The role {@code auth.jwt} stores exchange the fixture's web identity token for. */
    static final String WEB_IDENTITY_ROLE = "arn:aws:iam::123456789012:role/eso4j-fixture-web-identity";

    private FixtureAws() {}

    /**
     * Starts the fake and configures {@code builder} to use it; the caller closes the result after resolving. On any
     * failure (an {@link Error} too) the fake is stopped before this method returns.
     *
     * @param vector the id of one vector when {@code fixture} holds an array of them, else {@code null}
     */
    static AutoCloseable start(
            Path fixture, String vector, Manifests manifests, SecretKeyResolver keys, ExternalSecrets.Builder builder) {
        Map<SecretStore, List<String>> used = storesInUse(manifests);
        Set<String> regions = new LinkedHashSet<>();
        used.keySet().stream()
                .map(store -> store.aws().region())
                .filter(r -> !r.isEmpty())
                .forEach(regions::add);
        String region = regions.isEmpty() ? "us-east-1" : regions.iterator().next();
        FakeAws.Builder fakeBuilder =
                FakeAws.builder().port(0).region(region).otherRegions(regions.toArray(String[]::new));
        if (vector == null) {
            fakeBuilder.fixture(fixture);
        } else {
            fakeBuilder.fixture(fixture, vector);
        }
        FakeAws fake;
        try {
            fake = fakeBuilder.start();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new Eso4j.UsageException(e.getMessage(), e);
        }
        Path tokenFile = null;
        try {
            AuthOptions.Builder auth =
                    AuthOptions.builder().stsEndpoint(fake.endpoint()).defaultCredentials(fake.credentialsProvider());
            boolean jwt = false;
            Map<String, Set<String>> externalIds = new LinkedHashMap<>();
            Map<String, Set<List<Tag>>> roleTags = new LinkedHashMap<>();
            for (Map.Entry<SecretStore, List<String>> entry : used.entrySet()) {
                SecretStore store = entry.getKey();
                AwsProvider aws = store.aws();
                aws.additionalRoles()
                        .forEach(role -> externalIds
                                .computeIfAbsent(role, r -> new LinkedHashSet<>())
                                .add(""));
                if (!aws.role().isEmpty()) {
                    externalIds
                            .computeIfAbsent(aws.role(), r -> new LinkedHashSet<>())
                            .add(aws.externalId());
                    for (String namespace : entry.getValue()) {
                        roleTags.computeIfAbsent(aws.role(), r -> new LinkedHashSet<>())
                                .add(aws.sessionTagsFor(
                                        store.name(), store.kind().specName(), namespace));
                    }
                }
                if (aws.auth().jwt() != null) {
                    jwt = true;
                } else if (aws.auth().secretRef() != null) {
                    for (String namespace : entry.getValue()) {
                        acceptStaticKeys(fake, store, namespace, keys);
                    }
                }
            }
            // A role every store assumes with the same externalID is only assumable with it, as a trust policy with
            // sts:ExternalId says, so a chain that drops the id fails here as it would against AWS.
            // Likewise a role assumed with one set of session tags (sessionTags, or those sessionTagsPolicy makes) is
            // only assumable with them, as a trust policy with aws:RequestTag conditions says.
            externalIds.forEach((role, ids) -> {
                String only = ids.size() == 1 ? ids.iterator().next() : "";
                RoleTrust trust =
                        only.isEmpty() ? RoleTrust.anyone() : RoleTrust.anyone().withExternalId(only);
                Set<List<Tag>> tags = roleTags.getOrDefault(role, Set.of());
                if (tags.size() == 1) {
                    for (Tag tag : tags.iterator().next()) {
                        trust = trust.requiringTag(tag.key(), tag.value());
                    }
                }
                fake.sts().allowAssumeRole(role, trust);
            });
            if (jwt) {
                String token = "eso4j-fixture-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
                tokenFile =
                        FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                                ? Files.createTempFile(
                                        "eso4j-fixture-token",
                                        "",
                                        PosixFilePermissions.asFileAttribute(
                                                PosixFilePermissions.fromString("rw-------")))
                                : Files.createTempFile("eso4j-fixture-token", "");
                Files.writeString(tokenFile, token, StandardCharsets.UTF_8);
                fake.sts().registerWebIdentityToken(token, WEB_IDENTITY_ROLE);
                auth.webIdentityTokenFile(tokenFile).webIdentityRoleArn(WEB_IDENTITY_ROLE);
            }
            builder.authOptions(auth.build()).endpointOverride(fake.endpoint());
            Path created = tokenFile;
            return () -> {
                try {
                    fake.close();
                } finally {
                    if (created != null) {
                        Files.deleteIfExists(created);
                    }
                }
            };
        } catch (IOException e) {
            stop(fake, tokenFile);
            throw new UncheckedIOException("cannot write the fixture's web identity token file", e);
        } catch (RuntimeException | Error e) {
            stop(fake, tokenFile);
            throw e;
        }
    }

    private static void stop(FakeAws fake, Path tokenFile) {
        fake.close();
        if (tokenFile != null) {
            try {
                Files.deleteIfExists(tokenFile);
            } catch (IOException | RuntimeException e) {
                // a temporary file left behind holds only the fake's random token
            }
        }
    }

    /**
     * Lets the fake accept the key pair {@code store}'s {@code auth.secretRef} resolves to for ExternalSecrets of
     * {@code namespace}, with the lookup rules of {@code StoreCredentials}; only the keys are read, no STS call is
     * made. A key that cannot be resolved is skipped: the facade reports it, naming the ExternalSecret and field.
     */
    private static void acceptStaticKeys(FakeAws fake, SecretStore store, String namespace, SecretKeyResolver keys) {
        AwsAuthSpec.SecretRefAuth ref = store.aws().auth().secretRef();
        Optional<String> accessKeyId = key(store, namespace, keys, ref.accessKeyId());
        Optional<String> secretKey = key(store, namespace, keys, ref.secretAccessKey());
        if (accessKeyId.isEmpty() || secretKey.isEmpty()) {
            return;
        }
        if (ref.sessionToken() == null) {
            fake.addCredentials(accessKeyId.get(), secretKey.get());
            return;
        }
        key(store, namespace, keys, ref.sessionToken())
                .ifPresent(token -> fake.addSessionCredentials(accessKeyId.get(), secretKey.get(), token, Instant.MAX));
    }

    private static Optional<String> key(
            SecretStore store, String namespace, SecretKeyResolver keys, SecretKeySelector selector) {
        if (selector == null) {
            return Optional.empty();
        }
        String lookupNamespace = store.kind() == StoreKind.CLUSTER_SECRET_STORE
                        && !selector.namespace().isEmpty()
                ? selector.namespace()
                : namespace;
        try {
            return keys.resolve(lookupNamespace, selector);
        } catch (RuntimeException e) {
            return Optional.empty(); // reported by the facade when it builds this store's credentials
        }
    }

    /** Each store some ExternalSecret reads from, with the namespaces of those ExternalSecrets. */
    private static Map<SecretStore, List<String>> storesInUse(Manifests manifests) {
        Map<SecretStore, List<String>> used = new LinkedHashMap<>();
        for (ExternalSecret externalSecret : manifests.externalSecrets()) {
            List<SecretStoreRef> refs = new ArrayList<>();
            if (externalSecret.secretStoreRef() != null) {
                refs.add(null);
            }
            externalSecret.data().stream()
                    .map(ExternalSecretData::storeRef)
                    .filter(ref -> ref != null)
                    .forEach(refs::add);
            externalSecret.dataFrom().stream()
                    .map(DataFrom::storeRef)
                    .filter(ref -> ref != null)
                    .forEach(refs::add);
            // A generator signs with its own region, role and auth, as a store with those aws settings would.
            externalSecret.dataFrom().stream()
                    .map(DataFrom::generatorRef)
                    .filter(ref -> ref != null)
                    .forEach(ref -> {
                        try {
                            Generator generator = manifests.generatorFor(externalSecret, ref);
                            SecretStore asStore = new SecretStore(
                                    StoreKind.SECRET_STORE,
                                    generator.name(),
                                    generator.namespace(),
                                    generator.awsProvider(),
                                    null);
                            List<String> namespaces = used.computeIfAbsent(asStore, s -> new ArrayList<>());
                            if (!namespaces.contains(externalSecret.namespace())) {
                                namespaces.add(externalSecret.namespace());
                            }
                        } catch (InvalidSpecException e) {
                            // reported by the facade
                        }
                    });
            for (SecretStoreRef ref : refs) {
                try {
                    List<String> namespaces =
                            used.computeIfAbsent(manifests.storeFor(externalSecret, ref), s -> new ArrayList<>());
                    if (!namespaces.contains(externalSecret.namespace())) {
                        namespaces.add(externalSecret.namespace());
                    }
                } catch (InvalidSpecException e) {
                    // A loaded Manifests resolves every reference; the facade would report it otherwise.
                }
            }
        }
        return used;
    }
}
