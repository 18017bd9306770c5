package io.eso4j.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.eso4j.InvalidSpecException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The ESO objects of one or more manifest files: SecretStores, ClusterSecretStores and ExternalSecrets of
 * {@code external-secrets.io/v1} or {@code v1beta1}, the other documents as plain data, and the warnings of the
 * load.
 *
 * <p>Load with {@link #load(Path...)}, {@link #parse(String, String)} or {@link #read(String, InputStream)}. Files
 * may hold several documents ({@code ---}); JSON documents are YAML too. A load either returns a fully validated
 * result, in which every store reference of every ExternalSecret resolves, or throws
 * {@link InvalidSpecException} with every problem of every source, each as
 * {@code <source>#<document> <field path>: <reason>}. Unknown fields are accepted with a warning in
 * {@link #warnings()}, and so are fields ESO has but eso4j ignores by design, and the {@code external-secrets.io}
 * kinds eso4j does not read ({@code PushSecret}, {@code ClusterPushSecret}); a kind
 * the group does not have (such as the typo {@code ExternalSecrets}) is an error naming the kind it most likely
 * means. Documents of other groups are kept as they are.
 *
 * <p>Limits, each checked in one linear pass before any YAML is parsed and reported as a problem of the source:
 * a source (file, stream or text) holds at most 8 MiB (8,388,608 bytes, or characters for a text) and at most
 * 10,000 documents; a line is at most 1 MiB (1,048,576 characters); a document is at most 3 Mi code points
 * (SnakeYAML's limit) and nests at most 1,000 levels deep. A file larger than the limit is not read past it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Manifests {

    private final List<SecretStore> stores;
    private final List<SecretStore> clusterStores;
    private final List<ExternalSecret> externalSecrets;
    private final List<ManifestDocument> otherDocuments;
    private final List<String> warnings;
    private final Map<ExternalSecret, String> origins;
    private final Map<String, List<ExternalSecret>> bySource;
    private final List<ClusterExternalSecret> clusterExternalSecrets;
    private final List<Generator> generators;
    private final List<Generator> clusterGenerators;

    private Manifests(
            List<SecretStore> stores,
            List<SecretStore> clusterStores,
            List<ExternalSecret> externalSecrets,
            List<ManifestDocument> otherDocuments,
            List<String> warnings,
            Map<ExternalSecret, String> origins,
            Map<String, List<ExternalSecret>> bySource,
            List<ClusterExternalSecret> clusterExternalSecrets,
            List<Generator> generators,
            List<Generator> clusterGenerators) {
        this.clusterExternalSecrets = List.copyOf(clusterExternalSecrets);
        this.generators = List.copyOf(generators);
        this.clusterGenerators = List.copyOf(clusterGenerators);
        this.stores = List.copyOf(stores);
        this.clusterStores = List.copyOf(clusterStores);
        this.externalSecrets = List.copyOf(externalSecrets);
        this.otherDocuments = List.copyOf(otherDocuments);
        this.warnings = List.copyOf(warnings);
        this.origins = Collections.unmodifiableMap(new IdentityHashMap<>(origins));
        Map<String, List<ExternalSecret>> sources = new LinkedHashMap<>();
        bySource.forEach((source, list) -> sources.put(source, List.copyOf(list)));
        this.bySource = Collections.unmodifiableMap(sources);
    }

    /**
     * Manifests of records built in code (with the spec builders or the records' constructors), validated exactly
     * as {@link #parse(String, String)} validates documents: ESO's admission rules, duplicate names, and every store
     * reference resolving. Problems name {@value SpecValidator#CODE_ORIGIN} as their origin.
     *
     * @param stores SecretStores and ClusterSecretStores (told apart by {@link SecretStore#kind()})
     * @param externalSecrets the ExternalSecrets, in order
     * @throws InvalidSpecException listing every problem
     */
    public static Manifests of(Collection<SecretStore> stores, Collection<ExternalSecret> externalSecrets) {
        return builder().stores(stores).externalSecrets(externalSecrets).build();
    }

    /** A builder that mixes manifest text, files and records built in code into one set, validated together. */
    public static Builder builder() {
        return new Builder();
    }

    /** Loads files (UTF-8), in order, as one set of manifests. */
    public static Manifests load(Path... files) {
        return load(List.of(files));
    }

    /** Loads files (UTF-8), in order, as one set of manifests. */
    public static Manifests load(Collection<Path> files) {
        Builder builder = builder();
        files.forEach(builder::load);
        return builder.build();
    }

    /**
     * Parses manifests held in memory.
     *
     * @param source the name used in messages, for example {@code application.yaml}
     */
    public static Manifests parse(String source, String text) {
        return parse(Map.of(source, text));
    }

    /** Parses several in-memory sources (name to text), in the map's iteration order, as one set. */
    public static Manifests parse(Map<String, String> sources) {
        Builder builder = builder();
        sources.forEach(builder::parse);
        return builder.build();
    }

    /**
     * Reads manifests (UTF-8) from a stream, which is read to its end (or to just past the size limit) but not
     * closed.
     */
    public static Manifests read(String source, InputStream in) {
        Loader loader = new Loader();
        try {
            byte[] bytes = in.readNBytes(YamlDocuments.MAX_SOURCE_SIZE + 1);
            if (bytes.length > YamlDocuments.MAX_SOURCE_SIZE) {
                loader.problems.at(source).error("", YamlDocuments.tooLarge(-1, "bytes"));
            } else {
                loader.add(source, bytes);
            }
        } catch (IOException e) {
            loader.problems
                    .at(source)
                    .error("", "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return loader.finish();
    }

    /**
     * Parses one ExternalSecret {@code spec} object (YAML or JSON), as the conformance vectors give them, and
     * validates it. No store is resolved: a spec without {@code secretStoreRef} is valid here.
     *
     * @param source the name used in messages, for example a vector id
     * @throws InvalidSpecException listing every problem
     */
    public static ExternalSecret parseExternalSecretSpec(
            String name, String namespace, String specText, String source) {
        Problems problems = new Problems();
        List<YamlDocuments.Document> documents = YamlDocuments.read(Specs.text(specText), source, problems);
        Problems.Sink sink = problems.at(source);
        ExternalSecret result = null;
        if (!problems.hasErrors()) {
            if (documents.size() != 1
                    || documents.get(0).root() == null
                    || documents.get(0).root().isNull()) {
                sink.error("spec", "must be exactly one YAML or JSON object");
            } else {
                Fields spec = Fields.of(documents.get(0).root(), "spec", sink);
                if (spec != null) {
                    ManifestParser parser = new ManifestParser(sink, true);
                    result = parser.externalSecret(
                            new ManifestParser.Metadata(name, namespace, Map.of(), Map.of()), spec);
                    SpecValidator.check(result, sink, true);
                }
            }
        }
        problems.throwIfAny();
        return result;
    }

    /** Namespaced SecretStores, in load order. */
    public List<SecretStore> stores() {
        return stores;
    }

    /** ClusterSecretStores, in load order. */
    public List<SecretStore> clusterStores() {
        return clusterStores;
    }

    /**
     * ExternalSecrets, in load order, then those of each {@link ClusterExternalSecret} for the namespaces named with
     * {@link Builder#namespace} that it selects.
     */
    public List<ExternalSecret> externalSecrets() {
        return externalSecrets;
    }

    /** ClusterExternalSecrets, in load order (their ExternalSecrets are in {@link #externalSecrets()}). */
    public List<ClusterExternalSecret> clusterExternalSecrets() {
        return clusterExternalSecrets;
    }

    /**
     * The names of the sources of this set, in load order: file paths, in-memory source names, and
     * {@value SpecValidator#CODE_ORIGIN} for records built in code.
     */
    public List<String> sources() {
        return List.copyOf(bySource.keySet());
    }

    /**
     * The ExternalSecrets that source {@code source} holds, in load order; empty for an unknown source or one
     * without ExternalSecrets.
     *
     * @param source a name of {@link #sources()}
     */
    public List<ExternalSecret> externalSecretsOf(String source) {
        return bySource.getOrDefault(source, List.of());
    }

    /**
     * The generator manifests ({@code generators.external-secrets.io/v1alpha1}) eso4j runs, in load order: the
     * namespaced ones, then each {@code ClusterGenerator} as the generator of its {@code spec.kind} without a
     * namespace.
     */
    public List<Generator> generators() {
        if (clusterGenerators.isEmpty()) {
            return generators;
        }
        List<Generator> all = new ArrayList<>(generators);
        all.addAll(clusterGenerators);
        return List.copyOf(all);
    }

    /**
     * The generator a {@code dataFrom[].sourceRef.generatorRef} names, in the ExternalSecret's namespace (a generator
     * without a namespace matches any).
     *
     * @throws InvalidSpecException when there is no such generator
     */
    public Generator generatorFor(ExternalSecret externalSecret, GeneratorRef ref) {
        Objects.requireNonNull(externalSecret, "externalSecret");
        Objects.requireNonNull(ref, "ref");
        Generator generator = findGenerator(generators, clusterGenerators, ref, externalSecret.namespace());
        if (generator == null) {
            String origin = origins.getOrDefault(externalSecret, SpecValidator.CODE_ORIGIN);
            throw new InvalidSpecException(List.of(Problems.line(
                    origin, "spec.dataFrom[].sourceRef.generatorRef", missingGenerator(ref, externalSecret))));
        }
        return generator;
    }

    private static Generator findGenerator(
            List<Generator> generators, List<Generator> clusterGenerators, GeneratorRef ref, String namespace) {
        if (ref.kind().equals(Generator.CLUSTER_GENERATOR)) {
            // ESO runtime/esutils/resolvers/generator.go: cluster-scoped, found by name alone
            for (Generator generator : clusterGenerators) {
                if (generator.name().equals(ref.name())) {
                    return generator;
                }
            }
            return null;
        }
        return inNamespace(
                generators,
                generator ->
                        generator.kind().equals(ref.kind()) && generator.name().equals(ref.name()),
                Generator::namespace,
                namespace);
    }

    /**
     * The first of {@code items} that {@code named} picks in {@code namespace}, else the first it picks without a
     * namespace (which matches any): how a namespaced reference finds its store or generator.
     */
    private static <T> T inNamespace(
            List<T> items, Predicate<T> named, Function<T, String> namespaceOf, String namespace) {
        T anyNamespace = null;
        for (T item : items) {
            if (named.test(item)) {
                String itemNamespace = namespaceOf.apply(item);
                if (itemNamespace.equals(namespace)) {
                    return item;
                }
                if (itemNamespace.isEmpty() && anyNamespace == null) {
                    anyNamespace = item;
                }
            }
        }
        return anyNamespace;
    }

    private static String missingGenerator(GeneratorRef ref, ExternalSecret externalSecret) {
        if (ref.kind().equals(Generator.CLUSTER_GENERATOR)) {
            return ref.kind() + " " + GoDuration.quote(ref.name()) + " not found";
        }
        return ref.kind() + " " + GoDuration.quote(ref.name()) + " not found in namespace "
                + GoDuration.quote(externalSecret.namespace());
    }

    /** Documents of other kinds (for example {@code v1/Secret}), in load order. */
    public List<ManifestDocument> otherDocuments() {
        return otherDocuments;
    }

    /** Unknown and ignored fields, each as {@code <source>#<document> <field path>: <reason>}. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The store an ExternalSecret (or one of its entries) reads from. A {@code SecretStore} reference names a store
     * in the ExternalSecret's namespace (a store without a namespace matches any); a {@code ClusterSecretStore}
     * reference names a cluster store.
     *
     * @param ref an entry's {@code sourceRef.storeRef}, or {@code null} for the ExternalSecret's
     *     {@code secretStoreRef}
     * @throws InvalidSpecException when there is no reference or no such store
     */
    public SecretStore storeFor(ExternalSecret externalSecret, SecretStoreRef ref) {
        Objects.requireNonNull(externalSecret, "externalSecret");
        SecretStoreRef effective = ref != null ? ref : externalSecret.secretStoreRef();
        String origin = origins.getOrDefault(externalSecret, SpecValidator.CODE_ORIGIN);
        if (effective == null) {
            throw new InvalidSpecException(List.of(Problems.line(origin, "spec.secretStoreRef", "is required")));
        }
        SecretStore store = find(stores, clusterStores, effective, externalSecret.namespace());
        if (store == null) {
            throw new InvalidSpecException(
                    List.of(Problems.line(origin, "spec.secretStoreRef", missingStore(effective, externalSecret))));
        }
        return store;
    }

    private static SecretStore find(
            List<SecretStore> stores, List<SecretStore> clusterStores, SecretStoreRef ref, String namespace) {
        if (ref.kind() == StoreKind.CLUSTER_SECRET_STORE) {
            for (SecretStore store : clusterStores) {
                if (store.name().equals(ref.name())) {
                    return store;
                }
            }
            return null;
        }
        return inNamespace(stores, store -> store.name().equals(ref.name()), SecretStore::namespace, namespace);
    }

    private static String missingStore(SecretStoreRef ref, ExternalSecret externalSecret) {
        if (ref.kind() == StoreKind.CLUSTER_SECRET_STORE) {
            return "ClusterSecretStore " + GoDuration.quote(ref.name()) + " not found";
        }
        return "SecretStore " + GoDuration.quote(ref.name()) + " not found in namespace "
                + GoDuration.quote(externalSecret.namespace());
    }

    @Override
    public String toString() {
        return "Manifests[" + stores.size() + " stores, " + clusterStores.size() + " cluster stores, "
                + externalSecrets.size() + " external secrets, " + otherDocuments.size() + " other documents, "
                + warnings.size() + " warnings]";
    }

    /**
     * The one warning of a load that has {@code v1beta1} documents: ESO's CRDs no longer serve that version by
     * default ({@code served: false} in {@code config/crds/bases}, the chart's {@code crds.unsafeServeV1Beta1:
     * false}), so the same manifests applied to a current ESO are refused. eso4j keeps reading them.
     */
    static String v1beta1Warning(int documents) {
        return ManifestParser.V1BETA1 + " is no longer served by ESO (its CRDs set served: false unless the chart's"
                + " crds.unsafeServeV1Beta1 is true); eso4j still reads it"
                + (documents == 1 ? "" : " (in " + documents + " documents, said once)")
                + "; fix: apiVersion: " + ManifestParser.V1;
    }

    /** The group of ESO's generator kinds. */
    private static final String GENERATOR_GROUP = "generators.external-secrets.io/";

    /** The read kinds of the {@code external-secrets.io} group (the {@code register.go} files under ESO's {@code apis/externalsecrets}). */
    private static final List<String> READ_KINDS =
            List.of("ExternalSecret", "SecretStore", "ClusterSecretStore", "ClusterExternalSecret");

    /** The group's other kinds: kept as other documents with a warning. */
    private static final List<String> KNOWN_OTHER_KINDS = List.of("PushSecret", "ClusterPushSecret");

    /**
     * A kind the group does not have, which the API server would refuse ({@code no matches for kind}): an error,
     * with the known kind it most likely misspells (case-insensitive edit distance of at most 3).
     */
    static String unknownKind(String kind) {
        String best = null;
        int bestDistance = 4;
        if (kind.length() <= 64) {
            for (String known : concat(READ_KINDS, KNOWN_OTHER_KINDS)) {
                int distance = editDistance(kind.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
                if (distance < bestDistance) {
                    best = known;
                    bestDistance = distance;
                }
            }
        }
        String reason = "kind " + GoDuration.quote(kind) + " is not a kind of " + ManifestParser.GROUP;
        return best != null
                ? reason + "; did you mean " + GoDuration.quote(best) + "?"
                : reason + " (its kinds: " + String.join(", ", concat(READ_KINDS, KNOWN_OTHER_KINDS)) + ")";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Levenshtein distance (both strings are short: the caller bounds them). */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * Collects manifest text, files and records built in code, in order, into one {@link Manifests}: one validation
     * and one resolution of store references over all of them, as if they were one load. Records built in code are
     * validated as parsed documents are and name {@value SpecValidator#CODE_ORIGIN} as their origin and source. Not
     * thread-safe; build once.
     */
    public static final class Builder {

        private final Loader loader = new Loader();

        private Builder() {}

        /**
         * Adds the documents of an in-memory source.
         *
         * @param source the name used in messages and in {@link Manifests#externalSecretsOf(String)}
         */
        public Builder parse(String source, String text) {
            loader.addText(Objects.requireNonNull(source, "source"), Objects.requireNonNull(text, "text"));
            return this;
        }

        /** Adds the documents of a file (UTF-8), named by its path. */
        public Builder load(Path file) {
            String source = file.toString();
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(YamlDocuments.MAX_SOURCE_SIZE + 1);
                if (bytes.length > YamlDocuments.MAX_SOURCE_SIZE) {
                    long size = Files.size(file);
                    loader.problems.at(source).error("", YamlDocuments.tooLarge(size, "bytes"));
                    return this;
                }
            } catch (IOException e) {
                loader.problems
                        .at(source)
                        .error("", "cannot be read (" + e.getClass().getSimpleName() + ")");
                return this;
            }
            loader.add(source, bytes);
            return this;
        }

        /**
         * Names a namespace eso4j resolves for, with its labels: each {@link ClusterExternalSecret} that selects it
         * gives an ExternalSecret there, and a ClusterSecretStore's {@code conditions} are checked against it. A
         * namespace always has the label {@code kubernetes.io/metadata.name=<name>}; other labels are only known if
         * given here. Without any namespace, a ClusterExternalSecret is an error.
         */
        public Builder namespace(String name, Map<String, String> labels) {
            loader.namespaces.put(Objects.requireNonNull(name, "name"), Map.copyOf(labels));
            return this;
        }

        /** Adds a SecretStore or ClusterSecretStore built in code. */
        public Builder store(SecretStore store) {
            loader.addRecord(store);
            return this;
        }

        /** Adds stores built in code, in order. */
        public Builder stores(Collection<SecretStore> stores) {
            stores.forEach(this::store);
            return this;
        }

        /** Adds an ExternalSecret built in code. */
        public Builder externalSecret(ExternalSecret externalSecret) {
            loader.addRecord(externalSecret);
            return this;
        }

        /** Adds ExternalSecrets built in code, in order. */
        public Builder externalSecrets(Collection<ExternalSecret> externalSecrets) {
            externalSecrets.forEach(this::externalSecret);
            return this;
        }

        /**
         * The manifests, validated, with every store reference resolved.
         *
         * @throws InvalidSpecException listing every problem of every source and record
         */
        public Manifests build() {
            return loader.finish();
        }
    }

    /** One load: sources are added in order, then {@link #finish()} resolves references and reports. */
    private static final class Loader {

        private final Problems problems = new Problems();
        private final List<SecretStore> stores = new ArrayList<>();
        private final List<SecretStore> clusterStores = new ArrayList<>();
        private final List<ExternalSecret> externalSecrets = new ArrayList<>();
        private final List<ManifestDocument> others = new ArrayList<>();
        private final Map<ExternalSecret, String> origins = new IdentityHashMap<>();
        private final Map<String, String> seen = new LinkedHashMap<>();
        private final Map<String, List<ExternalSecret>> bySource = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
        private final List<ClusterExternalSecret> clusterExternalSecrets = new ArrayList<>();
        private final List<Generator> generators = new ArrayList<>();
        private final List<Generator> clusterGenerators = new ArrayList<>();
        private final Map<ClusterExternalSecret, String> cesOrigins = new IdentityHashMap<>();
        private final Map<ClusterExternalSecret, String> cesSources = new IdentityHashMap<>();
        private String firstV1beta1;
        private int firstV1beta1Warning;
        private int v1beta1Documents;

        void add(String source, byte[] bytes) {
            String text = YamlDocuments.decode(bytes, source, problems);
            if (text != null) {
                addText(source, text);
            }
        }

        void addText(String source, String text) {
            bySource.computeIfAbsent(source, s -> new ArrayList<>());
            List<YamlDocuments.Document> documents = YamlDocuments.read(text, source, problems);
            boolean any = false;
            for (YamlDocuments.Document document : documents) {
                JsonNode root = document.root();
                if (root == null
                        || root.isNull()
                        || (root.isTextual() && root.textValue().isEmpty())) {
                    continue; // an empty document, as between two "---"
                }
                any = true;
                document(source, document.index(), root);
            }
            if (!any && !problems.hasErrors()) {
                problems.at(source).error("", "contains no documents");
            }
        }

        private void document(String source, int index, JsonNode root) {
            Problems.Sink sink = problems.at(source + "#" + index);
            if (!root.isObject()) {
                sink.error(
                        "",
                        "expected a Kubernetes object (a map with apiVersion and kind), not " + Fields.typeName(root));
                return;
            }
            Fields fields = Fields.of(root, "", sink);
            String apiVersion = fields.string("apiVersion");
            String kind = fields.string("kind");
            if (apiVersion == null || apiVersion.isEmpty()) {
                if (!fields.has("apiVersion")) {
                    sink.error("apiVersion", "is required");
                }
            }
            if (kind == null || kind.isEmpty()) {
                if (!fields.has("kind")) {
                    sink.error("kind", "is required");
                }
            }
            if (apiVersion == null || kind == null || apiVersion.isEmpty() || kind.isEmpty()) {
                return;
            }
            if (apiVersion.startsWith(GENERATOR_GROUP)) {
                generatorDocument(source, index, apiVersion, kind, root, fields, sink);
                return;
            }
            boolean esoGroup = apiVersion.startsWith(ManifestParser.GROUP + "/");
            boolean esoKind = READ_KINDS.contains(kind);
            if (esoGroup && !esoKind && !KNOWN_OTHER_KINDS.contains(kind)) {
                sink.error("kind", unknownKind(kind));
                return;
            }
            if (!esoGroup || !esoKind) {
                if (esoGroup) {
                    sink.warn(
                            "kind",
                            "kind " + GoDuration.quote(kind) + " is not supported by eso4j; document kept"
                                    + " as an other document");
                }
                others.add(other(source, index, apiVersion, kind, root));
                return;
            }
            boolean v1 = apiVersion.equals(ManifestParser.V1);
            if (!v1 && !apiVersion.equals(ManifestParser.V1BETA1)) {
                sink.error(
                        "apiVersion",
                        "unsupported value " + GoDuration.quote(apiVersion) + ", expected one of: " + ManifestParser.V1
                                + ", " + ManifestParser.V1BETA1);
                return;
            }
            if (!v1 && v1beta1Documents++ == 0) {
                firstV1beta1 = sink.origin();
                firstV1beta1Warning = problems.warningCount();
            }
            ManifestParser parser = new ManifestParser(sink, v1);
            ManifestParser.Metadata metadata = parser.metadata(fields);
            Fields spec = fields.object("spec");
            if (spec == null && !fields.has("spec")) {
                sink.error("spec", "is required");
            }
            fields.accept("status");
            fields.finish();
            unique(kind, metadata.namespace(), metadata.name(), sink);
            if (kind.equals("ExternalSecret")) {
                if (spec == null) {
                    return;
                }
                accept(source, parser.externalSecret(metadata, spec), sink);
            } else if (kind.equals("ClusterExternalSecret")) {
                if (spec == null) {
                    return;
                }
                ClusterExternalSecret ces = parser.clusterExternalSecret(metadata, spec);
                clusterExternalSecrets.add(ces);
                cesOrigins.put(ces, sink.origin());
                cesSources.put(ces, source);
            } else {
                StoreKind storeKind =
                        kind.equals("SecretStore") ? StoreKind.SECRET_STORE : StoreKind.CLUSTER_SECRET_STORE;
                SecretStore store = parser.store(storeKind, metadata, spec);
                if (store != null) {
                    accept(store, sink);
                }
            }
        }

        /**
         * A {@code generators.external-secrets.io} document: a kind eso4j runs becomes a {@link Generator}; ESO's other
         * generator kinds are kept as other documents with a warning (an ExternalSecret referencing one is an error);
         * a kind ESO does not have is an error.
         */
        private void generatorDocument(
                String source,
                int index,
                String apiVersion,
                String kind,
                JsonNode root,
                Fields fields,
                Problems.Sink sink) {
            if (!Generator.ESO_KINDS.contains(kind)) {
                sink.error(
                        "kind", "kind " + GoDuration.quote(kind) + " is not a kind of generators.external-secrets.io");
                return;
            }
            if (kind.equals(Generator.CLUSTER_GENERATOR)) {
                clusterGeneratorDocument(source, index, apiVersion, root, fields, sink);
                return;
            }
            if (!Generator.SUPPORTED_KINDS.contains(kind)) {
                keepUnsupported(source, index, apiVersion, kind, kind, "kind", root, sink);
                return;
            }
            if (!checkApiVersion(apiVersion, sink)) {
                return;
            }
            ManifestParser parser = new ManifestParser(sink, true);
            ManifestParser.Metadata metadata = parser.metadata(fields);
            Fields spec = fields.object("spec");
            if (spec == null && !fields.has("spec")) {
                sink.error("spec", "is required");
            }
            fields.accept("status");
            fields.finish();
            unique(kind, metadata.namespace(), metadata.name(), sink);
            generators.add(checkedGenerator(parser.generator(kind, metadata, spec), "spec", sink));
        }

        /**
         * A {@code ClusterGenerator}: ESO (runtime/esutils/resolvers/generator.go {@code clusterGeneratorToVirtual})
         * runs it as the generator of its {@code spec.kind} with the spec under {@code spec.generator}, in the
         * namespace of the ExternalSecret that references it; a kind eso4j does not run is kept as an other document.
         */
        private void clusterGeneratorDocument(
                String source, int index, String apiVersion, JsonNode root, Fields fields, Problems.Sink sink) {
            if (!checkApiVersion(apiVersion, sink)) {
                return;
            }
            ManifestParser parser = new ManifestParser(sink, true);
            ManifestParser.Metadata metadata = parser.metadata(fields);
            Fields spec = fields.object("spec");
            fields.accept("status");
            fields.finish();
            if (spec == null) {
                sink.error("spec", "is required");
                return;
            }
            String kind = spec.string("kind");
            Fields generator = spec.object("generator");
            if (kind.isEmpty()) {
                sink.error("spec.kind", "is required");
                return;
            }
            if (!Generator.ESO_KINDS.contains(kind) || kind.equals(Generator.CLUSTER_GENERATOR)) {
                sink.error("spec.kind", "ClusterGenerator has unknown kind " + kind);
                return;
            }
            if (!Generator.SUPPORTED_KINDS.contains(kind)) {
                keepUnsupported(source, index, apiVersion, Generator.CLUSTER_GENERATOR, kind, "spec.kind", root, sink);
                return;
            }
            // the json names of ESO's GeneratorSpec fields (apis/generators/v1alpha1/types_cluster.go)
            String specField = kind.equals(Generator.ECR_AUTHORIZATION_TOKEN)
                    ? "ecrAuthorizationTokenSpec"
                    : "stsSessionTokenSpec";
            Fields inner = generator == null ? null : generator.object(specField);
            if (inner == null) {
                sink.error(
                        "spec.generator." + specField,
                        "invalid ClusterGenerator: when kind is " + kind + ", " + kind + "Spec must be set");
                return;
            }
            generator.finish();
            spec.finish();
            unique(Generator.CLUSTER_GENERATOR, "", metadata.name(), sink);
            ManifestParser.Metadata clusterScoped =
                    new ManifestParser.Metadata(metadata.name(), "", metadata.labels(), metadata.annotations());
            clusterGenerators.add(checkedGenerator(
                    parser.generator(kind, clusterScoped, inner), "spec.generator." + specField, sink));
        }

        /** Whether a generator document's {@code apiVersion} is the one ESO serves; reports it when not. */
        private static boolean checkApiVersion(String apiVersion, Problems.Sink sink) {
            if (apiVersion.equals(Generator.API_VERSION)) {
                return true;
            }
            sink.error(
                    "apiVersion",
                    "unsupported value " + GoDuration.quote(apiVersion) + ", expected " + Generator.API_VERSION);
            return false;
        }

        /** An ESO generator of a kind eso4j does not run: a warning at {@code field}, the document kept as an other. */
        private void keepUnsupported(
                String source,
                int index,
                String apiVersion,
                String documentKind,
                String generatorKind,
                String field,
                JsonNode root,
                Problems.Sink sink) {
            sink.warn(
                    field,
                    "generator kind " + GoDuration.quote(generatorKind) + " is not supported by eso4j (supported: "
                            + String.join(", ", Generator.SUPPORTED_KINDS) + "); document kept as an other document");
            others.add(other(source, index, apiVersion, documentKind, root));
        }

        /** ESO's checks of a generator spec at {@code specPath}; the generator itself. */
        private static Generator checkedGenerator(Generator generator, String specPath, Problems.Sink sink) {
            if (generator.region().isEmpty()) {
                sink.error(specPath + ".region", "is required");
            }
            if (generator.kind().equals(Generator.STS_SESSION_TOKEN)
                    && generator.auth().jwt() != null) {
                // ESO generators/v1/sts/sts.go
                sink.error(specPath + ".auth.jwt", "jwt auth cannot be used for STS Session Token generation");
            }
            if (generator.scope().equals("public")) {
                // ESO generators/v1/ecr/ecr.go calls ECR Public (GetAuthorizationToken of ecr-public) for this scope.
                sink.error(
                        specPath + ".scope",
                        "scope \"public\" (ECR Public) is not supported by eso4j; only private registries"
                                + " (scope: private or no scope) are");
            }
            return generator;
        }

        /** Adds a record built in code, checked as a parsed document is. */
        void addRecord(ExternalSecret externalSecret) {
            Objects.requireNonNull(externalSecret, "externalSecret");
            Problems.Sink sink = problems.at(SpecValidator.CODE_ORIGIN);
            unique("ExternalSecret", externalSecret.namespace(), externalSecret.name(), sink);
            accept(SpecValidator.CODE_ORIGIN, externalSecret, sink);
        }

        /** Adds a store built in code, checked as a parsed document is. */
        void addRecord(SecretStore store) {
            Objects.requireNonNull(store, "store");
            Problems.Sink sink = problems.at(SpecValidator.CODE_ORIGIN);
            unique(store.kind().specName(), store.namespace(), store.name(), sink);
            accept(store, sink);
        }

        private void accept(String source, ExternalSecret externalSecret, Problems.Sink sink) {
            SpecValidator.check(externalSecret, sink, true);
            externalSecrets.add(externalSecret);
            origins.put(externalSecret, sink.origin());
            bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(externalSecret);
        }

        private void accept(SecretStore store, Problems.Sink sink) {
            SpecValidator.check(store, sink);
            (store.kind() == StoreKind.SECRET_STORE ? stores : clusterStores).add(store);
        }

        /** Reports a second object of one kind and name (and namespace, but for cluster stores). */
        private void unique(String kind, String namespace, String name, Problems.Sink sink) {
            String key = kind + " " + (kind.equals("ClusterSecretStore") ? "" : namespace + "/") + name;
            String earlier = seen.putIfAbsent(key, sink.origin());
            if (earlier != null && !name.isEmpty()) {
                sink.error(
                        "metadata.name",
                        "duplicate " + kind + " " + GoDuration.quote(name) + " (first defined in " + earlier + ")");
            }
        }

        private static ManifestDocument other(String source, int index, String apiVersion, String kind, JsonNode root) {
            JsonNode metadata = root.path("metadata");
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) plain(root);
            return new ManifestDocument(
                    source,
                    index,
                    apiVersion,
                    kind,
                    metadata.path("name").isTextual() ? metadata.path("name").textValue() : "",
                    metadata.path("namespace").isTextual()
                            ? metadata.path("namespace").textValue()
                            : "",
                    content);
        }

        /** Plain, unmodifiable Java values; depth is bounded by the parser's nesting limit. */
        private static Object plain(JsonNode node) {
            if (node.isObject()) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    map.put(field.getKey(), plain(field.getValue()));
                }
                return Collections.unmodifiableMap(map);
            }
            if (node.isArray()) {
                List<Object> list = new ArrayList<>();
                node.forEach(element -> list.add(plain(element)));
                return Collections.unmodifiableList(list);
            }
            if (node.isTextual()) {
                return node.textValue();
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isNumber()) {
                return node.numberValue();
            }
            return null;
        }

        /** Each ClusterExternalSecret's ExternalSecrets for the named namespaces it selects. */
        private void expandClusterExternalSecrets() {
            for (ClusterExternalSecret ces : clusterExternalSecrets) {
                Problems.Sink sink = problems.at(cesOrigins.get(ces));
                if (namespaces.isEmpty()) {
                    sink.error(
                            "kind",
                            "ClusterExternalSecret " + GoDuration.quote(ces.name()) + " makes an ExternalSecret in"
                                    + " each namespace it selects; name the namespace the application runs in"
                                    + " (Manifests.builder().namespace(..), the CLI's --namespace)");
                    continue;
                }
                boolean any = false;
                for (Map.Entry<String, Map<String, String>> namespace : namespaces.entrySet()) {
                    if (ces.selects(namespace.getKey(), namespace.getValue())) {
                        any = true;
                        ExternalSecret es = ces.externalSecretIn(namespace.getKey());
                        unique("ExternalSecret", es.namespace(), es.name(), sink);
                        accept(cesSources.get(ces), es, sink);
                    }
                }
                if (!any) {
                    sink.warn(
                            "spec",
                            "ClusterExternalSecret " + GoDuration.quote(ces.name()) + " selects none of the namespaces "
                                    + namespaces.keySet() + " (" + String.join(", ", ces.describeSelection())
                                    + "): no ExternalSecret");
                }
            }
        }

        Manifests finish() {
            expandClusterExternalSecrets();
            if (firstV1beta1 != null) {
                problems.insertWarning(
                        firstV1beta1Warning, firstV1beta1, "apiVersion", v1beta1Warning(v1beta1Documents));
            }
            for (ExternalSecret externalSecret : externalSecrets) {
                Problems.Sink sink = problems.at(origins.get(externalSecret));
                resolve(externalSecret, externalSecret.secretStoreRef(), "spec.secretStoreRef", true, sink);
                for (int i = 0; i < externalSecret.data().size(); i++) {
                    SecretStoreRef ref = externalSecret.data().get(i).storeRef();
                    resolve(externalSecret, ref, "spec.data[" + i + "].sourceRef.storeRef", false, sink);
                }
                for (int i = 0; i < externalSecret.dataFrom().size(); i++) {
                    SecretStoreRef ref = externalSecret.dataFrom().get(i).storeRef();
                    resolve(externalSecret, ref, "spec.dataFrom[" + i + "].sourceRef.storeRef", false, sink);
                    GeneratorRef generatorRef = externalSecret.dataFrom().get(i).generatorRef();
                    if (generatorRef != null
                            && Generator.REFERABLE_KINDS.contains(generatorRef.kind())
                            && !generatorRef.name().isEmpty()
                            && findGenerator(generators, clusterGenerators, generatorRef, externalSecret.namespace())
                                    == null) {
                        sink.error(
                                "spec.dataFrom[" + i + "].sourceRef.generatorRef",
                                missingGenerator(generatorRef, externalSecret));
                    }
                }
            }
            problems.throwIfAny();
            return new Manifests(
                    stores,
                    clusterStores,
                    externalSecrets,
                    others,
                    problems.warnings(),
                    origins,
                    bySource,
                    clusterExternalSecrets,
                    generators,
                    clusterGenerators);
        }

        private void resolve(
                ExternalSecret externalSecret, SecretStoreRef ref, String path, boolean main, Problems.Sink sink) {
            if (ref == null) {
                if (main && needsMainStore(externalSecret)) {
                    sink.error(path, "is required");
                }
                return;
            }
            if (ref.name().isEmpty()) {
                return; // reported by the validator
            }
            SecretStore store = find(stores, clusterStores, ref, externalSecret.namespace());
            if (store == null) {
                sink.error(path, missingStore(ref, externalSecret));
            } else if (!store.allowsNamespace(
                    externalSecret.namespace(), namespaces.getOrDefault(externalSecret.namespace(), Map.of()))) {
                // ESO's errClusterStoreMismatch (pkg/controllers/secretstore/client_manager.go)
                sink.error(
                        path,
                        "using cluster store " + GoDuration.quote(store.name()) + " is not allowed from namespace "
                                + GoDuration.quote(externalSecret.namespace()) + ": denied by spec.condition"
                                + (namespaces.containsKey(externalSecret.namespace())
                                        ? ""
                                        : " (eso4j knows only the label kubernetes.io/metadata.name of this"
                                                + " namespace; give its labels with Manifests.builder().namespace(..))"));
            }
        }

        private static boolean needsMainStore(ExternalSecret externalSecret) {
            for (ExternalSecretData data : externalSecret.data()) {
                if (data.storeRef() == null) {
                    return true;
                }
            }
            for (DataFrom dataFrom : externalSecret.dataFrom()) {
                if (dataFrom.storeRef() == null && dataFrom.generatorRef() == null) {
                    return true;
                }
            }
            return false;
        }
    }
}
