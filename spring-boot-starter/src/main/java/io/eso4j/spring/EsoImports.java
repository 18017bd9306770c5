package io.eso4j.spring;

import io.eso4j.ExternalSecrets;
import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.integration.EsoImport;
import io.eso4j.integration.ImportBatch;
import io.eso4j.integration.ShortForm;
import io.eso4j.integration.StsSettings;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Manifests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * The {@code eso:} imports of one application start, kept in the bootstrap context: the resolver queues every
 * item, and the first load resolves all queued items together with core's {@link ImportBatch} (one plan, batched
 * and parallel calls), although Spring's importer calls the loader once per item. Later loads read from it.
 * Items queued after that (profile-specific imports) are resolved together in a further instance. This class
 * keeps only the Spring side: the bootstrap queue, property sources, beans and closing with the context.
 *
 * <p>Thread-safe (synchronized); start-up is single-threaded anyway.
 */
final class EsoImports {

    static final String SECRETS_BEAN = "eso4jExternalSecrets";
    static final String REGISTRY_BEAN = "eso4jExternalSecretsRegistry";

    private EsoProperties properties;
    private final Log log;
    private final ExternalSecretsRegistry registry = new ExternalSecretsRegistry();
    private final List<EsoConfigDataResource> pending = new ArrayList<>();
    private final Map<EsoConfigDataResource, Loaded> loaded = new HashMap<>();
    private ExternalSecretsCustomizer customizer = builder -> {};

