package io.eso4j.spring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.eso4j.ExternalSecrets;
import io.eso4j.InvalidSpecException;
import io.eso4j.SecretsException;
import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.Manifests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The {@code eso:} imports of one application start, kept in the bootstrap context: the resolver queues every
 * item, and the first load resolves all queued items together in one {@link ExternalSecrets} (one plan, batched
 * and parallel calls), although Spring's importer calls the loader once per item. Later loads read from it.
 * Items queued after that (profile-specific imports) are resolved together in a further instance.
 *
 * <p>Thread-safe (synchronized); start-up is single-threaded anyway.
 */
final class EsoImports {

    static final String STORE_NAME = "eso4j-store";
    static final String STORE_CREDENTIALS = "eso4j-store-credentials";
    static final String SECRETS_BEAN = "eso4jExternalSecrets";
    static final String REGISTRY_BEAN = "eso4jExternalSecretsRegistry";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final EsoProperties properties;
    private final Log log;
    private final ExternalSecretsRegistry registry = new ExternalSecretsRegistry();
    private final List<EsoConfigDataResource> pending = new ArrayList<>();
    private final Map<EsoConfigDataResource, Loaded> loaded = new HashMap<>();
    private ExternalSecretsCustomizer customizer = builder -> {};

    private record Loaded(List<ExternalSecretPropertySource> sources, RuntimeException failure) {}

    EsoImports(EsoProperties properties, Log log) {
        this.properties = properties;
        this.log = log;
    }

    synchronized void customizer(ExternalSecretsCustomizer customizer) {
        this.customizer = customizer;
    }

    synchronized void add(EsoConfigDataResource resource) {
        if (!loaded.containsKey(resource) && !pending.contains(resource)) {
            pending.add(resource);
        }
    }

    /**
     * The property sources of {@code resource}, resolving every queued item first if it is one of them.
     *
     * @throws RuntimeException the item's failure, unless it is optional (then it has no property sources)
     */
    synchronized List<ExternalSecretPropertySource> load(EsoConfigDataResource resource) {
        add(resource);
        if (!loaded.containsKey(resource)) {
            resolvePending();
        }
        Loaded result = loaded.get(resource);
        if (result.failure() == null) {
            return result.sources();
        }
        if (resource.optional()) {
            log.warn("optional eso:" + resource.location() + " not loaded: "
                    + result.failure().getMessage());
            return result.sources();
        }
        close();
        throw result.failure();
    }

    ExternalSecretsRegistry registry() {
        return registry;
    }

    /** Makes the resolved secrets beans of the application context and closes them with it. */
    synchronized void promote(ConfigurableApplicationContext context) {
        List<ExternalSecrets> instances = registry.instances();
        if (instances.isEmpty()) {
            return;
        }
        var beans = context.getBeanFactory();
        if (!beans.containsSingleton(SECRETS_BEAN)) {
            beans.registerSingleton(SECRETS_BEAN, instances.get(0));
            beans.registerSingleton(REGISTRY_BEAN, registry);
            context.addApplicationListener(new CloseWithContext(context, this));
        }
    }

    synchronized void close() {
        registry.instances().forEach(ExternalSecrets::close);
    }

