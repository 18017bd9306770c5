package io.eso4j.k8s;

import io.eso4j.ResolvedSecret;
import io.eso4j.SecretsException;
import io.eso4j.integration.GenericTarget;
import io.eso4j.k8s.MirrorResult.Outcome;
import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.DeletionPolicy;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.TargetManifest;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Writes generic targets ({@code spec.target.manifest}) as ESO's {@code reconcileGenericTarget}
 * ({@code pkg/controllers/externalsecret/externalsecret_controller.go}) does: read the object (except under
 * {@code None}); empty data with {@code Delete} deletes it (only under {@code Owner}), with {@code Retain} leaves it;
 * {@code None} writes nothing, {@code Merge} updates an existing object only, the others update or create. The
 * object is {@link GenericTarget}'s, rendered over the existing one under {@code Merge} / {@code CreateOrMerge}. No
 * write when the object already holds the same content and markers (the data-hash check of
 * {@code isGenericTargetValid}). Reasons are ESO's {@code Resource*} ones. Objects are assumed namespaced, with the
 * plural of their kind (fabric8's {@link Pluralize}); their API must exist in the cluster. Thread-safe.
 */
final class GenericTargetWriter {

    static final String SYNCED = "ResourceSynced";
    static final String SYNCED_ERROR = "ResourceSyncedError";
    static final String DELETED = "ResourceDeleted";
    static final String MISSING = "ResourceMissing";

    /** ESO's error when its controller runs without {@code --unsafe-allow-generic-targets}. */
    static final String DISABLED = "generic targets are disabled. Enable with --unsafe-allow-generic-targets flag";

    private final KubernetesClient client;
    private final OwnerReference owner;
    private final BooleanSupplier writeGate;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    GenericTargetWriter(KubernetesClient client, OwnerReference owner, BooleanSupplier writeGate) {
        this.client = client;
        this.owner = owner;
        this.writeGate = writeGate;
    }

    MirrorResult reconcile(ExternalSecret es, ResolvedSecret resolved, String namespace) {
        String name = resolved.targetName();
        CreationPolicy creation = es.target().creationPolicy();
        int[] writes = {0};
        try {
            Resource<GenericKubernetesResource> resource = resource(es.target().manifest(), namespace, name);
            GenericKubernetesResource existing = creation == CreationPolicy.NONE ? null : resource.get();
            if (resolved.data().isEmpty()) {
                if (es.target().deletionPolicy() == DeletionPolicy.DELETE) {
                    if (creation != CreationPolicy.OWNER) {
                        return failed(
                                es,
                                namespace,
                                name,
                                "could not delete resource",
                                0,
                                new SecretsException("unable to delete resource: creationPolicy=" + creation.specName()
                                        + " is not Owner"));
                    }
                    if (existing != null) {
                        gate(writes);
                        resource.delete();
                    }
                    return result(
                            es,
                            namespace,
                            name,
                            Outcome.DELETED,
                            DELETED,
                            "secret deleted due to DeletionPolicy=Delete",
                            writes[0]);
                }
                if (es.target().deletionPolicy() == DeletionPolicy.RETAIN) {
                    return result(
                            es,
                            namespace,
                            name,
                            Outcome.RETAINED,
                            SYNCED,
                            "secret retained due to DeletionPolicy=Retain",
                            0);
                }
            }
            boolean merging = creation == CreationPolicy.MERGE || creation == CreationPolicy.CREATE_OR_MERGE;
            Map<String, Object> base = merging && existing != null ? plain(existing) : null;
            GenericTarget.Rendered rendered = GenericTarget.render(es, resolved.data(), name, namespace, base);
            GenericKubernetesResource wanted =
                    serialization.convertValue(rendered.object(), GenericKubernetesResource.class);
            switch (creation) {
                case NONE:
                    return result(
                            es,
                            namespace,
                            name,
                            Outcome.SKIPPED,
                            SYNCED,
                            "resource creation skipped due to CreationPolicy=None",
                            0);
                case MERGE:
                    if (existing == null) {
                        return result(
                                es,
                                namespace,
                                name,
                                Outcome.SKIPPED,
                                MISSING,
                                "resource will not be created due to CreationPolicy=Merge",
                                0);
                    }
                    break;
                default:
                    break;
            }
            wanted.getMetadata().setOwnerReferences(references(existing, creation));
            if (existing == null) {
                gate(writes);
                ops(es.target().manifest(), namespace).resource(wanted).create();
                return result(es, namespace, name, Outcome.CREATED, SYNCED, "secret synced", writes[0]);
            }
            if (sameContent(existing, wanted)) {
                return result(es, namespace, name, Outcome.UNCHANGED, SYNCED, "secret synced", 0);
            }
            wanted.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            wanted.getMetadata().setUid(existing.getMetadata().getUid());
            gate(writes);
            ops(es.target().manifest(), namespace).resource(wanted).update();
            return result(es, namespace, name, Outcome.UPDATED, SYNCED, "secret synced", writes[0]);
        } catch (SecretsException e) {
            return failed(es, namespace, name, "could not apply template to manifest", writes[0], e);
        } catch (KubernetesClientException e) {
            return failed(
                    es,
                    namespace,
                    name,
                    "could not update secret",
                    writes[0],
                    new SecretsException("Kubernetes API " + verb(e) + " (HTTP " + e.getCode() + ")"));
        }
    }

    static MirrorResult disabled(ExternalSecret es, String namespace) {
        return new MirrorResult(
                namespace,
                es.name(),
                es.targetName(),
                Outcome.FAILED,
                SYNCED_ERROR,
                "invalid generic target",
                0,
                new SecretsException(DISABLED));
    }

    private Resource<GenericKubernetesResource> resource(TargetManifest manifest, String namespace, String name) {
        return ops(manifest, namespace).withName(name);
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            ops(TargetManifest manifest, String namespace) {
        String apiVersion = manifest.apiVersion();
        int slash = apiVersion.indexOf('/');
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(slash < 0 ? apiVersion : apiVersion.substring(slash + 1))
                .withKind(manifest.kind())
                .withPlural(Pluralize.toPlural(manifest.kind().toLowerCase(Locale.ROOT)))
                .withNamespaced(true)
                .build();
        return client.genericKubernetesResources(context).inNamespace(namespace);
    }

    private List<OwnerReference> references(GenericKubernetesResource existing, CreationPolicy creation) {
        List<OwnerReference> references = new ArrayList<>();
        if (existing != null && existing.getMetadata().getOwnerReferences() != null) {
            references.addAll(existing.getMetadata().getOwnerReferences());
        }
        if (owner != null) {
            if (creation == CreationPolicy.OWNER) {
                if (references.stream().noneMatch(r -> Boolean.TRUE.equals(r.getController()))) {
                    references.add(owner);
                }
            } else {
                references.removeIf(r -> Objects.equals(r.getUid(), owner.getUid()));
            }
        }
        return references;
    }

    /** Same content, markers and owners: what isGenericTargetValid checks, plus labels and annotations. */
    private boolean sameContent(GenericKubernetesResource existing, GenericKubernetesResource wanted) {
        Map<String, Object> now = plain(existing);
        Map<String, Object> want = plain(wanted);
        return Objects.equals(now.get("spec"), want.get("spec"))
                && Objects.equals(now.get("data"), want.get("data"))
                && Objects.equals(
                        existing.getMetadata().getLabels(), wanted.getMetadata().getLabels())
                && Objects.equals(
                        existing.getMetadata().getAnnotations(),
                        wanted.getMetadata().getAnnotations())
                && Objects.equals(
                        Objects.requireNonNullElse(existing.getMetadata().getOwnerReferences(), List.of()),
                        wanted.getMetadata().getOwnerReferences());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> plain(GenericKubernetesResource resource) {
        return serialization.convertValue(resource, Map.class);
    }

    private void gate(int[] writes) {
        if (!writeGate.getAsBoolean()) {
            throw new SecretsException("not the leader: write skipped");
        }
        writes[0]++;
    }

    private static String verb(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getReason() != null
                ? e.getStatus().getReason()
                : "call failed";
    }

    private static MirrorResult result(
            ExternalSecret es,
            String namespace,
            String name,
            Outcome outcome,
            String reason,
            String message,
            int writes) {
        return new MirrorResult(namespace, es.name(), name, outcome, reason, message, writes, null);
    }

    private static MirrorResult failed(
            ExternalSecret es, String namespace, String name, String message, int writes, SecretsException error) {
        return new MirrorResult(namespace, es.name(), name, Outcome.FAILED, SYNCED_ERROR, message, writes, error);
    }
}
