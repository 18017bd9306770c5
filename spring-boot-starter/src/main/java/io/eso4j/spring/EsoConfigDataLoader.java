package io.eso4j.spring;

import java.util.List;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;

/**
 * Loads one {@link EsoConfigDataResource}: one {@link EsoImportPropertySource} holding every ExternalSecret of
 * the item. The first load resolves every queued item of every {@code eso:} import at once (see the resolver); a
 * required item that failed fails the start with the core exception, which eso4j's failure analyzers explain.
 *
 * <p>Instantiated by Spring Boot through {@code spring.factories}; stateless, thread-safe.
 */
public final class EsoConfigDataLoader implements ConfigDataLoader<EsoConfigDataResource> {

    @Override
    public ConfigData load(ConfigDataLoaderContext context, EsoConfigDataResource resource) {
        var bootstrap = context.getBootstrapContext();
        if (resource.disabled() || !bootstrap.isRegistered(EsoImports.class)) {
            return ConfigData.EMPTY;
        }
        List<EsoImportPropertySource> sources = bootstrap.get(EsoImports.class).load(resource);
        return new ConfigData(sources);
    }
}
