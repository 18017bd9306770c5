package io.eso4j.examples.k8smirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eso4j.ExternalSecrets;
import io.eso4j.k8s.ClusterSecretKeyResolver;
import io.eso4j.k8s.LeaderElectedMirror;
import io.eso4j.k8s.MirrorResult;
import io.eso4j.k8s.SecretMirror;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.FakeAwsExtension;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ESO's tutorial ExternalSecret, resolved by core against the fake AWS and mirrored by k8s-writer into fabric8's CRUD
 * mock API server, the way README.md in this folder describes it.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesMirrorExampleTest {

    private static final String NAMESPACE = "my-namespace";
    private static final Path EXAMPLES = Path.of("..").toAbsolutePath().normalize();
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Path RBAC = Path.of("rbac.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @RegisterExtension
    static final FakeAwsExtension AWS =
            new FakeAwsExtension(FakeAws.builder().fixture(EXAMPLES.resolve("fixtures/db-credentials.json")));

    KubernetesMockServer server;
    KubernetesClient client;

    private final List<KubernetesClient> clients = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void theStoreKeysAreASecretInTheCluster() {
        // The SecretStore's auth.secretRef Secret, as `kubectl create secret` would make it (here the fake's keys).
        client.secrets()
                .inNamespace(NAMESPACE)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("aws-secret-user-secret")
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .withStringData(Map.of(
                                "access-key", AWS.fake().accessKeyId(),
                                "secret-access-key", AWS.fake().secretAccessKey()))
                        .build())
                .create();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        clients.forEach(KubernetesClient::close);
    }

    /** A pod's own client: the mock's, in the pod's namespace. */
    private NamespacedKubernetesClient podClient() {
        NamespacedKubernetesClient own = server.createClient();
        clients.add(own);
        return own.inNamespace(NAMESPACE);
    }

    private ExternalSecrets resolve(KubernetesClient pod) {
        ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(manifests())
                .secretKeyResolver(new ClusterSecretKeyResolver(pod))
                .endpointOverride(AWS.fake().endpoint())
                .build();
        closeables.add(secrets);
        return secrets;
    }

    private static Manifests manifests() {
        return Manifests.load(
                EXAMPLES.resolve("manifests/secret-store.yaml"), EXAMPLES.resolve("manifests/external-secret.yaml"));
    }

    @Test
    void mirrorsTheTutorialSecretWithEsosMarkersAndDoesNotRewriteIt() {
        KubernetesClient pod = podClient();
        ExternalSecrets secrets = resolve(pod);
        SecretMirror mirror = SecretMirror.builder(pod).namespace(NAMESPACE).build();

        List<MirrorResult> first = mirror.applyAll(manifests().externalSecrets(), secrets);
        List<MirrorResult> second = mirror.applyAll(manifests().externalSecrets(), secrets);

        assertThat(first).extracting(MirrorResult::outcome).containsExactly(MirrorResult.Outcome.CREATED);
        assertThat(second).extracting(MirrorResult::outcome).containsExactly(MirrorResult.Outcome.UNCHANGED);
        assertThat(second).extracting(MirrorResult::writes).containsExactly(0);
        Secret written = client.secrets()
                .inNamespace(NAMESPACE)
                .withName("my-kubeops-db-secret")
                .get();
        assertThat(decoded(written))
                .isEqualTo(Map.of(
                        "db-host", "db.example.internal",
                        "db-pass", "s3cr3t-Passw0rd",
                        "db-port", "5432",
                        "db-user", "ops_admin"));
        assertThat(written.getMetadata().getLabels()).containsEntry("reconcile.external-secrets.io/managed", "true");
        // The same hash the CLI prints for this data in the root README's quick start.
        assertThat(written.getMetadata().getAnnotations())
                .containsEntry(
                        "reconcile.external-secrets.io/data-hash",
                        "dae42c9fb5f52046077294e49db4ba9a69360a72705a09a0b8bcfd59");
    }

    @Test
    void twoReplicasWriteOnceAndTheSecondTakesOverARotationWhenTheLeaderStops() {
        List<MirrorResult> results = new CopyOnWriteArrayList<>();
        List<ExternalSecrets> resolved = new ArrayList<>();
        List<LeaderElectedMirror> replicas = new ArrayList<>();
        for (String pod : List.of("my-app-0", "my-app-1")) {
            KubernetesClient own = podClient();
            resolved.add(resolve(own));
            LeaderElectedMirror replica = LeaderElectedMirror.builder(
                            own, SecretMirror.builder(own).namespace(NAMESPACE).build())
                    .lease(NAMESPACE, "eso4j-secret-mirror")
                    .identity(pod)
                    .timings(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(250))
                    .onResult(results::add)
                    .build()
                    .start();
            closeables.add(replica);
            replicas.add(replica);
        }
        for (int i = 0; i < replicas.size(); i++) {
            replicas.get(i).publishAll(manifests().externalSecrets(), resolved.get(i));
        }

        await().atMost(BOUND)
                .until(() ->
                        replicas.stream().filter(LeaderElectedMirror::isLeader).count() == 1 && results.size() == 1);
        int leader = replicas.get(0).isLeader() ? 0 : 1;
        int follower = 1 - leader;
        assertThat(results).extracting(MirrorResult::outcome).containsExactly(MirrorResult.Outcome.CREATED);

        replicas.get(leader).close();
        await().atMost(BOUND).until(() -> replicas.get(follower).isLeader());
        AWS.fake()
                .secrets()
                .rotate(
                        "DB-CREDENTIALS",
                        "{\"db-user\":\"ops_admin\",\"db-pass\":\"r0tated\",\"db-host\":\"db.example.internal\","
                                + "\"db-port\":\"5432\"}");
        resolved.get(follower).refreshNow().join();
        replicas.get(follower).publishAll(manifests().externalSecrets(), resolved.get(follower));

        await().atMost(BOUND).until(() -> results.stream().anyMatch(r -> r.outcome() == MirrorResult.Outcome.UPDATED));
        assertThat(decoded(client.secrets()
                                .inNamespace(NAMESPACE)
                                .withName("my-kubeops-db-secret")
                                .get())
                        .get("db-pass"))
                .isEqualTo("r0tated");
        assertThat(results.stream().mapToInt(MirrorResult::writes).sum())
                .as("one create by the first leader, one update by the second")
                .isEqualTo(2);
    }

    @Test
    void theRbacManifestIsTheK8sWriterReadmesPlusPatchOnLeases() throws IOException {
        String readme = Files.readString(EXAMPLES.resolve("../k8s-writer/README.md"), StandardCharsets.UTF_8);
        Matcher block =
                Pattern.compile("## RBAC\\s+```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find())
                .as("a yaml block under ## RBAC in k8s-writer/README.md")
                .isTrue();

        List<JsonNode> documented = YAML.readValues(YAML.createParser(block.group(1)), JsonNode.class)
                .readAll();
        List<JsonNode> shipped = YAML.readValues(YAML.createParser(RBAC.toFile()), JsonNode.class)
                .readAll();

        assertThat(shipped).extracting(d -> d.path("kind").asText()).containsExactly("Role", "RoleBinding");
        assertThat(shipped.get(0).path("metadata")).isEqualTo(documented.get(0).path("metadata"));
        assertThat(shipped.get(1)).isEqualTo(documented.get(1));
        // fabric8's leader election renews and releases its Lease with PATCH (see the next test), which the
        // README's Role leaves out; without it a real API server refuses every renewal.
        Set<String> expected = new TreeSet<>(grants(documented));
        expected.add("patch leases");
        assertThat(grants(shipped)).isEqualTo(expected);
    }

    @Test
    void theRbacManifestLoadsAndGrantsEveryRequestTheMirrorAndTheElectionMake() throws IOException {
        List<HasMetadata> rbac;
        try (InputStream in = Files.newInputStream(RBAC)) {
            rbac = client.load(in).items();
        }
        assertThat(rbac).extracting(HasMetadata::getKind).containsExactly("Role", "RoleBinding");
        Set<String> granted = grants(YAML.readValues(YAML.createParser(RBAC.toFile()), JsonNode.class)
                .readAll());
        drain();

        KubernetesClient own = podClient();
        ExternalSecrets secrets = resolve(own);
        SecretMirror mirror = SecretMirror.builder(own).namespace(NAMESPACE).build();
        mirror.applyAll(manifests().externalSecrets(), secrets);
        LeaderElectedMirror replica = LeaderElectedMirror.builder(own, mirror)
                .lease(NAMESPACE, "eso4j-secret-mirror")
                .identity("my-app-0")
                .timings(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(250))
                .build()
                .start();
        closeables.add(replica);
        await().atMost(BOUND).until(replica::isLeader);
        replica.close();

        Set<String> used = new TreeSet<>();
        for (RecordedRequest request : drain()) {
            used.add(verbOn(request));
        }
        assertThat(used).contains("get secrets", "create secrets", "create leases", "patch leases");
        assertThat(granted).containsAll(used);
    }

    /** {@code "<verb> <resource>"} for every verb and resource the Roles among {@code documents} grant. */
    private static Set<String> grants(List<JsonNode> documents) {
        Set<String> grants = new TreeSet<>();
        for (JsonNode document : documents) {
            if (document.path("kind").asText().equals("Role")) {
                for (JsonNode rule : document.path("rules")) {
                    for (JsonNode resource : rule.path("resources")) {
                        for (JsonNode verb : rule.path("verbs")) {
                            grants.add(verb.asText() + " " + resource.asText());
                        }
                    }
                }
            }
        }
        return grants;
    }

    private static final Pattern RESOURCE_PATH =
            Pattern.compile("^/(?:api/v1|apis/[^/]+/[^/]+)/namespaces/[^/]+/([a-z]+)(/[^/?]+)?(?:\\?(.*))?$");

    /** The RBAC verb and resource of an API request, as the API server authorizes it. */
    private static String verbOn(RecordedRequest request) {
        Matcher path = RESOURCE_PATH.matcher(request.getPath());
        assertThat(path.matches()).as(request.getPath()).isTrue();
        boolean named = path.group(2) != null;
        String query = path.group(3) == null ? "" : path.group(3);
        String verb = switch (request.getMethod()) {
            case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> request.getMethod();
        };
        return verb + " " + path.group(1);
    }

    private List<RecordedRequest> drain() {
        List<RecordedRequest> requests = new ArrayList<>();
        try {
            RecordedRequest request;
            while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
                requests.add(request);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return requests;
    }

    private static Map<String, String> decoded(Secret secret) {
        Map<String, String> data = new TreeMap<>();
        secret.getData()
                .forEach((key, value) ->
                        data.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        return data;
    }
}
