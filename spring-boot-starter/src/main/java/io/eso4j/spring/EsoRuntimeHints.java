package io.eso4j.spring;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * Runtime hints for what the starter reflects on outside of bean definitions: the {@code eso4j.*} settings, which
 * the {@code eso:} resolver binds with a {@code Binder} before the application context exists (Boot's own AOT
 * support only covers {@code @ConfigurationProperties} beans). The resolver and loader are instantiated from
 * {@code spring.factories}, which Spring's own hints cover; manifests named by the imports are added by {@link
 * EsoAotManifestHints}. Registered in {@code META-INF/spring/aot.factories}.
 */
final class EsoRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        BindableRuntimeHintsRegistrar.forTypes(EsoProperties.class).registerHints(hints, classLoader);
    }
}
