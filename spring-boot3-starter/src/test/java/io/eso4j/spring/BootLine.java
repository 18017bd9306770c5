package io.eso4j.spring;

import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * What the shared tests need to know of the Boot line: its health and metrics API, how it imports, here Boot 3.5's. The tests in src/test/java run
 * on every Boot line; eso4j-spring-boot-starter has the same class over Boot 4's API.
 */
final class BootLine {

    /** The package that holds the health API (for a {@code FilteredClassLoader}). */
    static final String HEALTH_PACKAGE = "org.springframework.boot.actuate.health";

    /** The auto-configuration that makes the meter registry. */
    static final Class<?> METRICS_AUTO_CONFIGURATION = MetricsAutoConfiguration.class;

    /**
     * Whether separate {@code eso:} imports are resolved together. Boot 3.5 resolves and loads each comma-separated entry of {@code spring.config.import} on its own, the last
     * first: separate {@code eso:} imports are separate fetch plans (entries joined with {@code ;} share one).
     */
    static final boolean IMPORTS_RESOLVED_TOGETHER = false;

    private BootLine() {}

    /** One call of {@code health()} on a health indicator bean. */
    static Result of(Object indicator) {
        Health health = ((HealthIndicator) indicator).health();
        return new Result(health.getStatus().getCode(), health.getDetails());
    }

    /** A health indicator that is always UP. */
    static Object alwaysUp() {
        HealthIndicator up = () -> Health.up().build();
        return up;
    }

    /** The runner with a bean of this name, registered as a health indicator. */
    static ApplicationContextRunner withIndicator(ApplicationContextRunner runner, String name, Object indicator) {
        return runner.withBean(name, HealthIndicator.class, () -> (HealthIndicator) indicator);
    }

    /**
     * A health result: status code ({@code UP}, {@code DOWN}) and details.
     *
     * @param status the status code
     * @param details the details
     */
    record Result(String status, Map<String, Object> details) {

        @SuppressWarnings("unchecked")
        Map<String, Object> detail(String externalSecret) {
            return (Map<String, Object>) details.get(externalSecret);
        }
    }
}
