package io.eso4j.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.spec.Find;
import io.eso4j.spec.SecretStoreRef;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link RemoteSecrets} over a vector's {@code remote} list (the fixture format): versions by stage or id, the
 * store prefix, AWS-like find filters (name prefix, tag key and tag value each a prefix match, independently),
 * and an injected failure per operation.
 */
final class InMemoryRemoteSecrets implements RemoteSecrets {

    private record Version(
            String name, RemoteValue value, String versionId, List<String> stages, Map<String, String> tags) {}

    private final List<Version> versions = new ArrayList<>();
    private final String prefix;
    private final boolean mocked;
    private final String injectOp;
    private final String injectError;

    InMemoryRemoteSecrets(JsonNode remote, String prefix, boolean mocked, JsonNode inject) {
        this.prefix = prefix;
        this.mocked = mocked;
        this.injectOp = inject == null ? "" : inject.path("op").asText();
        this.injectError = inject == null ? "" : inject.path("error").asText();
        for (JsonNode entry : remote) {
            RemoteValue value;
            if (entry.has("secretString")) {
                value = RemoteValue.ofString(entry.get("secretString").asText());
            } else if (entry.has("secretBinaryBase64")) {
                value = RemoteValue.ofBinary(Base64.getDecoder()
                        .decode(entry.get("secretBinaryBase64").asText()));
            } else {
                value = new RemoteValue(null, null);
            }
            List<String> stages = new ArrayList<>();
            entry.path("versionStages").forEach(s -> stages.add(s.asText()));
            Map<String, String> tags = new LinkedHashMap<>();
            entry.path("tags")
                    .properties()
                    .forEach(t -> tags.put(t.getKey(), t.getValue().asText()));
            versions.add(new Version(
                    entry.get("name").asText(), value, entry.path("versionId").asText(""), stages, tags));
        }
    }

    static InMemoryRemoteSecrets of(Map<String, String> secretStrings) {
        InMemoryRemoteSecrets remote = new InMemoryRemoteSecrets(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode(), "", false, null);
        secretStrings.forEach((name, value) -> remote.versions.add(
                new Version(name, RemoteValue.ofString(value), "", List.of("AWSCURRENT"), Map.of())));
        return remote;
    }

    InMemoryRemoteSecrets with(String name, RemoteValue value, Map<String, String> tags) {
        versions.add(new Version(name, value, "", List.of("AWSCURRENT"), tags));
        return this;
    }

    @Override
    public RemoteValue value(SecretStoreRef store, String key, String version) {
        fail("GetSecretValue");
        String id = prefix + key;
        for (Version v : versions) {
            if (!v.name().equals(id)) {
                continue;
            }
            boolean matches = version.startsWith("uuid/")
                    ? v.versionId().equals(version.substring(5))
                    : v.stages().contains(version.isEmpty() ? "AWSCURRENT" : version);
            if (matches) {
                return v.value();
            }
        }
        throw new SecretNotFoundException(id, "Secret does not exist", null);
    }

    @Override
    public Map<String, String> tags(SecretStoreRef store, String key) {
        fail("DescribeSecret");
        String id = prefix + key;
        for (Version v : versions) {
            if (v.name().equals(id)) {
                return v.tags();
            }
        }
        throw new SecretNotFoundException(id, "Secret does not exist", null);
    }

    @Override
    public Map<String, RemoteValue> find(SecretStoreRef store, Find find) {
        fail("BatchGetSecretValue");
        fail("ListSecrets");
        // as a provider, the name filter is applied while listing (ESO's mocked clients list everything, then
        // the provider's findByName matches names)
        FindMatcher matcher = find.nameRegexp().isEmpty() ? null : FindMatcher.compile(find.nameRegexp());
        Map<String, RemoteValue> out = new LinkedHashMap<>();
        for (Version v : versions) {
            if (!mocked && !(v.stages().contains("AWSCURRENT") && selected(v, find))) {
                continue;
            }
            if (matcher != null && !matcher.matches(v.name())) {
                continue;
            }
            out.put(v.name(), v.value());
        }
        return out;
    }

    private static boolean selected(Version v, Find find) {
        if (!v.name().startsWith(find.path())) {
            return false;
        }
        for (Map.Entry<String, String> tag : find.tags().entrySet()) {
            boolean key = v.tags().keySet().stream().anyMatch(k -> k.startsWith(tag.getKey()));
            boolean value = v.tags().values().stream().anyMatch(x -> x.startsWith(tag.getValue()));
            if (!key || !value) {
                return false;
            }
        }
        return true;
    }

    private void fail(String op) {
        if (op.equals(injectOp)) {
            throw new SecretsException(injectError);
        }
    }
}
