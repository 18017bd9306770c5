package io.eso4j.k8s;

import io.eso4j.integration.TargetSecretPlan.Desired;
import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.DeletionPolicy;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Target;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Test helpers around fabric8's mock API server: Secrets in and out as strings, and the requests it served. */
final class Cluster {

    static final String NS = "apps";

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    Cluster(KubernetesMockServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    static Desired desired(String es, Map<String, String> data, CreationPolicy creation, DeletionPolicy deletion) {
        return desired(es, "target", data, new Target("target", creation, deletion, false, null));
    }

    static Desired desired(String es, String targetName, Map<String, String> data, Target target) {
        Map<String, byte[]> bytes = new TreeMap<>();
        data.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return new Desired(ExternalSecretId.of(NS, es), targetName, bytes, "Opaque", Map.of(), Map.of(), target);
    }

    /** Puts a Secret straight into the mock (the request is drained so it does not count). */
    Secret put(Secret secret) {
        Secret created = client.secrets().inNamespace(NS).resource(secret).create();
        requests();
        return created;
    }

    static SecretBuilder secret(String name, Map<String, String> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withType("Opaque")
                .withData(encoded);
    }

    Secret get(String name) {
        Secret secret = client.secrets().inNamespace(NS).withName(name).get();
        requests();
        return secret;
    }

    /** The Secret's data decoded, or null when there is no such Secret. */
    Map<String, String> data(String name) {
        Secret secret = get(name);
        if (secret == null) {
            return null;
        }
        Map<String, String> data = new TreeMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> {
                if (v != null) { // the mock keeps merge-patch removals as nulls
                    data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
                }
            });
        }
        return data;
    }

    /** Every request served since the last call, oldest first. */
    List<RecordedRequest> requests() {
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

    /** Of {@code requests}, those that write Secrets (anything but GET on a secrets path). */
    static List<String> secretWrites(List<RecordedRequest> requests) {
        return requests.stream()
                .filter(r -> r.getPath().contains("/secrets"))
                .filter(r -> !"GET".equals(r.getMethod()))
                .map(r -> r.getMethod() + " " + r.getPath())
                .toList();
    }

    static List<String> describe(List<RecordedRequest> requests) {
        return requests.stream().map(r -> r.getMethod() + " " + r.getPath()).toList();
    }
}
