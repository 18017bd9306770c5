package io.eso4j.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eso4j.RedactedException;
import io.eso4j.SecretMappingException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.mapping.template.GoBytes;
import io.eso4j.mapping.template.GoStrings;
import io.eso4j.mapping.template.GoTemplate;
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
import io.eso4j.spec.Template;
import io.eso4j.spec.TemplateAs;
import io.eso4j.spec.TemplateFrom;
import io.eso4j.spec.TemplateMergePolicy;
import io.eso4j.spec.TemplateRef;
import io.eso4j.spec.TemplateScope;
import io.eso4j.spec.TemplateSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps one {@link ExternalSecret} to the Secret it produces, from remote data, by ESO's rules and in ESO's order:
 * {@code dataFrom} entries first, in order, shallow-merged (a later entry wins a key); then {@code data} entries,
 * in order, overriding; then {@code target.template}.
 *
 * <ul>
 *   <li>{@code data[i]}: value (or tags with {@code metadataPolicy: Fetch}) → {@code property} → decoding →
 *       null-byte check, stored under {@code secretKey}.
 *   <li>{@code dataFrom[i].extract}: value → {@code property} → top-level JSON members; {@code find}: every
 *       matching secret's whole payload by name. Both then: rewrites, or (only without rewrites) key conversion →
 *       key validation → decoding → null-byte check.
 *   <li>A missing secret ({@link SecretNotFoundException}) fails the mapping under {@code deletionPolicy: Retain}
 *       and skips the entry otherwise.
 * </ul>
 *
 * <p>Errors are ESO's messages ({@code error processing spec.data[0] (key: db), err: ...}), carried by a
 * {@link SecretMappingException}, or by the exception type the {@link RemoteSecrets} threw. No I/O happens here
 * beyond the calls to {@link RemoteSecrets}. Binary values stay bytes throughout.
 *
 * <p>Stateless and thread-safe if the {@link TemplateRenderer} is.
 */
public final class SecretMapper {

    /**
     * The YAML factory of {@code KeysAndValues} templates, built on first use (class-holder idiom): an application
     * without such a template never loads Jackson's YAML module.
     */
    private static final class Yaml {
        static final YAMLFactory FACTORY = new YAMLFactory();

        private Yaml() {}
    }

    private final TemplateRenderer renderer;

    /** A mapper that renders templates with eso4j's Go template engine, {@link TemplateRenderer#goTemplates()}. */
    public SecretMapper() {
        this(TemplateRenderer.goTemplates());
    }