    private record Loaded(List<EsoImportPropertySource> sources, RuntimeException failure) {}

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
     * The property source of {@code resource} (one for all its ExternalSecrets), resolving every queued item first if it is one of them.
     *
     * @throws RuntimeException the item's failure, unless it is optional (then it has no property sources)
     */
    synchronized List<EsoImportPropertySource> load(EsoConfigDataResource resource) {
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

    /**
     * Honours {@code eso4j.*} settings that arrived after the first {@code eso:} import was resolved with the earlier
     * ones (a profile-specific file, {@code application.yaml} for an import on the command line or in {@code
     * SPRING_CONFIG_IMPORT}, a test's dynamic properties): when the complete environment gives other settings, every
     * import loaded so far is resolved again, all together in one instance (so command-line and file imports share
     * stores and settings), with the complete settings, and its property sources replace the earlier ones in place.
     * The earlier instances are closed. Called once the environment is complete (the bootstrap context closing),
     * before any bean binds a property.
     *
     * @throws RuntimeException a required import's failure under the complete settings
     */
    synchronized void honourLateSettings(ConfigurableEnvironment environment) {
        EsoProperties now = Binder.get(environment)
                .bind(EsoProperties.PREFIX, EsoProperties.class)
                .orElseGet(EsoProperties::new);
        if (!now.isEnabled() && properties.isEnabled()) {
            disableLate(environment);
            return;
        }
        Map<String, Object> then = settings(properties);
        Map<String, Object> later = settings(now);
        List<String> changed = new ArrayList<>();
        for (String name : then.keySet()) {
            if (!Objects.equals(then.get(name), later.get(name))) {
                changed.add(name + origin(environment, name));
            }
        }
        if (changed.isEmpty() || loaded.isEmpty()) {
            return;
        }
        EsoConfigDataLocationResolver.checkEndpoint(EsoProperties.PREFIX + ".endpoint", now.getEndpoint());
        EsoConfigDataLocationResolver.checkEndpoint(
                EsoProperties.PREFIX + ".sts.endpoint", now.getSts().getEndpoint());
        log.info("eso4j settings arrived after the first eso: import (" + String.join(", ", changed)
                + "): resolving the " + loaded.size() + " eso: import(s) again with them");
        Map<EsoConfigDataResource, Loaded> earlier = new LinkedHashMap<>(loaded);
        registry.instances().forEach(registry::discard);
        loaded.clear();
        pending.clear();
        properties = now;
        pending.addAll(earlier.keySet());
        resolvePending();
        MutablePropertySources sources = environment.getPropertySources();
        for (Map.Entry<EsoConfigDataResource, Loaded> entry : earlier.entrySet()) {
            EsoConfigDataResource resource = entry.getKey();
            Loaded result = loaded.get(resource);
            if (result.failure() != null && !resource.optional()) {
                close();
                throw result.failure();
            }
            if (result.failure() != null) {
                log.warn("optional eso:" + resource.location() + " not loaded: "
                        + result.failure().getMessage());
            }
            replace(sources, entry.getValue().sources(), result.sources());
        }
    }

    /**
     * {@code eso4j.enabled=false} arrived after imports were resolved with eso4j enabled: their property sources are
     * removed and their instances closed, so the application starts as it would have with the setting seen first
     * (the values fetched meanwhile are dropped; no refresh runs).
     */
    private void disableLate(ConfigurableEnvironment environment) {
        String origin = origin(environment, EsoProperties.PREFIX + ".enabled");
        log.info("eso4j.enabled=false arrived after the first eso: import" + origin + ": the " + loaded.size()
                + " eso: import(s) loaded so far give no properties");
        MutablePropertySources sources = environment.getPropertySources();
        for (Loaded result : loaded.values()) {
            result.sources().forEach(source -> sources.remove(source.getName()));
        }
        registry.instances().forEach(registry::discard);
        loaded.clear();
        pending.clear();
        properties.setEnabled(false);
    }

    /** Puts {@code replacements} where the first of {@code old} is (or last, when none is there), removing {@code old}. */
    private static void replace(
            MutablePropertySources sources,
            List<? extends PropertySource<?>> old,
            List<? extends PropertySource<?>> replacements) {
        String anchor = old.stream()
                .map(PropertySource::getName)
                .filter(sources::contains)
                .findFirst()
                .orElse(null);
        for (PropertySource<?> replacement : replacements) {
            if (anchor == null) {
                sources.addLast(replacement);
            } else if (!replacement.getName().equals(anchor)) {
                sources.addBefore(anchor, replacement);
            }
        }
        for (PropertySource<?> source : old) {
            if (replacements.stream().noneMatch(r -> r.getName().equals(source.getName()))) {
                sources.remove(source.getName());
            }
        }
        for (PropertySource<?> replacement : replacements) {
            if (replacement.getName().equals(anchor)) {
                sources.replace(anchor, replacement);
            }
        }
    }

    /** The settings the imports use, by property name; values only compared, never printed. */
    private static Map<String, Object> settings(EsoProperties p) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("eso4j.prefix", p.getPrefix());
        settings.put("eso4j.flatten-json", p.isFlattenJson());
        settings.put("eso4j.endpoint", p.getEndpoint());
        settings.put("eso4j.secret-keys-path", p.getSecretKeysPath());
        settings.put("eso4j.secret-keys", p.getSecretKeys());
        EsoProperties.Store store = p.getStore();
        settings.put("eso4j.store.region", store.getRegion());
        settings.put("eso4j.store.role", store.getRole());
        settings.put("eso4j.store.refresh-interval", store.getRefreshInterval());
        settings.put("eso4j.store.auth.access-key-id", store.getAuth().getAccessKeyId());
        settings.put("eso4j.store.auth.secret-access-key", store.getAuth().getSecretAccessKey());
        settings.put("eso4j.store.auth.session-token", store.getAuth().getSessionToken());
        EsoProperties.Sts sts = p.getSts();
        settings.put("eso4j.sts.endpoint", sts.getEndpoint());
        settings.put("eso4j.sts.region", sts.getRegion());
        settings.put("eso4j.sts.web-identity-token-file", sts.getWebIdentityTokenFile());
        settings.put("eso4j.sts.role-arn", sts.getRoleArn());
        settings.put("eso4j.sts.role-session-name", sts.getRoleSessionName());
        return settings;
    }