    private void resolvePending() {
        List<EsoConfigDataResource> batch = List.copyOf(pending);
        pending.clear();
        Manifests manifests;
        List<EsoConfigDataResource> included = new ArrayList<>(batch);
        try {
            manifests = parse(included);
        } catch (RuntimeException e) {
            included.removeIf(EsoConfigDataResource::optional);
            if (included.size() == batch.size() || included.isEmpty()) {
                batch.forEach(resource -> loaded.put(resource, new Loaded(List.of(), e)));
                return;
            }
            log.warn("optional eso: imports skipped, their manifests are invalid: " + e.getMessage());
            batch.stream()
                    .filter(EsoConfigDataResource::optional)
                    .forEach(resource -> loaded.put(resource, new Loaded(List.of(), e)));
            try {
                manifests = parse(included);
            } catch (RuntimeException again) {
                included.forEach(resource -> loaded.put(resource, new Loaded(List.of(), again)));
                return;
            }
        }
        manifests.warnings().forEach(warning -> log.warn(warning));
        ExternalSecrets secrets;
        try {
            secrets = build(manifests);
        } catch (RuntimeException e) {
            included.forEach(resource -> loaded.put(resource, new Loaded(List.of(), e)));
            return;
        }
        registry.register(secrets);
        Map<String, SecretsException> failures = secrets.failures();
        for (EsoConfigDataResource resource : included) {
            List<ExternalSecretPropertySource> sources = new ArrayList<>();
            RuntimeException failure = null;
            for (String[] id : externalSecretIds(resource)) {
                String key = id[0].isEmpty() ? id[1] : id[0] + "/" + id[1];
                sources.add(new ExternalSecretPropertySource(
                        secrets, id[0], id[1], properties.getPrefix() + resource.prefix(), properties.isFlattenJson()));
                if (failure == null && failures.containsKey(key)) {
                    failure = failures.get(key);
                }
            }
            loaded.put(resource, new Loaded(List.copyOf(sources), failure));
            log.info("eso:" + resource.location() + ": " + sources.size() + " ExternalSecret(s)"
                    + (failure == null ? "" : ", failed"));
        }
    }

    private ExternalSecrets build(Manifests manifests) {
        ExternalSecrets.Builder builder = ExternalSecrets.builder()
                .manifests(manifests)
                .failOnError(false)
                .secretKeyResolver(secretKeyResolver())
                .authOptions(authOptions())
                .awsCallListener(registry.callRelay());
        if (properties.getEndpoint() != null) {
            builder.endpointOverride(properties.getEndpoint());
        }
        customizer.customize(builder);
        return builder.build();
    }

    private SecretKeyResolver secretKeyResolver() {
        Map<String, String> values = new LinkedHashMap<>(properties.getSecretKeys());
        EsoProperties.Auth auth = properties.getStore().getAuth();
        putIfSet(values, STORE_CREDENTIALS + "/access-key-id", auth.getAccessKeyId());
        putIfSet(values, STORE_CREDENTIALS + "/secret-access-key", auth.getSecretAccessKey());
        putIfSet(values, STORE_CREDENTIALS + "/session-token", auth.getSessionToken());
        SecretKeyResolver resolver = SecretKeyResolver.fromMap(values);
        if (properties.getSecretKeysPath() != null) {
            resolver = resolver.orElse(SecretKeyResolver.mountedSecrets(Path.of(properties.getSecretKeysPath())));
        }
        return resolver;
    }

    private AuthOptions authOptions() {
        EsoProperties.Sts sts = properties.getSts();
        AuthOptions.Builder builder = AuthOptions.defaults().toBuilder();
        if (sts.getEndpoint() != null) {
            builder.stsEndpoint(sts.getEndpoint());
        }
        if (sts.getRegion() != null) {
            builder.stsRegion(Region.of(sts.getRegion()));
        }
        if (sts.getWebIdentityTokenFile() != null) {
            builder.webIdentityTokenFile(Path.of(sts.getWebIdentityTokenFile()));
        }
        if (sts.getRoleArn() != null) {
            builder.webIdentityRoleArn(sts.getRoleArn());
        }
        if (sts.getRoleSessionName() != null) {
            builder.roleSessionName(sts.getRoleSessionName());
        }
        return builder.build();
    }

    private Manifests parse(List<EsoConfigDataResource> resources) {
        Map<String, String> sources = new LinkedHashMap<>();
        boolean shortForm = false;
        for (EsoConfigDataResource resource : resources) {
            sources.putAll(resource.manifestSources());
            if (resource.awsSecretId() != null) {
                shortForm = true;
                sources.put(
                        "eso:" + resource.location(),
                        shortFormExternalSecret(shortFormName(resource), resource.awsSecretId()));
            }
        }
        if (shortForm) {
            sources.put("eso4j.store", shortFormStore());
        }
        return Manifests.parse(sources);
    }

