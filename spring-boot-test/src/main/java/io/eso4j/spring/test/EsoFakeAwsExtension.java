package io.eso4j.spring.test;

import io.eso4j.spring.ExternalSecretsRegistry;
import io.eso4j.testkit.FakeAws;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Before each test of an {@link EsoFakeAws} class: resets the fake to its baseline, refreshes the application's
 * ExternalSecrets until the change is rebound and published ({@link ExternalSecretsRegistry#refreshNow()}), then
 * clears the fake's call counts and request log, so each test starts from the baseline's values and counts only its
 * own calls. Registered by {@link EsoFakeAws}; stateless.
 */
public final class EsoFakeAwsExtension implements BeforeEachCallback {

    /** How long the refresh after a reset may take. */
    static final long REFRESH_TIMEOUT_SECONDS = 30;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        ApplicationContext application = SpringExtension.getApplicationContext(context);
        FakeAws fake = application.getBean(EsoFakeAwsContextCustomizerFactory.BEAN, FakeAws.class);
        fake.reset();
        for (ExternalSecretsRegistry registry :
                application.getBeansOfType(ExternalSecretsRegistry.class).values()) {
            registry.refreshNow().get(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        fake.clearRequests();
    }
}
