package io.eso4j.spring;

import io.eso4j.integration.EsoImport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Resource hints, at AOT processing time, for the classpath manifests that the application's {@code
 * spring.config.import=eso:…} items name ({@code classpath:eso/*.yaml} becomes the pattern {@code eso/*.yaml}), so
 * that a native image contains them. Short-form items ({@code aws:}, {@code aws-parameterstore:}) and {@code file:}
 * locations name no resource. Registered in {@code META-INF/spring/aot.factories}.
 */
final class EsoAotManifestHints implements BeanFactoryInitializationAotProcessor {

    private static final String IMPORT = "spring.config.import";

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)) {
            return null;
        }
        Object environment = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME);
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return null;
        }
        Set<String> patterns = patterns(configurable);
        if (patterns.isEmpty()) {
            return null;
        }
        return (generationContext, code) ->
                patterns.forEach(generationContext.getRuntimeHints().resources()::registerPattern);
    }

    /** The classpath resource patterns of every {@code eso:} import in any property source of the environment. */
    static Set<String> patterns(ConfigurableEnvironment environment) {
        Set<String> patterns = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                if (name.equals(IMPORT) || name.startsWith(IMPORT + "[")) {
                    Object value = enumerable.getProperty(name);
                    if (value != null) {
                        imports(value.toString()).forEach(location -> addPatterns(location, patterns));
                    }
                }
            }
        }
        return patterns;
    }

    private static List<String> imports(String value) {
        List<String> locations = new ArrayList<>();
        for (String location : value.split(",")) {
            String trimmed = location.trim();
            if (trimmed.startsWith("optional:")) {
                trimmed = trimmed.substring("optional:".length());
            }
            if (trimmed.startsWith(EsoConfigDataLocationResolver.PREFIX)) {
                locations.add(trimmed.substring(EsoConfigDataLocationResolver.PREFIX.length()));
            }
        }
        return locations;
    }

    private static void addPatterns(String location, Set<String> patterns) {
        for (EsoImport.Item item : EsoImport.items(location)) {
            if (item.shortForm() || item.parameterStore()) {
                continue;
            }
            String value = item.value();
            for (String prefix : List.of("classpath*:", "classpath:")) {
                if (value.startsWith(prefix)) {
                    String path = value.substring(prefix.length());
                    patterns.add(path.startsWith("/") ? path.substring(1) : path);
                    break;
                }
            }
        }
    }
}
