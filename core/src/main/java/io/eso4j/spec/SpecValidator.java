package io.eso4j.spec;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ESO's admission rules (webhook and CRD schema) plus eso4j's own limits, applied to spec records. The loader runs
 * it on every manifest; code that builds records directly calls {@link #validate(ExternalSecret)} or
 * {@link #validate(SecretStore)} (the builders do so on {@code build()}).
 *
 * <p>Every problem names its origin, the manifest field path and the reason, for example
 * {@code <code> spec.data[1].remoteRef.key: must not be empty}; all problems are reported together. Messages quote
 * manifest values only where the value is the problem (cut to 80 characters) and never a template's content.
 * Stateless and thread-safe.
 */
final class SpecValidator {

    /** The origin named in messages about records built in code. */
    public static final String CODE_ORIGIN = "<code>";

    static final int MAX_KEY_LENGTH = 253;

    private static final Pattern KEY_CHARS = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final String SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";
    private static final String SERVICE_ACCOUNT_NAME_ANNOTATION = "kubernetes.io/service-account.name";
    private static final String BOOTSTRAP_TOKEN = "bootstrap.kubernetes.io/token";

    private SpecValidator() {}

    /**
     * Checks an ExternalSecret built in code.
     *
     * @throws io.eso4j.InvalidSpecException listing every problem
     */
    public static void validate(ExternalSecret externalSecret) {
        Problems problems = new Problems();
        check(externalSecret, problems.at(CODE_ORIGIN), true);
        problems.throwIfAny();
    }

    /**
     * Checks a SecretStore or ClusterSecretStore built in code.
     *
     * @throws io.eso4j.InvalidSpecException listing every problem
     */
    public static void validate(SecretStore store) {
        Problems problems = new Problems();
        check(store, problems.at(CODE_ORIGIN));
        problems.throwIfAny();
    }

    static void check(ExternalSecret es, Problems.Sink sink, boolean needsName) {
        if (needsName && es.name().isEmpty()) {
            sink.error("metadata.name", "is required");
        }
        checkMetadata(es.name(), es.namespace(), sink);
        if (es.refreshInterval().isNegative()) {
            sink.error("spec.refreshInterval", "must not be negative");
        }
        if (es.secretStoreRef() != null) {
            checkStoreRef(es.secretStoreRef(), "spec.secretStoreRef", sink);
        }
        checkTarget(es.target(), sink);
        Set<String> seenKeys = new HashSet<>();
        for (int i = 0; i < es.data().size(); i++) {
            String path = "spec.data[" + i + "]";
            ExternalSecretData data = es.data().get(i);
            checkSecretKey(data.secretKey(), path + ".secretKey", sink);
            if (es.target().deletionPolicy() == DeletionPolicy.RETAIN && !seenKeys.add(data.secretKey())) {
                sink.error(path + ".secretKey", "duplicate secretKey found: " + printableKey(data.secretKey()));
            }
            checkRemoteRef(data.remoteRef(), path + ".remoteRef", sink);
            if (data.storeRef() != null) {
                checkStoreRef(data.storeRef(), path + ".sourceRef.storeRef", sink);
            }
        }
        for (int i = 0; i < es.dataFrom().size(); i++) {
            checkDataFrom(es.dataFrom().get(i), "spec.dataFrom[" + i + "]", sink);
        }
        // Last: a problem at "spec" hides later ones under it, and ESO reports the target's problems too (its
        // validator test "multiple errors" expects both)
        if (es.data().isEmpty() && es.dataFrom().isEmpty()) {
            sink.error("spec", "either data or dataFrom should be specified");
        }
    }

    private static void checkTarget(Target target, Problems.Sink sink) {
        CreationPolicy creation = target.creationPolicy();
        DeletionPolicy deletion = target.deletionPolicy();
        if (deletion == DeletionPolicy.DELETE
                && (creation == CreationPolicy.MERGE
                        || creation == CreationPolicy.NONE
                        || creation == CreationPolicy.CREATE_OR_MERGE)) {
            sink.error(
                    "spec.target.deletionPolicy",
                    "deletionPolicy=Delete must not be used when the controller doesn't own the secret. Please set"
                            + " creationPolicy=Owner");
        }
        if (deletion == DeletionPolicy.MERGE && creation == CreationPolicy.NONE) {
            sink.error(
                    "spec.target.deletionPolicy",
                    "deletionPolicy=Merge must not be used with creationPolicy=None. There is no Secret to merge"
                            + " with");
        }
        if (!target.name().isEmpty()) {
            checkObjectName(target.name(), "spec.target.name", sink);
        }
        TargetManifest manifest = target.manifest();
        if (manifest != null) {
            // the CRD's required/MinLength=1 on ManifestReference (validateGenericTarget says the same at runtime)
            if (manifest.apiVersion().isEmpty()) {
                sink.error("spec.target.manifest.apiVersion", "is required");
            }
            if (manifest.kind().isEmpty()) {
                sink.error("spec.target.manifest.kind", "is required");
            }
        }
        Template template = target.template();
        if (template == null) {
            return;
        }
        String path = "spec.target.template";
        if (!template.engineVersion().equals("v2")) {
            sink.error(
                    path + ".engineVersion",
                    "unsupported value " + GoDuration.quote(template.engineVersion()) + ", expected one of: v2");
        }
        if (template.type().equals(BOOTSTRAP_TOKEN)) {
            sink.error(path + ".type", "template.type=\"" + BOOTSTRAP_TOKEN + "\" is not allowed");
        }
        if (template.type().equals(SERVICE_ACCOUNT_TOKEN)) {
            if (template.annotations().containsKey(SERVICE_ACCOUNT_NAME_ANNOTATION)) {
                sink.error(
                        path + ".type",
                        "template.type=\"" + SERVICE_ACCOUNT_TOKEN + "\" with annotation \""
                                + SERVICE_ACCOUNT_NAME_ANNOTATION + "\" is not allowed");
            }
            for (TemplateFrom from : template.templateFrom()) {
                if (from.target() == TemplateScope.ANNOTATIONS) {
                    sink.error(
                            path + ".type",
                            "template.type=\"" + SERVICE_ACCOUNT_TOKEN
                                    + "\" with templateFrom target=\"Annotations\" is not allowed");
                    break;
                }
            }
        }
        for (String key : template.data().keySet()) {
            checkSecretKey(key, path + ".data[" + GoDuration.quote(key) + "]", sink);
        }
        // An empty literal is valid and renders to nothing (ESO's MergeLiteral); sources follow ESO's CRD schema.
        for (int i = 0; i < template.templateFrom().size(); i++) {
            TemplateFrom from = template.templateFrom().get(i);
            checkTemplateRef(from.configMap(), path + ".templateFrom[" + i + "].configMap", sink);
            checkTemplateRef(from.secret(), path + ".templateFrom[" + i + "].secret", sink);
        }
    }

    private static void checkTemplateRef(TemplateRef ref, String path, Problems.Sink sink) {
        if (ref == null) {
            return;
        }
        if (!ref.name().isEmpty()) {
            checkObjectName(ref.name(), path + ".name", sink);
        }
        for (int i = 0; i < ref.items().size(); i++) {
            String key = ref.items().get(i).key();
            if (!key.isEmpty()) {
                checkSecretKey(key, path + ".items[" + i + "].key", sink);
            }
        }
    }

    private static void checkDataFrom(DataFrom dataFrom, String path, Problems.Sink sink) {
        // ESO apis/externalsecrets/v1/externalsecret_validator.go validateExtractFindGenerator / validateSourceRef
        int set = (dataFrom.extract() != null ? 1 : 0)
                + (dataFrom.find() != null ? 1 : 0)
                + (dataFrom.generatorRef() != null ? 1 : 0);
        if (set > 1) {
            sink.error(path, "extract, find, or generatorRef cannot be set at the same time");
        } else if (set == 0) {
            sink.error(path, "either extract, find, or sourceRef must be set to dataFrom");
        }
        GeneratorRef generator = dataFrom.generatorRef();
        if (generator != null) {
            String generatorPath = path + ".sourceRef.generatorRef";
            if (!generator.apiVersion().equals(Generator.API_VERSION)) {
                sink.error(
                        generatorPath + ".apiVersion",
                        "unsupported value " + GoDuration.quote(generator.apiVersion()) + ", expected "
                                + Generator.API_VERSION);
            }
            if (generator.name().isEmpty()) {
                sink.error(generatorPath + ".name", "is required");
            }
            if (!Generator.REFERABLE_KINDS.contains(generator.kind())) {
                sink.error(
                        generatorPath + ".kind",
                        "generator kind " + GoDuration.quote(generator.kind()) + " is not supported by eso4j"
                                + " (supported: " + String.join(", ", Generator.REFERABLE_KINDS) + ")");
            }
        }
        if (dataFrom.extract() != null) {
            checkRemoteRef(dataFrom.extract(), path + ".extract", sink);
        }
        if (dataFrom.find() != null
                && dataFrom.find().nameRegexp().isEmpty()
                && dataFrom.find().tags().isEmpty()) {
            sink.error(path + ".find", "unexpected find operator: find needs name.regexp or tags");
        }
        if (dataFrom.storeRef() != null) {
            checkStoreRef(dataFrom.storeRef(), path + ".sourceRef.storeRef", sink);
        }
        List<Rewrite> rewrites = dataFrom.rewrite();
        for (int i = 0; i < rewrites.size(); i++) {
            checkRewrite(rewrites.get(i), path + ".rewrite[" + i + "]", sink);
        }
    }

    private static void checkRewrite(Rewrite rewrite, String path, Problems.Sink sink) {
        if (rewrite instanceof Rewrite.Regexp) {
            Rewrite.Regexp regexp = (Rewrite.Regexp) rewrite;
            if (regexp.source().isEmpty()) {
                sink.error(path + ".regexp.source", "must not be empty");
            } else {
                String problem = regexpProblem(regexp.source());
                if (problem != null) {
                    sink.error(
                            path + ".regexp.source",
                            "invalid regexp " + GoDuration.quote(regexp.source()) + ": " + problem);
                }
            }
        } else if (rewrite instanceof Rewrite.Transform) {
            if (((Rewrite.Transform) rewrite).template().isEmpty()) {
                sink.error(path + ".transform.template", "must not be empty");
            }
        } else if (rewrite instanceof Rewrite.Merge) {
            Rewrite.Merge merge = (Rewrite.Merge) rewrite;
            if (merge.strategy() == Rewrite.Merge.Strategy.JSON && merge.into().isEmpty()) {
                sink.error(path + ".merge.into", "merge failed with missing 'into' field");
            }
        } else {
            sink.error(path, "exactly one of regexp, transform or merge must be set");
        }
    }

    /** Go's {@code regexp.Compile}, as the mapping engine runs it: the same patterns pass, with Go's message. */
    private static String regexpProblem(String source) {
        try {
            GoRegexp.compile(source);
            return null;
        } catch (GoRegexp.SyntaxException e) {
            return e.getMessage();
        }
    }

    private static void checkRemoteRef(RemoteRef ref, String path, Problems.Sink sink) {
        if (ref.key().isEmpty()) {
            sink.error(path + ".key", "must not be empty");
        }
        if (ref.version().equals("uuid/")) {
            sink.error(path + ".version", "uuid/ must be followed by a version id");
        }
    }

    private static void checkStoreRef(SecretStoreRef ref, String path, Problems.Sink sink) {
        if (ref.name().isEmpty()) {
            sink.error(path + ".name", "is required");
        } else {
            checkObjectName(ref.name(), path + ".name", sink);
        }
    }

    private static void checkMetadata(String name, String namespace, Problems.Sink sink) {
        if (!name.isEmpty()) {
            checkObjectName(name, "metadata.name", sink);
        }
        if (!namespace.isEmpty()) {
            checkNamespaceName(namespace, "metadata.namespace", sink);
        }
    }

    /**
     * A name that is or becomes a Kubernetes object name (the ExternalSecret's and the store's {@code metadata.name},
     * {@code target.name}, the Secret and service account names of references): a lowercase RFC 1123 subdomain, as
     * the API server requires of every object name and ESO's CRD schemas require of every reference
     * ({@code apis/meta/v1/types.go}, {@code apis/externalsecrets/v1/externalsecret_types.go}). The value is quoted
     * with control characters escaped, so a hostile name cannot break a message line.
     */
    private static void checkObjectName(String name, String path, Problems.Sink sink) {
        String reason = KubernetesNames.subdomainProblem(name);
        if (reason != null) {
            sink.error(path, reason);
        }
    }

    /** A namespace name: a lowercase RFC 1123 label (at most 63 characters). */
    private static void checkNamespaceName(String namespace, String path, Problems.Sink sink) {
        String reason = KubernetesNames.labelProblem(namespace);
        if (reason != null) {
            sink.error(path, reason);
        }
    }

    /** Kubernetes' rule for Secret data keys ({@code IsConfigMapKey}), which every target key must pass. */
    static void checkSecretKey(String key, String path, Problems.Sink sink) {
        String reason = secretKeyProblem(key);
        if (reason != null) {
            sink.error(path, reason);
        }
    }

    /**
     * A key as ESO prints it in its duplicate-key message (unquoted), when it is a valid key; otherwise quoted with
     * control characters escaped, so an invalid key (reported on its own) cannot break the message line.
     */
    private static String printableKey(String key) {
        return secretKeyProblem(key) == null ? key : GoDuration.quote(key);
    }

    static String secretKeyProblem(String key) {
        if (key.isEmpty()) {
            return "must not be empty";
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return "must be no more than 253 characters (has " + key.length() + ")";
        }
        if (!KEY_CHARS.matcher(key).matches()) {
            return "invalid key " + GoDuration.quote(key)
                    + ": must consist of alphanumeric characters, '-', '_' or '.'";
        }
        if (key.equals(".") || key.equals("..")) {
            return "invalid key " + GoDuration.quote(key) + ": must not be '.' or '..'";
        }
        if (key.startsWith("..")) {
            return "invalid key " + GoDuration.quote(key) + ": must not start with '..'";
        }
        return null;
    }

    static void check(SecretStore store, Problems.Sink sink) {
        if (store.name().isEmpty()) {
            sink.error("metadata.name", "is required");
        }
        checkMetadata(store.name(), store.namespace(), sink);
        AwsProvider aws = store.aws();
        String path = "spec.provider.aws";
        if (aws.region().isEmpty()) {
            sink.error(path + ".region", "is required");
        }
        for (int i = 0; i < aws.additionalRoles().size(); i++) {
            if (aws.additionalRoles().get(i) == null
                    || aws.additionalRoles().get(i).isEmpty()) {
                sink.error(path + ".additionalRoles[" + i + "]", "must not be empty");
            }
        }
        for (int i = 0; i < aws.sessionTags().size(); i++) {
            Tag tag = aws.sessionTags().get(i);
            if (tag.key().isEmpty()) {
                sink.error(path + ".sessionTags[" + i + "].key", "is required");
            }
        }
        for (String reserved : AwsProvider.RESERVED_SESSION_TAG_KEYS) {
            if (aws.customSessionTags().containsKey(reserved)) {
                // the CRD's CEL rule (apis/externalsecrets/v1/secretstore_aws_types.go), reported once
                sink.error(
                        path + ".customSessionTags",
                        "customSessionTags cannot contain automatically injected reserved keys: esoNamespace,"
                                + " esoStoreName, esoStoreKind");
                break;
            }
        }
        for (int i = 0; i < store.conditions().size(); i++) {
            List<String> regexes = store.conditions().get(i).namespaceRegexes();
            for (int j = 0; j < regexes.size(); j++) {
                try {
                    GoRegexp.compile(regexes.get(j));
                } catch (GoRegexp.SyntaxException e) {
                    // ESO: "failed to compile regex %v: %w" when an ExternalSecret uses the store
                    sink.error(
                            "spec.conditions[" + i + "].namespaceRegexes[" + j + "]",
                            "failed to compile regex " + regexes.get(j) + ": " + e.getMessage());
                }
            }
        }
        AwsAuthSpec auth = aws.auth();
        if (auth.secretRef() != null) {
            String refPath = path + ".auth.secretRef";
            AwsAuthSpec.SecretRefAuth ref = auth.secretRef();
            checkSelector(ref.accessKeyId(), refPath + ".accessKeyIDSecretRef", true, store, sink);
            checkSelector(ref.secretAccessKey(), refPath + ".secretAccessKeySecretRef", true, store, sink);
            checkSelector(ref.sessionToken(), refPath + ".sessionTokenSecretRef", false, store, sink);
        }
        if (auth.jwt() != null) {
            ServiceAccountSelector account = auth.jwt().serviceAccountRef();
            String accountPath = path + ".auth.jwt.serviceAccountRef";
            if (account == null) {
                sink.error(accountPath, "is required");
            } else {
                if (account.name().isEmpty()) {
                    sink.error(accountPath + ".name", "is required");
                } else {
                    checkObjectName(account.name(), accountPath + ".name", sink);
                }
                checkNamespace(account.namespace(), accountPath + ".namespace", store, sink);
            }
        }
        RetrySettings retry = store.retrySettings();
        if (retry != null) {
            if (retry.maxRetries() != null && retry.maxRetries() < 0) {
                sink.error("spec.retrySettings.maxRetries", "must not be negative");
            }
            Duration interval = retry.retryInterval();
            if (interval != null && interval.isNegative()) {
                sink.error("spec.retrySettings.retryInterval", "must not be negative");
            }
        }
    }

    private static void checkSelector(
            SecretKeySelector selector, String path, boolean required, SecretStore store, Problems.Sink sink) {
        if (selector == null) {
            if (required) {
                sink.error(path, "is required");
            }
            return;
        }
        if (selector.name().isEmpty()) {
            sink.error(path + ".name", "is required");
        } else {
            checkObjectName(selector.name(), path + ".name", sink);
        }
        if (selector.key().isEmpty()) {
            sink.error(path + ".key", "is required");
        } else {
            checkSecretKey(selector.key(), path + ".key", sink);
        }
        checkNamespace(selector.namespace(), path + ".namespace", store, sink);
    }

    private static void checkNamespace(String namespace, String path, SecretStore store, Problems.Sink sink) {
        if (!namespace.isEmpty()) {
            checkNamespaceName(namespace, path, sink);
        }
        if (store.kind() == StoreKind.SECRET_STORE
                && !namespace.isEmpty()
                && !store.namespace().isEmpty()
                && !namespace.equals(store.namespace())) {
            sink.error(
                    path,
                    "namespace should either be empty or match the namespace of the SecretStore for a namespaced"
                            + " SecretStore");
        }
    }
}
