package io.eso4j.cli;

import io.eso4j.ExternalSecrets;
import io.eso4j.InvalidSpecException;
import io.eso4j.SecretsException;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.auth.StoreCredentials;
import io.eso4j.spec.DataFrom;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretData;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStore;
import io.eso4j.spec.SecretStoreRef;
import io.eso4j.testkit.FakeAws;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * {@code render --fixture}: the testkit's fake AWS, started in-process on a random loopback port and seeded from a
 * fixture file, with the facade pointed at it. The fake keeps checking signatures: it is told to accept the static
 * keys every {@code auth.secretRef} store resolves to, and when no store uses {@code auth.secretRef} the facade signs
 * with the fake's default keys. The fake signs for the region of the first store in use.
 *
 * <p>Only this class touches the testkit, so a plain {@code render} never loads it.
 */
final class FixtureAws {

    private FixtureAws() {}

    /**
     * Starts the fake and configures {@code builder} to use it; the caller closes the result after resolving.
     *
     * @param vector the id of one vector when {@code fixture} holds an array of them, else {@code null}
     */
    static AutoCloseable start(
            Path fixture, String vector, Manifests manifests, SecretKeyResolver keys, ExternalSecrets.Builder builder) {
        Map<SecretStore, List<String>> used = storesInUse(manifests);
        String region = used.keySet().stream()
                .map(store -> store.aws().region())
                .filter(r -> !r.isEmpty())
                .findFirst()
                .orElse("us-east-1");
        FakeAws.Builder fakeBuilder = FakeAws.builder().port(0).region(region);
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
        boolean staticKeys = false;
        for (Map.Entry<SecretStore, List<String>> entry : used.entrySet()) {
            SecretStore store = entry.getKey();
            if (store.aws().auth().secretRef() == null) {
                continue;
            }
            staticKeys = true;
            for (String namespace : entry.getValue()) {
                try {
                    AwsCredentials credentials =
                            StoreCredentials.forStore(store, namespace, keys).resolveCredentials();
                    fake.addCredentials(credentials.accessKeyId(), credentials.secretAccessKey());
                } catch (SecretsException e) {
                    // The facade reports it, naming the ExternalSecret, when it builds this store's client.
                }
            }
        }
        if (!staticKeys) {
            builder.credentialsProvider(fake.credentialsProvider());
        }
        builder.endpointOverride(fake.endpoint());
        return fake;
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