    /** " (from <source>)" for the first property source that sets {@code name}, "" when none does directly. */
    private static String origin(ConfigurableEnvironment environment, String name) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!source.getName().equals("configurationProperties") && source.containsProperty(name)) {
                return " (from " + source.getName() + ")";
            }
        }
        return "";
    }

    /**
     * Makes the resolved secrets beans of the application context and closes them with it. During AOT processing
     * the registry bean is registered although nothing was resolved, so that the auto-configuration's conditions see
     * it and the processed application gets the same bean definitions (health, metrics, change publisher).
     */
    synchronized void promote(ConfigurableApplicationContext context) {
        List<ExternalSecrets> instances = registry.instances();
        if (instances.isEmpty() && !aotProcessing()) {
            return;
        }
        var beans = context.getBeanFactory();
        if (!beans.containsSingleton(REGISTRY_BEAN)) {
            if (!instances.isEmpty()) {
                beans.registerSingleton(SECRETS_BEAN, instances.get(0));
            }
            beans.registerSingleton(REGISTRY_BEAN, registry);
            context.addApplicationListener(new CloseWithContext(context, this));
        }
    }

    /**
     * Whether Spring is processing the application ahead of time ({@code spring-boot:process-aot}, Gradle's {@code
     * processAot}): Spring's {@code AbstractAotProcessor} sets the system property {@code spring.aot.processing}
     * while it runs the application's main method to build its bean definitions. Nothing is fetched then.
     */
    static boolean aotProcessing() {
        return Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING);
    }

    synchronized void close() {
        registry.instances().forEach(ExternalSecrets::close);
    }

    private void resolvePending() {
        List<EsoConfigDataResource> batch = List.copyOf(pending);
        pending.clear();
        if (aotProcessing()) {
            // AOT processing: no AWS call, no credentials needed at build time, no secret in the build; the processed
            // application resolves the imports as usual when it starts.
            batch.forEach(resource -> loaded.put(resource, new Loaded(List.of(), null)));
            log.info("spring.aot.processing: " + batch.size() + " eso: item(s) not fetched during AOT processing");
            return;
        }
        Map<EsoImport, ImportBatch.Result> results = ImportBatch.resolve(
                batch.stream().map(EsoConfigDataResource::item).toList(),
                this::shortForm,
                this::build,
                registry::discard,
                log::warn);
        // The ExternalSecrets of every item of one eso: import, in the import's order: they get one property source,
        // handed out with the import's first item (Spring loads every item; the others give none).
        Map<String, List<ExternalSecretPropertySource>> byImport = new LinkedHashMap<>();
        Map<String, EsoConfigDataResource> firstOfImport = new HashMap<>();
        for (EsoConfigDataResource resource : batch) {
            ImportBatch.Result result = results.get(resource.item());
            List<ExternalSecretPropertySource> members =
                    byImport.computeIfAbsent(resource.importLocation(), location -> new ArrayList<>());
            firstOfImport.putIfAbsent(resource.importLocation(), resource);
            if (result.secrets() == null) {
                continue;
            }
            for (ExternalSecretId id : result.externalSecrets()) {
                String prefix = properties.getPrefix() + resource.prefix();
                // Spring Cloud AWS's aws-parameterstore: names: no JSON flattening, _0_ as [0]
                members.add(
                        resource.item().isParameterStoreShortForm()
                                ? new ExternalSecretPropertySource(
                                        result.secrets(), id, prefix, false, ShortForm::springCloudAwsPropertyName)
                                : new ExternalSecretPropertySource(
                                        result.secrets(), id, prefix, properties.isFlattenJson()));
            }
            log.info("eso:" + resource.location() + ": "
                    + result.externalSecrets().size() + " ExternalSecret(s)"
                    + (result.failure() == null ? "" : ", failed"));
        }
        for (EsoConfigDataResource resource : batch) {
            ImportBatch.Result result = results.get(resource.item());
            String location = resource.importLocation();
            List<ExternalSecretPropertySource> members = byImport.get(location);
            boolean holder = firstOfImport.get(location) == resource && !members.isEmpty();
            loaded.put(
                    resource,
                    new Loaded(
                            holder
                                    ? List.of(new EsoImportPropertySource(
                                            EsoImportPropertySource.name(location), members))
                                    : List.of(),
                            result.failure()));
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
        ExternalSecrets secrets = builder.build();
        registry.register(secrets);
        return secrets;
    }

    private SecretKeyResolver secretKeyResolver() {
        Map<String, String> values = new LinkedHashMap<>(properties.getSecretKeys());
        EsoProperties.Auth auth = properties.getStore().getAuth();
        values.putAll(
                ShortForm.credentialKeys(auth.getAccessKeyId(), auth.getSecretAccessKey(), auth.getSessionToken()));
        SecretKeyResolver resolver = SecretKeyResolver.fromMap(values);
        if (properties.getSecretKeysPath() != null) {
            resolver = resolver.orElse(SecretKeyResolver.mountedSecrets(Path.of(properties.getSecretKeysPath())));
        }
        return resolver;
    }

    private AuthOptions authOptions() {
        EsoProperties.Sts sts = properties.getSts();
        return new StsSettings(
                        sts.getEndpoint(),
                        sts.getRegion(),
                        sts.getWebIdentityTokenFile(),
                        sts.getRoleArn(),
                        sts.getRoleSessionName())
                .toAuthOptions();
    }

    private ShortForm shortForm() {
        EsoProperties.Store store = properties.getStore();
        EsoProperties.Auth auth = store.getAuth();
        return new ShortForm(
                store.getRegion(),
                store.getRole(),
                auth.getAccessKeyId() != null || auth.getSecretAccessKey() != null,
                auth.getSessionToken() != null,
                store.getRefreshInterval());
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
