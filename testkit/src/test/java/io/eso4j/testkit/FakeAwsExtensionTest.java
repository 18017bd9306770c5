package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit extension: one server per class when static, reset between tests; one per test otherwise. */
class FakeAwsExtensionTest {

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class StaticRegistration {

        @RegisterExtension
        static final FakeAwsExtension AWS = new FakeAwsExtension(
                FakeAws.builder().fixtureJson("{\"remote\":[{\"name\":\"base\",\"secretString\":\"b\"}]}"));

        private static URI firstEndpoint;

        @BeforeAll
        static void arrangeSharedState() {
            AWS.sts().registerWebIdentityToken("shared-token", "arn:aws:iam::123456789012:role/r");
            AWS.fake().saveBaseline();
        }

        @Test
        @Order(1)
        void aTestChangesStateAndCounters() {
            firstEndpoint = AWS.endpoint();
            AWS.secrets().createSecret("added", "x");
            AWS.secretsManagerClient().getSecretValue(r -> r.secretId("base"));

            assertThat(AWS.fake().calls("GetSecretValue")).isEqualTo(1);
        }

        @Test
        @Order(2)
        void theNextTestSeesTheSameServerResetToTheBaseline() {
            assertThat(AWS.endpoint()).isEqualTo(firstEndpoint);
            assertThat(AWS.secrets().names()).containsExactly("base");
            assertThat(AWS.fake().totalCalls()).isZero();
            assertThat(AWS.stsClient().getCallerIdentity().account()).isEqualTo("123456789012");
        }
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class InstanceRegistration {

        @RegisterExtension
        final FakeAwsExtension aws = new FakeAwsExtension();

        @Test
        @Order(1)
        void eachTestGetsAFreshServer() {
            aws.secrets().createSecret("mine", "x");

            assertThat(aws.secretsManagerClient()
                            .getSecretValue(r -> r.secretId("mine"))
                            .secretString())
                    .isEqualTo("x");
        }

        @Test
        @Order(2)
        void nothingLeaksFromThePreviousTest() {
            assertThat(aws.secrets().names()).isEmpty();
            assertThat(aws.endpoint().getHost()).isEqualTo("127.0.0.1");
        }
    }
}