    /** A mapper that renders {@code target.template} and {@code transform} rewrites with {@code renderer}. */
    public SecretMapper(TemplateRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /**
     * Maps {@code externalSecret} with the data {@code remote} provides.
     *
     * @throws SecretsException a {@link SecretMappingException} for ESO's mapping errors, or what {@code remote}
     *     threw (prefixed with ESO's context); never containing a secret value
     */
    public MappedSecret map(ExternalSecret externalSecret, RemoteSecrets remote) {
        return map(externalSecret, remote, TemplateSources.none());
    }

    /**
     * Maps {@code externalSecret} with the data {@code remote} provides, reading {@code templateFrom[].configMap} and
     * {@code .secret} sources from {@code sources}.
     *
     * @throws SecretsException a {@link SecretMappingException} for ESO's mapping errors (a missing source: {@code
     *     error fetching templateFrom data: configmaps "name" not found}), or what {@code remote} threw (prefixed with
     *     ESO's context); never containing a secret value
     */
    public MappedSecret map(ExternalSecret externalSecret, RemoteSecrets remote, TemplateSources sources) {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(sources, "sources");
        DeletionPolicy deletionPolicy = externalSecret.target().deletionPolicy();
        Map<String, byte[]> providerData = new LinkedHashMap<>();
        List<DataFrom> dataFrom = externalSecret.dataFrom();
        for (int i = 0; i < dataFrom.size(); i++) {
            DataFrom entry = dataFrom.get(i);
            SecretStoreRef store = entry.storeRef() != null ? entry.storeRef() : externalSecret.secretStoreRef();
            try {
                if (entry.generatorRef() != null) {
                    providerData.putAll(generate(entry, remote, i));
                } else if (entry.find() != null) {
                    providerData.putAll(find(entry, store, remote, i));
                } else if (entry.extract() != null) {
                    providerData.putAll(extract(entry, store, remote, i));
                }
            } catch (SecretNotFoundException e) {
                if (deletionPolicy == DeletionPolicy.RETAIN) {
                    throw e;
                }
            } catch (SecretsException e) {
                throw e;
            } catch (Throwable e) {
                throw unexpected("spec.dataFrom[" + i + "]", e);
            }
        }
        List<ExternalSecretData> data = externalSecret.data();
        for (int i = 0; i < data.size(); i++) {
            ExternalSecretData entry = data.get(i);
            SecretStoreRef store = entry.storeRef() != null ? entry.storeRef() : externalSecret.secretStoreRef();
            RemoteRef ref = entry.remoteRef();
            String context = "error processing spec.data[" + i + "] (key: " + ref.key() + "), err: ";
            try {
                byte[] value = getSecret(remote, store, ref);
                value = Decoding.decode(ref.decodingStrategy(), value);
                checkNullBytes(ref.nullBytePolicy(), entry.secretKey(), value);
                providerData.put(entry.secretKey(), value);
            } catch (SecretNotFoundException e) {
                if (deletionPolicy == DeletionPolicy.RETAIN) {
                    throw prefixed(context, e);
                }
            } catch (SecretsException e) {
                throw prefixed(context, e);
            } catch (Throwable e) {
                throw unexpected("spec.data[" + i + "]", e);
            }
        }
        try {
            return applyTemplate(externalSecret, providerData, sources);
        } catch (SecretsException e) {
            throw e;
        } catch (Throwable e) {
            throw unexpected("spec.target.template", e);
        }
    }

    /**
     * Contains a throwable that is not one of eso4j's (a {@link StackOverflowError} from a pathological rewrite, an
     * {@link OutOfMemoryError} from a template, a bug): the field it came from and its class, never its message
     * (which may quote a value); the redacted original, with its stack trace, is the cause.
     */
    private static SecretMappingException unexpected(String field, Throwable e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new SecretMappingException(
                "error processing " + field + ", err: unexpected "
                        + e.getClass().getSimpleName() + " (message withheld)",
                RedactedException.of(e, null));
    }

    // ---------------------------------------------------------------- dataFrom

    /**
     * A generator's output, rewritten like any other dataFrom entry (ESO
     * pkg/controllers/externalsecret/externalsecret_controller_secret.go handleGenerateSecrets).
     */
    private Map<String, byte[]> generate(DataFrom entry, RemoteSecrets remote, int index) {
        try {
            Map<String, byte[]> generated = remote.generate(entry.generatorRef());
            Map<String, byte[]> map = new LinkedHashMap<>(Rewrites.apply(entry.rewrite(), generated, renderer));
            Keys.validate(map);
            return map;
        } catch (SecretsException e) {
            throw prefixed("error processing spec.dataFrom[" + index + "].sourceRef.generatorRef, err: ", e);
        }
    }

    private Map<String, byte[]> extract(DataFrom entry, SecretStoreRef store, RemoteSecrets remote, int index) {
        RemoteRef ref = entry.extract();
        String context = "error processing spec.dataFrom[" + index + "].extract, err: ";
        try {
            // ESO's handleExtractSecrets calls the provider's GetSecretMap, which some providers do not implement
            remote.requireSecretMap(store);
            byte[] payload = getSecret(remote, store, ref);
            Map<String, byte[]> members = Extract.members(payload, ref.key());
            return postProcess(entry, members, ref.conversionStrategy(), ref.decodingStrategy(), ref.nullBytePolicy());
        } catch (SecretsException e) {
            throw prefixed(context, e);
        }
    }

    private Map<String, byte[]> find(DataFrom entry, SecretStoreRef store, RemoteSecrets remote, int index) {
        Find find = entry.find();
        String context = "error processing spec.dataFrom[" + index + "].find, err: ";
        Map<String, byte[]> found;
        try {
            found = getAllSecrets(find, store, remote);
        } catch (SecretsException e) {
            throw prefixed(context + "error getting all secrets: ", e);
        }
        try {
            return postProcess(entry, found, find.conversionStrategy(), find.decodingStrategy(), find.nullBytePolicy());
        } catch (SecretsException e) {
            throw prefixed(context, e);
        }
    }

    private static Map<String, byte[]> getAllSecrets(Find find, SecretStoreRef store, RemoteSecrets remote) {
        if (find.nameRegexp().isEmpty() && find.tags().isEmpty()) {
            throw new SecretMappingException("unexpected find operator");
        }
        // name.regexp is compiled once and applied once, by the provider's listing (RemoteSecrets.find's contract),
        // as ESO's providers do (providers/v1/aws/secretsmanager/secretsmanager.go, findByName)
        Map<String, byte[]> found = new LinkedHashMap<>();
        remote.find(store, find).forEach((name, value) -> {
            // As ESO's batch path: binary wins; a secret with neither value is left out.
            if (value.binaryUnsafe() != null) {
                found.put(name, value.binaryUnsafe().clone());
            } else if (value.string() != null) {
                found.put(name, value.string().getBytes(StandardCharsets.UTF_8));
            }
        });
        return found;
    }

    private Map<String, byte[]> postProcess(
            DataFrom entry,
            Map<String, byte[]> in,
            io.eso4j.spec.ConversionStrategy conversion,
            DecodingStrategy decoding,
            NullBytePolicy nullBytes) {
        List<Rewrite> rewrites = entry.rewrite();
        Map<String, byte[]> map = Rewrites.apply(rewrites, in, renderer);
        if (rewrites.isEmpty()) {
            map = Keys.convert(conversion, map);
        }
        map = new LinkedHashMap<>(map);
        Keys.validate(map);
        map = Decoding.decodeMap(decoding, map);
        // ESO's validateFetchedSecretMap checks the keys in sorted order, so the first offending key it names is
        // the smallest one
        if (nullBytes == NullBytePolicy.FAIL) {
            Map<String, byte[]> sorted = new java.util.TreeMap<>(GoStrings.KEY_ORDER);
            sorted.putAll(map);
            sorted.forEach((key, value) -> checkNullBytes(nullBytes, key, value));
        }
        return map;
    }

    // ---------------------------------------------------------------- GetSecret

    /** ESO's {@code GetSecret}: value or tags, then the {@code property} lookup. */
    static byte[] getSecret(RemoteSecrets remote, SecretStoreRef store, RemoteRef ref) {
        String key = ref.key();
        String jsonPayload;
        if (remote.valueAsIs(store)) {
            return asIs(remote.value(store, key, ref.version()), key);
        }
        if (ref.metadataPolicy() == MetadataPolicy.FETCH) {
            jsonPayload = Metadata.tagsJson(remote.tags(store, key));
            if (ref.property().isEmpty()) {
                return jsonPayload.getBytes(StandardCharsets.UTF_8);
            }
        } else {
            RemoteValue value = remote.value(store, key, ref.version());
            if (ref.property().isEmpty()) {
                return asIs(value, key);
            }
            // With a property, the binary payload wins (ESO's mapSecretToGjson).
            if (value.binaryUnsafe() != null) {
                jsonPayload = new String(value.binaryUnsafe(), StandardCharsets.UTF_8);
            } else {
                jsonPayload = value.string() == null ? "" : value.string();
            }
        }
        Optional<String> hit = Gjson.property(jsonPayload, ref.property());
        if (hit.isEmpty()) {
            throw new SecretMappingException("key " + ref.property() + " does not exist in secret " + key);
        }
        return hit.get().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] asIs(RemoteValue value, String key) {
        if (value.string() != null) {
            return value.string().getBytes(StandardCharsets.UTF_8);
        }
        if (value.binaryUnsafe() != null) {
            return value.binaryUnsafe().clone();
        }
        throw new SecretMappingException("invalid secret received. no secret string nor binary for key: " + key);
    }

    private static void checkNullBytes(NullBytePolicy policy, String key, byte[] value) {
        if (policy != NullBytePolicy.FAIL) {
            return;
        }
        for (byte b : value) {
            if (b == 0) {
                throw new SecretMappingException("fetched secret value for key " + GoStrings.quote(key)
                        + " contains null bytes; use a text-safe format such as PEM/base64 or leave nullBytePolicy"
                        + " unset for intentional binary data");
            }
        }
    }

    /** The same kind of exception with ESO's context in front of the message; the original is the cause. */
    private static SecretsException prefixed(String context, SecretsException e) {
        return e.withContext(context);
    }

    // ---------------------------------------------------------------- templating

    /** ESO's {@code errFetchTplFrom}: the prefix of every {@code templateFrom} failure. */
    private static final String FETCH_TEMPLATE_FROM = "error fetching templateFrom data: ";

    /** ESO's {@code errExecTpl}, twice: {@code MergeMap} and {@code ApplyTemplate} each wrap the error. */
    private static final String EXEC_TEMPLATE = "could not execute template: could not execute template: ";

    /**
     * ESO's {@code ApplyTemplate} ({@code pkg/controllers/externalsecret/externalsecret_controller_template.go}):
     * {@code templateFrom} entries in order (each: ConfigMap, Secret, literal), then {@code data} (which wins over
     * {@code templateFrom}), then {@code metadata.labels} and {@code metadata.annotations}.
     */
    private MappedSecret applyTemplate(
            ExternalSecret externalSecret, Map<String, byte[]> fetched, TemplateSources sources) {
        Template template = externalSecret.target().template();
        boolean providerReturnedData = !fetched.isEmpty();
        if (template == null || externalSecret.target().manifest() != null) {
            // a generic target (target.manifest) is templated into its object: io.eso4j.integration.GenericTarget
            return new MappedSecret(
                    fetched, "", externalSecret.labels(), externalSecret.annotations(), providerReturnedData);
        }
        Map<String, Object> context = templateContext(fetched);
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (template.mergePolicy() == TemplateMergePolicy.MERGE
                || (template.data().isEmpty() && template.templateFrom().isEmpty())) {
            data.putAll(fetched);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> annotations = new LinkedHashMap<>();
        Output out = new Output(data, labels, annotations);
        List<TemplateFrom> templateFrom = template.templateFrom();
        for (int i = 0; i < templateFrom.size(); i++) {
            TemplateFrom source = templateFrom.get(i);
            String where = "spec.target.template.templateFrom[" + i + "]";
            if (source.configMap() != null) {
                TemplateRef ref = source.configMap();
                Map<String, String> cm = sources.configMap(externalSecret.namespace(), ref.name())
                        .orElseThrow(() -> new SecretMappingException(
                                FETCH_TEMPLATE_FROM + "configmaps " + GoStrings.quote(ref.name()) + " not found"));
                for (TemplateRef.Item item : ref.items()) {
                    String value = cm.get(item.key());
                    if (value == null) {
                        throw new SecretMappingException(FETCH_TEMPLATE_FROM + "error in configmap " + ref.name()
                                + ": missing key " + item.key());
                    }
                    applyItem(item, value, source, context, out, where + ".configMap");
                }
            }
            if (source.secret() != null) {
                TemplateRef ref = source.secret();
                Map<String, byte[]> secret = sources.secret(externalSecret.namespace(), ref.name())
                        .orElseThrow(() -> new SecretMappingException(
                                FETCH_TEMPLATE_FROM + "secrets " + GoStrings.quote(ref.name()) + " not found"));
                for (TemplateRef.Item item : ref.items()) {
                    byte[] value = secret.get(item.key());
                    if (value == null) {
                        throw new SecretMappingException(
                                FETCH_TEMPLATE_FROM + "error in secret " + ref.name() + ": missing key " + item.key());
                    }
                    applyItem(item, GoBytes.string(value), source, context, out, where + ".secret");
                }
            }
            if (!source.literal().isEmpty()) { // an empty literal renders to nothing (ESO's MergeLiteral)
                keysAndValues(source.literal(), where + ".literal", source, context, out);
            }
        }
        template.data().forEach((k, v) -> data.put(k, GoBytes.bytes(renderValue(v, k, context))));
        template.labels().forEach((k, v) -> labels.put(k, renderValue(v, k, context)));
        template.annotations().forEach((k, v) -> annotations.put(k, renderValue(v, k, context)));
        return new MappedSecret(data, template.type(), labels, annotations, providerReturnedData);
    }

    /** Where rendered keys go, by {@code templateFrom[].target}. */
    private record Output(Map<String, byte[]> data, Map<String, String> labels, Map<String, String> annotations) {

        void put(TemplateScope target, String key, byte[] value) {
            switch (target) {
                case LABELS -> labels.put(key, new String(value, StandardCharsets.UTF_8));
                case ANNOTATIONS -> annotations.put(key, new String(value, StandardCharsets.UTF_8));
                default -> data.put(key, value);
            }
        }
    }

    private void applyItem(
            TemplateRef.Item item,
            String value,
            TemplateFrom source,
            Map<String, Object> context,
            Output out,
            String where) {
        if (item.templateAs() == TemplateAs.KEYS_AND_VALUES) {
            keysAndValues(value, where + ".items." + item.key(), source, context, out);
            return;
        }
        // ESO's valueScopeApply: the rendering is stored under the item's key
        String rendered = renderAt(value, item.key(), context, FETCH_TEMPLATE_FROM);
        byte[] bytes = Decoding.decodeRendered(source.valuesDecodingStrategy(), item.key(), GoBytes.bytes(rendered));
        out.put(source.target(), item.key(), bytes);
    }

    /**
     * ESO's {@code mapScopeApply}: the rendering is a YAML map of keys to values. ESO names such a template by its
     * whole text in errors ({@code unable to execute template at key <template text>}); eso4j names it by its field
     * path instead, since template text can embed secrets.
     */
    private void keysAndValues(
            String template, String where, TemplateFrom source, Map<String, Object> context, Output out) {
        String rendered = renderAt(template, where, context, FETCH_TEMPLATE_FROM);
        for (Map.Entry<String, String> e : yamlMap(rendered, where).entrySet()) {
            byte[] value = Decoding.decodeRendered(
                    source.valuesDecodingStrategy(), e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            out.put(source.target(), e.getKey(), value);
        }
    }

    /** A {@code data}, {@code labels} or {@code annotations} value: ESO's {@code MergeMap}, Values scope. */
    private String renderValue(String template, String key, Map<String, Object> context) {
        return renderAt(template, key, context, EXEC_TEMPLATE);
    }

    /**
     * Renders with ESO's wrappers ({@code runtime/template/v2/template.go}): {@code execute} wraps a parse error in
     * {@code unable to parse template at key K: } and an execution error in {@code unable to execute template at key
     * K: }, and its caller wraps both once more in {@code unable to execute template at key K: }. Go names the
     * template by its key in its own text ({@code template: K:1:3: executing "K" at <.x>: ...}).
     */
    private String renderAt(String template, String key, Map<String, Object> context, String prefix) {
        GoTemplate parsed;
        try {
            parsed = renderer instanceof GoTemplateRenderer go ? go.parse(template) : null;
        } catch (SecretMappingException e) {
            throw new SecretMappingException(
                    prefix + "unable to execute template at key " + key + ": unable to parse template at key " + key
                            + ": " + goNamed(e.getMessage(), key),
                    e);
        }
        try {
            return parsed != null ? GoTemplateRenderer.execute(parsed, context) : renderer.render(template, context);
        } catch (SecretMappingException e) {
            throw new SecretMappingException(
                    prefix + "unable to execute template at key " + key + ": unable to execute template at key " + key
                            + ": " + goNamed(e.getMessage(), key),
                    e);
        }
    }

    /** eso4j's engine leaves the template's name out ({@code template: 1:3: executing at <.x>}); Go puts it in. */
    private static String goNamed(String message, String name) {
        if (message == null || !message.startsWith("template: ")) {
            return String.valueOf(message);
        }
        String rest = message.substring("template: ".length());
        if (rest.isEmpty() || !Character.isDigit(rest.charAt(0))) {
            return message;
        }
        return "template: " + name + ":"
                + rest.replaceFirst(
                        "^(\\d+:\\d+): executing at <",
                        "$1: executing " + java.util.regex.Matcher.quoteReplacement(GoStrings.quote(name)) + " at <");
    }

    /**
     * A template's data context: values as text when they are UTF-8, else as bytes (never a lossy conversion). Shared
     * by the Secret path and generic targets ({@code io.eso4j.integration.GenericTarget}).
     */
    public static Map<String, Object> templateContext(Map<String, byte[]> data) {
        Map<String, Object> context = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            try {
                context.put(
                        k,
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .decode(ByteBuffer.wrap(v))
                                .toString());
            } catch (CharacterCodingException notText) {
                context.put(k, v.clone());
            }
        });
        return context;
    }

    /** A rendered {@code KeysAndValues} source: a YAML map of key to scalar, scalars kept as written. */
    private static Map<String, String> yamlMap(String rendered, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        // Parse errors are reported without Jackson's message or cause: both quote the rendered (secret) text.
        try (JsonParser parser = Yaml.FACTORY.createParser(rendered)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return out;
            }
            if (token != JsonToken.START_OBJECT) {
                throw notYamlMap(where);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    throw notYamlMap(where);
                }
                out.put(key, value == JsonToken.VALUE_NULL ? "" : parser.getText());
            }
            return out;
        } catch (IOException e) {
            throw notYamlMap(where);
        }
    }

    private static SecretMappingException notYamlMap(String where) {
        return new SecretMappingException(FETCH_TEMPLATE_FROM + "could not unmarshal template to 'map[string][]byte': "
                + where + ": the rendered text is not a YAML map of keys to strings");
    }
}
