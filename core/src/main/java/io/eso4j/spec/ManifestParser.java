package io.eso4j.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the tree of one {@code external-secrets.io} document into spec records, reporting wrong types, bad values
 * and unsupported features on the document's sink and warning about unknown or ignored fields. Semantic rules are
 * {@link SpecValidator}'s. Not thread-safe; one per document.
 */
final class ManifestParser {

    static final String GROUP = "external-secrets.io";
    static final String V1 = GROUP + "/v1";
    static final String V1BETA1 = GROUP + "/v1beta1";

    /** Kubernetes bookkeeping in {@code metadata} that says nothing about the spec. */
    private static final String[] METADATA_BOOKKEEPING = {
        "uid",
        "resourceVersion",
        "generation",
        "creationTimestamp",
        "deletionTimestamp",
        "deletionGracePeriodSeconds",
        "managedFields",
        "ownerReferences",
        "finalizers",
        "generateName",
        "selfLink"
    };

    private final Problems.Sink sink;
    private final boolean v1;

    ManifestParser(Problems.Sink sink, boolean v1) {
        this.sink = sink;
        this.v1 = v1;
    }

    /** {@code metadata.name}, {@code metadata.namespace}, labels and annotations of a document. */
    record Metadata(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {}

    Metadata metadata(Fields root) {
        Fields metadata = root.object("metadata");
        if (metadata == null) {
            if (!root.has("metadata")) {
                sink.error("metadata.name", "is required");
            }
            return new Metadata("", "", Map.of(), Map.of());
        }
        String name = metadata.string("name");
        if (name == null || name.isEmpty()) {
            if (!metadata.has("name") || name != null) {
                sink.error("metadata.name", "is required");
            }
        }
        Metadata result = new Metadata(
                Specs.text(name),
                Specs.text(metadata.string("namespace")),
                metadata.stringMap("labels"),
                metadata.stringMap("annotations"));
        metadata.accept(METADATA_BOOKKEEPING);
        metadata.finish();
        return result;
    }

    // ---------------------------------------------------------------- ExternalSecret

    ExternalSecret externalSecret(Metadata metadata, Fields spec) {
        if (spec == null) {
            return new ExternalSecret(
                    metadata.name(),
                    metadata.namespace(),
                    metadata.labels(),
                    metadata.annotations(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        SecretStoreRef storeRef = storeRef(spec.object("secretStoreRef"));
        Target target = target(spec.object("target"));
        Duration refreshInterval = spec.duration("refreshInterval");
        RefreshPolicy refreshPolicy = spec.enumValue("refreshPolicy", RefreshPolicy.class);
        List<ExternalSecretData> data = new ArrayList<>();
        for (Fields entry : spec.objects("data")) {
            if (entry != null) {
                data.add(data(entry));
            }
        }
        List<DataFrom> dataFrom = new ArrayList<>();
        for (Fields entry : spec.objects("dataFrom")) {
            if (entry != null) {
                dataFrom.add(dataFrom(entry));
            }
        }
        spec.ignored("syncWindows", "refresh windows are not implemented; refreshes follow refreshInterval");
        spec.finish();
        return new ExternalSecret(
                metadata.name(),
                metadata.namespace(),
                metadata.labels(),
                metadata.annotations(),
                refreshInterval,
                refreshPolicy,
                storeRef,
                target,
                data,
                dataFrom);
    }

    private SecretStoreRef storeRef(Fields fields) {
        if (fields == null) {
            return null;
        }
        SecretStoreRef ref = new SecretStoreRef(fields.string("name"), fields.enumValue("kind", StoreKind.class));
        fields.finish();
        return ref;
    }

    private Target target(Fields fields) {
        if (fields == null) {
            return null;
        }
        TargetManifest manifest = null;
        Fields manifestFields = fields.object("manifest");
        if (manifestFields != null) {
            manifest = new TargetManifest(manifestFields.string("apiVersion"), manifestFields.string("kind"));
            manifestFields.finish();
        }
        Target target = new Target(
                fields.string("name"),
                fields.enumValue("creationPolicy", CreationPolicy.class),
                fields.enumValue("deletionPolicy", DeletionPolicy.class),
                fields.bool("immutable"),
                template(fields.object("template"), manifest != null),
                manifest);
        fields.finish();
        return target;
    }

    private Template template(Fields fields, boolean generic) {
        if (fields == null) {
            return null;
        }
        Map<String, String> labels = Map.of();
        Map<String, String> annotations = Map.of();
        Fields metadata = fields.object("metadata");
        if (metadata != null) {
            labels = metadata.stringMap("labels");
            annotations = metadata.stringMap("annotations");
            metadata.ignored("finalizers", "eso4j writes no finalizers");
            metadata.finish();
        }
        List<TemplateFrom> templateFrom = new ArrayList<>();
        for (Fields entry : fields.objects("templateFrom")) {
            if (entry != null) {
                templateFrom.add(templateFrom(entry, generic));
            }
        }
        Template template = new Template(
                fields.string("type"),
                fields.string("engineVersion"),
                fields.enumValue("mergePolicy", TemplateMergePolicy.class),
                labels,
                annotations,
                fields.stringMap("data"),
                templateFrom);
        fields.finish();
        return template;
    }

    private TemplateFrom templateFrom(Fields fields, boolean generic) {
        String literal = fields.string("literal");
        TemplateScope scope = null;
        String path = "";
        String target = fields.string("target");
        if (target != null && !target.isEmpty()) {
            for (TemplateScope candidate : TemplateScope.values()) {
                if (candidate.specName().equalsIgnoreCase(target)) {
                    scope = candidate; // ESO compares case-insensitively
                }
            }
            if (scope == null && generic) {
                path = target; // a generic target takes nested paths (externalsecret_types.go, TemplateFrom.Target)
            } else if (scope == null) {
                sink.error(
                        fields.pathOf("target"),
                        "templateFrom target=" + GoDuration.quote(target)
                                + " is not allowed when targeting a Secret, must be one of \"Data\", \"Annotations\""
                                + " or \"Labels\"");
            }
        }
        DecodingStrategy decoding = fields.enumValue("valuesDecodingStrategy", DecodingStrategy.class);
        TemplateRef configMap = templateRef(fields.object("configMap"));
        TemplateRef secret = templateRef(fields.object("secret"));
        fields.finish();
        return new TemplateFrom(literal, scope, decoding, configMap, secret, path);
    }

    /** ESO's {@code TemplateRef}: {@code name} and {@code items} are required by its CRD schema. */
    private TemplateRef templateRef(Fields fields) {
        if (fields == null) {
            return null;
        }
        if (!fields.has("name")) {
            sink.error(fields.pathOf("name"), "is required");
        }
        if (!fields.has("items")) {
            sink.error(fields.pathOf("items"), "is required");
        }
        String name = fields.string("name");
        List<TemplateRef.Item> items = new ArrayList<>();
        for (Fields item : fields.objects("items")) {
            if (item == null) {
                continue;
            }
            if (!item.has("key")) {
                sink.error(item.pathOf("key"), "is required");
            }
            items.add(new TemplateRef.Item(item.string("key"), item.enumValue("templateAs", TemplateAs.class)));
            item.finish();
        }
        fields.finish();
        return new TemplateRef(name, items);
    }

    private ExternalSecretData data(Fields fields) {
        String secretKey = fields.string("secretKey");
        if (!fields.has("secretKey")) {
            sink.error(fields.pathOf("secretKey"), "is required");
        }
        Fields remote = fields.object("remoteRef");
        if (remote == null && !fields.has("remoteRef")) {
            sink.error(fields.pathOf("remoteRef"), "is required");
        }
        RemoteRef remoteRef = remote == null ? RemoteRef.of(null) : remoteRef(remote);
        SecretStoreRef storeRef = sourceRef(fields);
        fields.finish();
        return new ExternalSecretData(secretKey, remoteRef, storeRef);
    }

    private SecretStoreRef sourceRef(Fields fields) {
        Fields source = fields.object("sourceRef");
        if (source == null) {
            return null;
        }
        source.unsupported("generatorRef", "generators need a cluster");
        SecretStoreRef ref = storeRef(source.object("storeRef"));
        source.finish();
        return ref;
    }

    private RemoteRef remoteRef(Fields fields) {
        if (!fields.has("key")) {
            sink.error(fields.pathOf("key"), "is required");
        }
        RemoteRef ref = new RemoteRef(
                fields.string("key"),
                fields.string("property"),
                fields.string("version"),
                fields.enumValue("metadataPolicy", MetadataPolicy.class),
                fields.enumValue("decodingStrategy", DecodingStrategy.class),
                fields.enumValue("conversionStrategy", ConversionStrategy.class),
                fields.enumValue("nullBytePolicy", NullBytePolicy.class));
        fields.finish();
        return ref;
    }

    private DataFrom dataFrom(Fields fields) {
        Fields extractFields = fields.object("extract");
        RemoteRef extract = extractFields == null ? null : remoteRef(extractFields);
        Fields findFields = fields.object("find");
        Find find = findFields == null ? null : find(findFields);
        List<Rewrite> rewrites = new ArrayList<>();
        for (Fields entry : fields.objects("rewrite")) {
            Rewrite rewrite = entry == null ? null : rewrite(entry);
            if (rewrite != null) {
                rewrites.add(rewrite);
            }
        }
        SecretStoreRef storeRef = null;
        GeneratorRef generatorRef = null;
        Fields source = fields.object("sourceRef");
        if (source != null) {
            storeRef = storeRef(source.object("storeRef"));
            Fields generator = source.object("generatorRef");
            if (generator != null) {
                generatorRef = new GeneratorRef(
                        generator.string("apiVersion"), generator.string("kind"), generator.string("name"));
                generator.finish();
            }
            if (storeRef == null && generatorRef == null) {
                // ESO apis/externalsecrets/v1/externalsecret_validator.go validateSourceRef
                sink.error(
                        fields.pathOf("sourceRef"),
                        "generatorRef or storeRef must be set when using sourceRef in dataFrom");
            }
            source.finish();
        }
        fields.finish();
        return new DataFrom(extract, find, rewrites, storeRef, generatorRef);
    }

    // ---------------------------------------------------------------- generators

    /**
     * A generator manifest's spec (ESO {@code apis/generators/v1alpha1/types_sts.go} {@code STSSessionTokenSpec},
     * {@code types_ecr.go} {@code ECRAuthorizationTokenSpec}: region, role, auth, scope).
     */
    Generator generator(String kind, Metadata metadata, Fields spec) {
        if (spec == null) {
            return new Generator(kind, metadata.name(), metadata.namespace(), null, null, null, null, null, null);
        }
        String region = spec.string("region");
        String role = spec.string("role");
        AwsAuthSpec auth = auth(spec.object("auth"));
        Long sessionDuration = null;
        String serialNumber = null;
        String tokenCode = null;
        String scope = kind.equals(Generator.ECR_AUTHORIZATION_TOKEN) ? spec.string("scope") : null;
        Fields parameters = kind.equals(Generator.STS_SESSION_TOKEN) ? spec.object("requestParameters") : null;
        if (parameters != null) {
            Integer seconds = parameters.integer("sessionDuration");
            sessionDuration = seconds == null ? null : seconds.longValue();
            serialNumber = parameters.string("serialNumber");
            tokenCode = parameters.string("tokenCode");
            parameters.finish();
        }
        spec.finish();
        return new Generator(
                kind,
                metadata.name(),
                metadata.namespace(),
                region,
                role,
                auth,
                sessionDuration,
                serialNumber,
                tokenCode,
                scope);
    }

    private Find find(Fields fields) {
        String nameRegexp = null;
        Fields name = fields.object("name");
        if (name != null) {
            nameRegexp = name.string("regexp");
            name.finish();
        }
        Find find = new Find(
                fields.string("path"),
                nameRegexp,
                fields.stringMap("tags"),
                fields.enumValue("conversionStrategy", ConversionStrategy.class),
                fields.enumValue("decodingStrategy", DecodingStrategy.class),
                fields.enumValue("nullBytePolicy", NullBytePolicy.class));
        fields.finish();
        return find;
    }

    private Rewrite rewrite(Fields fields) {
        int present =
                (fields.has("regexp") ? 1 : 0) + (fields.has("transform") ? 1 : 0) + (fields.has("merge") ? 1 : 0);
        if (present != 1) {
            sink.error(fields.path(), "exactly one of regexp, transform or merge must be set");
            fields.finish();
            return null;
        }
        Rewrite rewrite = null;
        Fields regexp = fields.object("regexp");
        if (regexp != null) {
            if (!regexp.has("source")) {
                sink.error(regexp.pathOf("source"), "is required");
            }
            rewrite = new Rewrite.Regexp(Specs.text(regexp.string("source")), regexp.string("target"));
            regexp.finish();
        }
        Fields transform = fields.object("transform");
        if (transform != null) {
            if (!transform.has("template")) {
                sink.error(transform.pathOf("template"), "is required");
            }
            rewrite = new Rewrite.Transform(transform.string("template"));
            transform.finish();
        }
        Fields merge = fields.object("merge");
        if (merge != null) {
            rewrite = new Rewrite.Merge(
                    merge.string("into"),
                    merge.strings("priority"),
                    merge.enumValue("priorityPolicy", Rewrite.Merge.PriorityPolicy.class),
                    merge.enumValue("conflictPolicy", Rewrite.Merge.ConflictPolicy.class),
                    merge.enumValue("strategy", Rewrite.Merge.Strategy.class));
            merge.finish();
        }
        fields.finish();
        return rewrite;
    }

    // ---------------------------------------------------------------- stores

    /** The store, or {@code null} when it has no usable AWS provider (the reason is reported). */
    SecretStore store(StoreKind kind, Metadata metadata, Fields spec) {
        if (spec == null) {
            sink.error("spec", "is required");
            return null;
        }
        AwsProvider aws = null;
        Fields provider = spec.object("provider");
        if (provider == null) {
            if (!spec.has("provider")) {
                sink.error("spec.provider", "is required");
            }
        } else {
            boolean hasAws = provider.has("aws");
            boolean other = false;
            for (String name : provider.names()) {
                if (!name.equals("aws")) {
                    other = true;
                    provider.accept(name);
                    sink.error(
                            provider.pathOf(name),
                            "not supported (yet): eso4j supports the aws provider (SecretsManager, ParameterStore, CertificateManager) only");
                }
            }
            if (!hasAws && !other) {
                sink.error("spec.provider.aws", "is required");
            }
            Fields awsFields = provider.object("aws");
            if (awsFields != null) {
                aws = aws(awsFields);
            }
            provider.finish();
        }
        RetrySettings retrySettings = null;
        Fields retry = spec.object("retrySettings");
        if (retry != null) {
            retrySettings = new RetrySettings(retry.integer("maxRetries"), retry.duration("retryInterval"));
            retry.finish();
        }
        JsonNode refresh = spec.raw("refreshInterval");
        if (refresh != null) {
            if (refresh.isTextual()) {
                spec.duration("refreshInterval");
            } else if (!refresh.isIntegralNumber()) {
                sink.error(
                        spec.pathOf("refreshInterval"),
                        "must be a number of seconds or a duration, not " + Fields.typeName(refresh));
            }
            sink.warn(spec.pathOf("refreshInterval"), "ignored by eso4j: the store is checked when it is used");
        }
        spec.ignored("controller", "there is no controller class in-process");
        List<StoreCondition> conditions = new ArrayList<>();
        if (kind == StoreKind.CLUSTER_SECRET_STORE) {
            for (Fields condition : spec.objects("conditions")) {
                if (condition != null) {
                    conditions.add(new StoreCondition(
                            labelSelector(condition.object("namespaceSelector")),
                            condition.strings("namespaces"),
                            condition.strings("namespaceRegexes")));
                    condition.finish();
                }
            }
        } else {
            spec.ignored("conditions", "only a ClusterSecretStore has conditions");
        }
        spec.finish();
        if (aws == null) {
            return null;
        }
        return new SecretStore(kind, metadata.name(), metadata.namespace(), aws, retrySettings, conditions);
    }

    /** A {@code metav1.LabelSelector}, or {@code null}. */
    LabelSelector labelSelector(Fields fields) {
        if (fields == null) {
            return null;
        }
        List<LabelSelector.Requirement> expressions = new ArrayList<>();
        for (Fields expression : fields.objects("matchExpressions")) {
            if (expression != null) {
                String operator = expression.string("operator");
                if (operator != null
                        && !List.of("In", "NotIn", "Exists", "DoesNotExist").contains(operator)) {
                    sink.error(
                            expression.pathOf("operator"),
                            GoDuration.quote(operator) + " is not a valid label selector operator");
                }
                expressions.add(new LabelSelector.Requirement(
                        expression.string("key"), operator, expression.strings("values")));
                expression.finish();
            }
        }
        LabelSelector selector = new LabelSelector(fields.stringMap("matchLabels"), expressions);
        fields.finish();
        return selector;
    }

    // ---------------------------------------------------------------- ClusterExternalSecret

    /** A ClusterExternalSecret: its ExternalSecret spec is parsed as an ExternalSecret's. */
    ClusterExternalSecret clusterExternalSecret(Metadata metadata, Fields spec) {
        String esName = Specs.text(spec.string("externalSecretName"));
        Map<String, String> labels = Map.of();
        Map<String, String> annotations = Map.of();
        Fields esMetadata = spec.object("externalSecretMetadata");
        if (esMetadata != null) {
            labels = esMetadata.stringMap("labels");
            annotations = esMetadata.stringMap("annotations");
            esMetadata.finish();
        }
        List<LabelSelector> selectors = new ArrayList<>();
        LabelSelector deprecated = labelSelector(spec.object("namespaceSelector"));
        if (deprecated != null) {
            selectors.add(deprecated);
        }
        for (Fields selector : spec.objects("namespaceSelectors")) {
            LabelSelector parsed = labelSelector(selector);
            if (parsed != null) {
                selectors.add(parsed);
            }
        }
        List<String> namespaces = spec.strings("namespaces");
        spec.ignored("refreshTime", "there are no namespaces to re-check in-process");
        Fields esSpec = spec.object("externalSecretSpec");
        if (esSpec == null && !spec.has("externalSecretSpec")) {
            sink.error("spec.externalSecretSpec", "is required");
        }
        Metadata esMeta = new Metadata(esName.isEmpty() ? metadata.name() : esName, "", labels, annotations);
        ExternalSecret template = esSpec == null ? externalSecret(esMeta, null) : externalSecret(esMeta, esSpec);
        spec.finish();
        return new ClusterExternalSecret(metadata.name(), template, selectors, namespaces);
    }

    private AwsProvider aws(Fields fields) {
        AwsService service = fields.enumValue("service", AwsService.class);
        if (service == AwsService.CERTIFICATE_MANAGER && !v1) {
            sink.error(
                    fields.pathOf("service"),
                    "unsupported value \"CertificateManager\", expected one of: SecretsManager, ParameterStore");
        }
        if (!fields.has("service")) {
            sink.error(fields.pathOf("service"), "is required");
        }
        List<Tag> sessionTags = new ArrayList<>();
        for (Fields tag : fields.objects("sessionTags")) {
            if (tag != null) {
                sessionTags.add(new Tag(tag.string("key"), tag.string("value")));
                tag.finish();
            }
        }
        SessionTagsPolicy policy = null;
        Map<String, String> customSessionTags = Map.of();
        if (v1) {
            policy = fields.enumValue("sessionTagsPolicy", SessionTagsPolicy.class);
            customSessionTags = fields.stringMap("customSessionTags");
            if (!customSessionTags.isEmpty() && policy != SessionTagsPolicy.CUSTOM) {
                sink.warn(
                        fields.pathOf("customSessionTags"),
                        "ignored: used only with sessionTagsPolicy: Custom, as in ESO");
            }
            if (policy != null && policy != SessionTagsPolicy.NONE && !sessionTags.isEmpty()) {
                sink.warn(
                        fields.pathOf("sessionTags"),
                        "ignored: sessionTagsPolicy " + policy.specName() + " replaces these tags, as in ESO");
            }
        }
        fields.ignored("secretsManager", "it configures PushSecret deletion only");
        AwsProvider provider = new AwsProvider(
                service,
                fields.string("region"),
                fields.string("role"),
                fields.strings("additionalRoles"),
                fields.string("externalID"),
                sessionTags,
                fields.strings("transitiveTagKeys"),
                fields.string("prefix"),
                auth(fields.object("auth")),
                policy,
                customSessionTags);
        fields.finish();
        return provider;
    }

    private AwsAuthSpec auth(Fields fields) {
        if (fields == null) {
            return null;
        }
        AwsAuthSpec.SecretRefAuth secretRef = null;
        Fields refs = fields.object("secretRef");
        if (refs != null) {
            secretRef = new AwsAuthSpec.SecretRefAuth(
                    selector(refs.object("accessKeyIDSecretRef")),
                    selector(refs.object("secretAccessKeySecretRef")),
                    selector(refs.object("sessionTokenSecretRef")));
            refs.finish();
        }
        AwsAuthSpec.JwtAuth jwt = null;
        Fields jwtFields = fields.object("jwt");
        if (jwtFields != null) {
            ServiceAccountSelector account = null;
            Fields accountFields = jwtFields.object("serviceAccountRef");
            if (accountFields != null) {
                account = new ServiceAccountSelector(
                        accountFields.string("name"),
                        accountFields.string("namespace"),
                        accountFields.strings("audiences"));
                accountFields.finish();
            }
            jwt = new AwsAuthSpec.JwtAuth(account);
            jwtFields.finish();
        }
        fields.finish();
        return new AwsAuthSpec(secretRef, jwt);
    }

    private SecretKeySelector selector(Fields fields) {
        if (fields == null) {
            return null;
        }
        SecretKeySelector selector =
                new SecretKeySelector(fields.string("name"), fields.string("key"), fields.string("namespace"));
        fields.finish();
        return selector;
    }
}
