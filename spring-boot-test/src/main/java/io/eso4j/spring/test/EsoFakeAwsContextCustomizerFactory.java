package io.eso4j.spring.test;

import io.eso4j.testkit.FakeAws;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * For a test class with {@link EsoFakeAws}: starts (or reuses) its fake before the context is loaded, makes it the
 * one {@link EsoFakeAwsEnvironmentPostProcessor} wires, and adds a customizer that registers it as the bean {@code
 * eso4jFakeAws}. The customizer is equal for equal configurations, so Spring's context cache keeps one context per
 * fake. Registered through {@code META-INF/spring.factories}; stateless.
 */
public final class EsoFakeAwsContextCustomizerFactory implements ContextCustomizerFactory {

    /** The bean name of the fake. */
    public static final String BEAN = "eso4jFakeAws";

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        EsoFakeAws annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, EsoFakeAws.class);
        if (annotation == null) {
            return null;
        }
        FakeAwsInstances.Config config = FakeAwsInstances.Config.of(annotation);
        FakeAws fake = FakeAwsInstances.of(config);
        FakeAwsInstances.use(fake);
        return new Customizer(config);
    }

    /** Registers the fake as a bean; equal for equal configurations. */
    private record Customizer(FakeAwsInstances.Config config) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            context.getBeanFactory().registerSingleton(BEAN, FakeAwsInstances.of(config));
        }
    }
}
