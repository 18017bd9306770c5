package io.eso4j.spring;

import io.eso4j.integration.EsoImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.aot.AotDetector;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Resolves {@code spring.config.import=eso:<items>}: {@code ;}-separated Spring resource locations of manifests
 * ({@code classpath:}, {@code file:}, patterns), or the short form {@code eso:aws:ID;ID2} (one {@code
 * dataFrom.extract} per secret id against the store of {@code eso4j.store.*}), or the Parameter Store short form
 * {@code eso:aws-parameterstore:/path/;/other/} (Spring Cloud AWS's property names for the parameters under each
 * path, read from a Parameter Store store of {@code eso4j.store.*}). Each item may end in {@code
 * ?prefix=p}. Reads the manifests' text and queues every item in the bootstrap context's {@link EsoImports}, so
 * that all items of all imports are resolved together, in one plan, when the first of them is loaded.
 *
 * <p>Instantiated by Spring Boot through {@code spring.factories}; stateless apart from its logger, thread-safe.
 */
public final class EsoConfigDataLocationResolver implements ConfigDataLocationResolver<EsoConfigDataResource> {

    /** The import prefix. */
    public static final String PREFIX = "eso:";

    private final Log log;
    private final ResourcePatternResolver resources;

    public EsoConfigDataLocationResolver(DeferredLogFactory logFactory, ResourceLoader resourceLoader) {
        this.log = logFactory.getLog(EsoConfigDataLocationResolver.class);
        this.resources = new PathMatchingResourcePatternResolver(resourceLoader);
    }

    @Override
    public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
        return location.hasPrefix(PREFIX);
    }

    @Override
    public List<EsoConfigDataResource> resolve(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
        Binder binder = context.getBinder();
        EsoProperties properties =
                binder.bind(EsoProperties.PREFIX, EsoProperties.class).orElseGet(EsoProperties::new);
        var bootstrap = context.getBootstrapContext();
        checkEndpoint(EsoProperties.PREFIX + ".endpoint", properties.getEndpoint());
        checkEndpoint(
                EsoProperties.PREFIX + ".sts.endpoint", properties.getSts().getEndpoint());
        if (!properties.isEnabled()) {
            if (!bootstrap.isRegistered(Disabled.class)) {
                bootstrap.register(Disabled.class, ignored -> new Disabled());
                log.info("eso4j.enabled=false: every eso: import gives no properties (first: " + location + ")");
                if (AotDetector.useGeneratedArtifacts()) {
                    // An AOT-processed application has the bean definitions that were generated with eso4j enabled
                    // (conditions are not evaluated again): an empty registry satisfies them, nothing is fetched.
                    bootstrap.addCloseListener(event -> event.getApplicationContext()
                            .getBeanFactory()
                            .registerSingleton(EsoImports.REGISTRY_BEAN, new ExternalSecretsRegistry()));
                }
            }
            return List.of(EsoConfigDataResource.disabled(location.getNonPrefixedValue(PREFIX), location.isOptional()));
        }
        if (!bootstrap.isRegistered(EsoImports.class)) {
            EsoImports imports = new EsoImports(properties, log);
            bootstrap.registerIfAbsent(EsoImports.class, ignored -> imports);
            bootstrap.addCloseListener(event -> {
                imports.honourLateSettings(event.getApplicationContext().getEnvironment());
                imports.promote(event.getApplicationContext());
            });
            if (bootstrap.isRegistered(ExternalSecretsCustomizer.class)) {
                imports.customizer(bootstrap.get(ExternalSecretsCustomizer.class));
            }
        }
        EsoImports imports = bootstrap.get(EsoImports.class);
        String importLocation = location.getNonPrefixedValue(PREFIX);
        List<EsoConfigDataResource> resolved = parse(location).stream()
                .map(resource -> resource.inImport(importLocation))
                .toList();
        resolved.forEach(imports::add);
        return resolved;
    }

    /**
     * An endpoint must be an absolute http(s) URL with a host: {@code localhost:4566} parses as a URI of scheme
     * {@code localhost} and would fail later as a network error far from the setting.
     */
    static void checkEndpoint(String property, URI endpoint) {
        if (endpoint == null) {
            return;
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new InvalidConfigurationPropertyValueException(
                    property,
                    endpoint,
                    "an endpoint is an absolute http or https URL with a host, for example http://localhost:4566 or"
                            + " https://secretsmanager.eu-west-1.amazonaws.com");
        }
    }

    /** Marks, in the bootstrap context, that the one INFO about {@code eso4j.enabled=false} was logged. */
    private static final class Disabled {}

    private List<EsoConfigDataResource> parse(ConfigDataLocation location) {
        boolean optional = location.isOptional();
        List<EsoConfigDataResource> result = new ArrayList<>();
        for (EsoImport.Item item : EsoImport.items(location.getNonPrefixedValue(PREFIX))) {
            if (item.parameterStore()) {
                result.add(EsoConfigDataResource.awsParameterStore(item.value(), item.prefix(), optional));
                continue;
            }
            if (item.shortForm() && item.value().isEmpty()) {
                throw new EsoImportSyntaxException(location.toString(), "a short-form item has no secret id");
            }
            if (item.shortForm() && item.value().contains("?")) {
                throw new EsoImportSyntaxException(
                        location.toString(),
                        "'" + item.value() + "' is no secret id (secret ids have no '?'; the only parameter is"
                                + " ?prefix=)");
            }
            result.add(
                    item.shortForm()
                            ? EsoConfigDataResource.awsSecret(item.value(), item.prefix(), optional)
                            : EsoConfigDataResource.manifests(
                                    item.value(), read(item.value(), location), item.prefix(), optional));
        }
        if (result.isEmpty()) {
            throw new EsoImportSyntaxException(location.toString(), "names no manifest location and no secret id");
        }
        return result;
    }

    private Map<String, String> read(String pattern, ConfigDataLocation location) {
        Map<String, String> manifests = new LinkedHashMap<>();
        try {
            for (Resource resource : resources.getResources(pattern)) {
                if (resource.exists() && resource.isReadable()) {
                    manifests.put(resource.getDescription(), resource.getContentAsString(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifests at " + pattern + " of " + location, e);
        }
        if (manifests.isEmpty()) {
            throw new ConfigDataResourceNotFoundException(
                    EsoConfigDataResource.manifests(pattern, Map.of(), "", location.isOptional()));
        }
        return manifests;
    }
}