    /** {@code [namespace, name]} of each ExternalSecret of {@code resource}. */
    private List<String[]> externalSecretIds(EsoConfigDataResource resource) {
        List<String[]> ids = new ArrayList<>();
        if (resource.awsSecretId() != null) {
            ids.add(new String[] {"", shortFormName(resource)});
            return ids;
        }
        for (String text : resource.manifestSources().values()) {
            try (MappingIterator<JsonNode> documents =
                    YAML.readerFor(JsonNode.class).readValues(text)) {
                while (documents.hasNext()) {
                    JsonNode document = documents.next();
                    if (document != null
                            && "ExternalSecret".equals(document.path("kind").asText())) {
                        JsonNode metadata = document.path("metadata");
                        ids.add(new String[] {
                            metadata.path("namespace").asText(""),
                            metadata.path("name").asText("")
                        });
                    }
                }
            } catch (IOException e) {
                throw new InvalidSpecException(
                        List.of("eso:" + resource.location() + ": cannot list its ExternalSecrets"));
            }
        }
        return ids;
    }

    /**
     * The ExternalSecret name of a short-form item: {@code aws-} and its secret id, made a valid Kubernetes name
     * (lower case, every other character {@code -}, at most 253 characters, ending in a letter or digit), which
     * core's validator requires of every {@code metadata.name}.
     */
    private String shortFormName(EsoConfigDataResource resource) {
        String name = ("aws-" + resource.awsSecretId().toLowerCase(Locale.ROOT)).replaceAll("[^a-z0-9]", "-");
        name = name.substring(0, Math.min(name.length(), 253));
        int end = name.length();
        while (name.charAt(end - 1) == '-') {
            end--;
        }
        return name.substring(0, end);
    }

    private String shortFormExternalSecret(String name, String secretId) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("refreshInterval", properties.getStore().getRefreshInterval().toSeconds() + "s");
        spec.put("secretStoreRef", Map.of("name", STORE_NAME, "kind", "SecretStore"));
        spec.put("dataFrom", List.of(Map.of("extract", Map.of("key", secretId))));
        return json(document("ExternalSecret", name, spec));
    }

    private String shortFormStore() {
        EsoProperties.Store store = properties.getStore();
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("service", "SecretsManager");
        aws.put("region", region(store));
        if (store.getRole() != null && !store.getRole().isEmpty()) {
            aws.put("role", store.getRole());
        }
        EsoProperties.Auth auth = store.getAuth();
        if (auth.getAccessKeyId() != null || auth.getSecretAccessKey() != null) {
            Map<String, Object> secretRef = new LinkedHashMap<>();
            secretRef.put("accessKeyIDSecretRef", Map.of("name", STORE_CREDENTIALS, "key", "access-key-id"));
            secretRef.put("secretAccessKeySecretRef", Map.of("name", STORE_CREDENTIALS, "key", "secret-access-key"));
            if (auth.getSessionToken() != null) {
                secretRef.put("sessionTokenSecretRef", Map.of("name", STORE_CREDENTIALS, "key", "session-token"));
            }
            aws.put("auth", Map.of("secretRef", secretRef));
        }
        return json(document("SecretStore", STORE_NAME, Map.of("provider", Map.of("aws", aws))));
    }

    private static String region(EsoProperties.Store store) {
        if (store.getRegion() != null && !store.getRegion().isEmpty()) {
            return store.getRegion();
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (RuntimeException e) {
            throw new SecretsException("no region for the eso:aws: store: set eso4j.store.region or AWS_REGION");
        }
    }

    private static Map<String, Object> document(String kind, String name, Map<String, Object> spec) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", "external-secrets.io/v1");
        document.put("kind", kind);
        document.put("metadata", Map.of("name", name));
        document.put("spec", spec);
        return document;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a generated manifest", e);
        }
    }

    private static void putIfSet(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    /** Closes the imports' secrets when the context they were promoted into closes. */
    private static final class CloseWithContext implements ApplicationListener<ContextClosedEvent> {

        private final ConfigurableApplicationContext context;
        private final EsoImports imports;

        CloseWithContext(ConfigurableApplicationContext context, EsoImports imports) {
            this.context = context;
            this.imports = imports;
        }

        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            if (event.getApplicationContext() == context) {
                imports.close();
            }
        }
    }
}
