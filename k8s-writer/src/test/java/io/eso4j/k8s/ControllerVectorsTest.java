package io.eso4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eso4j.AwsClients;
import io.eso4j.ExternalSecrets;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * ESO's controller vectors (layer {@code controller}, and {@code e2e-13}) from {@code conformance/eso-vectors.json},
 * run end to end: the vector's remote secrets in the testkit's fake AWS, its ExternalSecret resolved and refreshed
 * by core, each result mirrored by {@link SecretMirror} into fabric8's CRUD mock. After the first sync and after
 * each phase (the remote secrets replaced, then one refresh) the Secret's data, its deletion and the {@code Ready}
 * condition's reason and message must be what the vector says ESO does.
 */
@EnableKubernetesMockClient(crud = true)
class ControllerVectorsTest {

    private static final Path VECTORS = Path.of("..", "conformance", "eso-vectors.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    KubernetesMockServer server;
    KubernetesClient client;

    @TestFactory
    Stream<DynamicTest> controllerVectorsHoldAgainstTheMirror() throws IOException {
        return controllerVectors().stream()
                .map(vector -> DynamicTest.dynamicTest(vector.get("id").asText(), () -> run(vector)));
    }

    @Test
    void everyControllerVectorIsSelected() throws IOException {
        assertThat(controllerVectors())
                .extracting(v -> v.get("id").asText())
                .contains(
                        "ctrl-01-deletion-policy-merge",
                        "ctrl-02-deletion-policy-delete-find",
                        "ctrl-03-deletion-policy-retain-find",
                        "ctrl-04-retain-empty-result",
                        "e2e-13-deletion-policy-delete");
    }

    private void run(JsonNode vector) {
        String id = vector.get("id").asText();
        Cluster cluster = new Cluster(server, client);
        SecretMirror mirror = SecretMirror.builder(client).namespace(Cluster.NS).build();
        JsonNode existing = vector.path("existingTarget");
        if (!existing.isMissingNode()) {
            Map<String, String> data = new TreeMap<>();
            existing.path("data")
                    .properties()
                    .forEach(f -> data.put(f.getKey(), f.getValue().asText()));
            cluster.put(Cluster.secret(existing.get("name").asText(), data).build());
        }
        Manifests manifests = Manifests.parse(id + ".yaml", manifests(vector));
        ExternalSecret externalSecret = manifests.externalSecrets().get(0);
        String target = externalSecret.targetName();
        try (FakeAws aws = FakeAws.start()) {
            SecretsManagerClient awsClient = aws.secretsManagerClient();
            aws.loadFixtureJson(vector.toString());
            try (ExternalSecrets secrets = ExternalSecrets.builder()
                    .manifests(manifests)
                    .awsClients(AwsClients.secretsManager(store -> awsClient))
                    .build()) {
                MirrorResult first = mirror.apply(externalSecret, secrets.get(Cluster.NS, id));
                check(id + " first sync", cluster, target, first, vector);

                for (JsonNode phase : vector.path("phases")) {
                    aws.secrets().clear();
                    aws.loadFixtureJson(JSON.createObjectNode()
                            .set("remote", phase.get("remote"))
                            .toString());
                    secrets.refreshNow().join();
                    MirrorResult result = mirror.apply(externalSecret, secrets.get(Cluster.NS, id));
                    check(id + ": " + phase.get("action").asText(), cluster, target, result, phase);
                }
            }
        }
    }

    /** Checks {@code expect} (data), {@code expectTargetSecret} and {@code expectCondition} of a vector or phase. */
    private static void check(String step, Cluster cluster, String target, MirrorResult result, JsonNode expected) {
        assertThat(result.ok()).as("%s: %s", step, result.message()).isTrue();
        Map<String, String> actual = cluster.data(target);
        if ("deleted".equals(expected.path("expectTargetSecret").asText())) {
            assertThat(actual).as("%s: the Secret is deleted", step).isNull();
            assertThat(result.reason()).as(step).isEqualTo("SecretDeleted");
        } else if (expected.has("expect")) {
            Map<String, String> data = new TreeMap<>();
            expected.get("expect")
                    .properties()
                    .forEach(f -> data.put(f.getKey(), f.getValue().asText()));
            // An empty expectation with no Secret: ESO created none (Retain with an empty result).
            assertThat(actual == null ? Map.of() : actual).as(step).isEqualTo(data);
        }
        JsonNode condition = expected.path("expectCondition");
        if (!condition.isMissingNode()) {
            assertThat(result.reason())
                    .as(step)
                    .isEqualTo(condition.get("reason").asText());
            assertThat(result.message())
                    .as(step)
                    .isEqualTo(condition.get("message").asText());
        }
    }

    /** A SecretStore and the vector's ExternalSecret, both in {@link Cluster#NS}; AWS access is the fake's client. */
    private static String manifests(JsonNode vector) {
        ObjectNode aws =
                JSON.createObjectNode().put("service", "SecretsManager").put("region", "us-east-1");
        vector.path("store").properties().forEach(f -> aws.set(f.getKey(), f.getValue()));
        ObjectNode store = document("SecretStore", "aws-store");
        store.putObject("spec").putObject("provider").set("aws", aws);

        ObjectNode externalSecret = document("ExternalSecret", vector.get("id").asText());
        ObjectNode spec = vector.get("spec").deepCopy();
        spec.putObject("secretStoreRef").put("name", "aws-store").put("kind", "SecretStore");
        externalSecret.set("spec", spec);
        return store + "\n---\n" + externalSecret;
    }

    private static ObjectNode document(String kind, String name) {
        ObjectNode document = JSON.createObjectNode()
                .put("apiVersion", "external-secrets.io/v1")
                .put("kind", kind);
        document.putObject("metadata").put("name", name).put("namespace", Cluster.NS);
        return document;
    }

    private static List<JsonNode> controllerVectors() throws IOException {
        List<JsonNode> selected = new ArrayList<>();
        for (JsonNode vector : JSON.readTree(VECTORS.toFile())) {
            String id = vector.get("id").asText();
            if ("controller".equals(vector.path("layer").asText()) || id.startsWith("e2e-13")) {
                selected.add(vector);
            }
        }
        return selected;
    }
}
