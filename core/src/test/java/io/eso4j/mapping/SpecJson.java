package io.eso4j.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.eso4j.spec.ConversionStrategy;
import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.DataFrom;
import io.eso4j.spec.DecodingStrategy;
import io.eso4j.spec.DeletionPolicy;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretData;
import io.eso4j.spec.Find;
import io.eso4j.spec.MetadataPolicy;
import io.eso4j.spec.NullBytePolicy;
import io.eso4j.spec.RemoteRef;
import io.eso4j.spec.Rewrite;
import io.eso4j.spec.SecretStoreRef;
import io.eso4j.spec.SpecEnum;
import io.eso4j.spec.StoreKind;
import io.eso4j.spec.Target;
import io.eso4j.spec.Template;
import io.eso4j.spec.TemplateFrom;
import io.eso4j.spec.TemplateMergePolicy;
import io.eso4j.spec.TemplateScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only converter from a vector's {@code spec} (ESO's YAML field names, as JSON) to the spec records. Only the
 * fields the vectors use; an unknown enum value throws {@link IllegalArgumentException} (as the real loader would
 * reject it).
 */
final class SpecJson {

    private SpecJson() {}

    static ExternalSecret externalSecret(JsonNode spec) {
        List<ExternalSecretData> data = new ArrayList<>();
        for (JsonNode d : spec.path("data")) {
            data.add(new ExternalSecretData(
                    d.path("secretKey").asText(), remoteRef(d.path("remoteRef")), storeRef(d.path("sourceRef"))));
        }
        List<DataFrom> dataFrom = new ArrayList<>();
        for (JsonNode d : spec.path("dataFrom")) {
            List<Rewrite> rewrites = new ArrayList<>();
            for (JsonNode r : d.path("rewrite")) {
                rewrites.add(rewrite(r));
            }
            dataFrom.add(new DataFrom(
                    d.has("extract") ? remoteRef(d.get("extract")) : null,
                    d.has("find") ? find(d.get("find")) : null,
                    rewrites,
                    storeRef(d.path("sourceRef"))));
        }
        return new ExternalSecret(
                "es",
                "e2e-ns",
                Map.of(),
                Map.of(),
                null,
                null,
                SecretStoreRef.of("store"),
                target(spec.path("target")),
                data,
                dataFrom);
    }

    private static RemoteRef remoteRef(JsonNode r) {
        return new RemoteRef(
                r.path("key").asText(),
                r.path("property").asText(),
                r.path("version").asText(),
                e(MetadataPolicy.class, r.get("metadataPolicy")),
                e(DecodingStrategy.class, r.get("decodingStrategy")),
                e(ConversionStrategy.class, r.get("conversionStrategy")),
                e(NullBytePolicy.class, r.get("nullBytePolicy")));
    }

    private static Find find(JsonNode f) {
        return new Find(
                f.path("path").asText(),
                f.path("name").path("regexp").asText(),
                strings(f.path("tags")),
                e(ConversionStrategy.class, f.get("conversionStrategy")),
                e(DecodingStrategy.class, f.get("decodingStrategy")),
                e(NullBytePolicy.class, f.get("nullBytePolicy")));
    }

    private static Rewrite rewrite(JsonNode r) {
        if (r.has("regexp")) {
            return new Rewrite.Regexp(
                    r.get("regexp").path("source").asText(),
                    r.get("regexp").path("target").asText());
        }
        if (r.has("transform")) {
            return new Rewrite.Transform(r.get("transform").path("template").asText());
        }
        JsonNode m = r.get("merge");
        List<String> priority = new ArrayList<>();
        m.path("priority").forEach(p -> priority.add(p.asText()));
        return new Rewrite.Merge(
                m.path("into").asText(),
                priority,
                e(Rewrite.Merge.PriorityPolicy.class, m.get("priorityPolicy")),
                e(Rewrite.Merge.ConflictPolicy.class, m.get("conflictPolicy")),
                e(Rewrite.Merge.Strategy.class, m.get("strategy")));
    }

    private static Target target(JsonNode t) {
        Template template = null;
        JsonNode tpl = t.get("template");
        if (tpl != null) {
            List<TemplateFrom> from = new ArrayList<>();
            for (JsonNode f : tpl.path("templateFrom")) {
                from.add(new TemplateFrom(f.path("literal").asText(), e(TemplateScope.class, f.get("target"))));
            }
            template = new Template(
                    tpl.path("type").asText(),
                    tpl.path("engineVersion").asText(),
                    e(TemplateMergePolicy.class, tpl.get("mergePolicy")),
                    strings(tpl.path("metadata").path("labels")),
                    strings(tpl.path("metadata").path("annotations")),
                    strings(tpl.path("data")),
                    from);
        }
        return new Target(
                t.path("name").asText(),
                e(CreationPolicy.class, t.get("creationPolicy")),
                e(DeletionPolicy.class, t.get("deletionPolicy")),
                t.path("immutable").asBoolean(),
                template);
    }

    private static SecretStoreRef storeRef(JsonNode sourceRef) {
        JsonNode s = sourceRef.get("storeRef");
        return s == null ? null : new SecretStoreRef(s.path("name").asText(), e(StoreKind.class, s.get("kind")));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }

    private static <E extends Enum<E> & SpecEnum> E e(Class<E> type, JsonNode value) {
        return value == null || value.isNull() ? null : SpecEnum.parse(type, value.asText());
    }
}
