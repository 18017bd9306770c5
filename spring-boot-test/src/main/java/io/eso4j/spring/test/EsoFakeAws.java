package io.eso4j.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a Spring Boot test's {@code eso:} imports against the testkit's fake AWS (Secrets Manager, Parameter Store,
 * STS on one loopback endpoint), never against AWS:
 *
 * <ul>
 *   <li>the fake is started before the application context, with {@link #fixtures()} loaded as its baseline, and
 *       shared by every test class with the same attributes (their contexts are cached together);
 *   <li>before config data is imported, {@code eso4j.endpoint}, {@code eso4j.sts.endpoint}, {@code eso4j.store.region}
 *       and the short form's static keys are set to the fake's, above every other property source, and every store
 *       is built with the fake's endpoint and credentials whatever its {@code auth} says (even with an {@code
 *       eso4j.endpoint} of the application's: only an {@code ExternalSecretsCustomizer} that sets a client factory
 *       of its own bypasses it);
 *   <li>before each test the fake is reset to its baseline (faults, call counts and the request log cleared) and the
 *       application's ExternalSecrets are refreshed, rebound and published again, so each test starts from the
 *       baseline's values;
 *   <li>the {@link io.eso4j.testkit.FakeAws} is the bean {@code eso4jFakeAws}: {@code @Autowired FakeAws aws}.
 * </ul>
 *
 * <p>Use with {@code @SpringBootTest}. Test classes that share a fake must not run in parallel.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = EsoFakeAwsEnvironmentPostProcessor.MARKER + "=true")
@ExtendWith(EsoFakeAwsExtension.class)
public @interface EsoFakeAws {

    /**
     * Testkit fixture files (see the testkit README's fixture format), relative to the working directory, for
     * example {@code src/test/resources/secrets.json}; loaded in order as the fake's baseline. Default: none.
     */
    String[] fixtures() default {};

    /** The fake's region, also {@code eso4j.store.region}. Default {@code us-east-1}. */
    String region() default "us-east-1";

    /** Further regions the fake answers (stores of other regions sign for those). Default: none. */
    String[] otherRegions() default {};
}
