package io.eso4j.spring.test;

import io.eso4j.spring.ExternalSecretsCustomizer;
import io.eso4j.testkit.FakeAws;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Wires the {@code eso:} imports of an {@link EsoFakeAws} test's context to its fake, before config data is
 * imported (it runs first among the environment post-processors): a property source above all others with the
 * fake's endpoint, STS endpoint, region and static keys, and an {@link ExternalSecretsCustomizer} in the bootstrap
 * context (after any the application registered) that builds every store with the fake's endpoint and
 * credentials. Does nothing in contexts without the {@link EsoFakeAws} marker property. Registered through {@code
 * META-INF/spring.factories}; stateless.
 */
public final class EsoFakeAwsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The property {@link EsoFakeAws} sets through {@code @TestPropertySource}. */
    public static final String MARKER = "eso4j.test.fake-aws";

    /** The name of the property source with the fake's settings. */
    public static final String PROPERTY_SOURCE = "eso4jFakeAws";

    private final ConfigurableBootstrapContext bootstrap;

    /** @param bootstrap the application's bootstrap context, where the customizer goes */
    public EsoFakeAwsEnvironmentPostProcessor(ConfigurableBootstrapContext bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(MARKER, Boolean.class, false)) {
            return;
        }
        FakeAws fake = FakeAwsInstances.current();
        if (fake == null) {
            throw new IllegalStateException(
                    "@EsoFakeAws: no fake AWS was started for this context (" + MARKER + " set without @EsoFakeAws?)");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("eso4j.endpoint", fake.endpoint().toString());
        settings.put("eso4j.sts.endpoint", fake.endpoint().toString());
        settings.put("eso4j.sts.region", fake.region().id());
        settings.put("eso4j.store.region", fake.region().id());
        settings.put("eso4j.store.auth.access-key-id", fake.accessKeyId());
        settings.put("eso4j.store.auth.secret-access-key", fake.secretAccessKey());
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, settings));

        ExternalSecretsCustomizer own = bootstrap.isRegistered(ExternalSecretsCustomizer.class)
                ? bootstrap.get(ExternalSecretsCustomizer.class)
                : builder -> {};
        bootstrap.register(ExternalSecretsCustomizer.class, ignored -> builder -> {
            own.customize(builder);
            builder.endpointOverride(fake.endpoint()).credentialsProvider(fake.credentialsProvider());
        });
    }
}
