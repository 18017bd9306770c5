package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** Throttling, server errors, dropped connections, deny rules and latency, as the SDK sees them. */
class FaultInjectionTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static SecretsManagerClient retrying;
    private static SecretsManagerClient single;

    @BeforeAll
    static void clients() {
        retrying = Clients.threeQuickAttempts(AWS.fake());
        single = Clients.noRetries(AWS.fake());
    }

    @AfterAll
    static void close() {
        retrying.close();
        single.close();
    }

    @BeforeEach
    void secrets() {
        AWS.secrets().createSecret("db", "s3cr3t");
        AWS.secrets().createSecret("api", "k3y");
    }

    @Test
    void throttlingReachesTheCallerAfterTheSdkRetriesAndEveryAttemptIsCounted() {
        AWS.fake().inject(FaultRule.of(Fault.THROTTLING).onOperations("GetSecretValue"));

        assertThatThrownBy(() -> retrying.getSecretValue(r -> r.secretId("db")))
                .isInstanceOf(SecretsManagerException.class)
                .satisfies(e -> assertThat(
                                ((SecretsManagerException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ThrottlingException"))
                .hasMessageContaining("Rate exceeded");
        assertThat(AWS.fake().calls("GetSecretValue")).isEqualTo(3);
        assertThat(AWS.fake().requests()).extracting(RecordedRequest::errorCode).containsOnly("ThrottlingException");
    }

    @Test
    void aLimitedFaultClearsAfterItsCount() {
        AWS.fake()
                .inject(FaultRule.of(Fault.INTERNAL_ERROR)
                        .onOperations("GetSecretValue")
                        .times(2));

        assertThat(retrying.getSecretValue(r -> r.secretId("db")).secretString())
                .isEqualTo("s3cr3t");
        assertThat(AWS.fake().calls("GetSecretValue")).isEqualTo(3);
        assertThat(AWS.fake().requests())
                .extracting(RecordedRequest::errorCode)
                .containsExactly("InternalServiceError", "InternalServiceError", null);
    }

    @Test
    void aSecretScopedFaultLeavesOtherSecretsAlone() {
        AWS.fake().inject(FaultRule.of(Fault.INTERNAL_ERROR).forSecretIds("db").withMessage("disk on fire"));

        assertThatThrownBy(() ->
                        single.getSecretValue(r -> r.secretId(AWS.secrets().arn("db"))))
                .isInstanceOf(SecretsManagerException.class)
                .hasMessageContaining("disk on fire")
                .satisfies(e ->
                        assertThat(((SecretsManagerException) e).statusCode()).isEqualTo(500));
        assertThat(single.getSecretValue(r -> r.secretId("api")).secretString()).isEqualTo("k3y");
    }

    @Test
    void aConnectionResetSurfacesAsAnSdkClientException() {
        AWS.fake().inject(FaultRule.of(Fault.CONNECTION_RESET).onOperations("GetSecretValue"));

        assertThatThrownBy(() -> retrying.getSecretValue(r -> r.secretId("db"))).isInstanceOf(SdkClientException.class);
        assertThat(AWS.fake().calls("GetSecretValue")).isEqualTo(3);
        assertThat(AWS.fake().requests()).extracting(RecordedRequest::errorCode).containsOnly("ConnectionReset");
    }

    @Test
    void aDenyRuleOnBatchFailsTheBatchButNotSingleReads() {
        AWS.fake().deny(DenyRule.operation("BatchGetSecretValue"));

        assertThatThrownBy(() -> single.batchGetSecretValue(r -> r.secretIdList("db", "api")))
                .satisfies(FaultInjectionTest::isAccessDenied)
                .hasMessageContaining("secretsmanager:BatchGetSecretValue");
        assertThat(single.getSecretValue(r -> r.secretId("db")).secretString()).isEqualTo("s3cr3t");
    }

    @Test
    void aDenyRuleCanTargetOneCaller() {
        AWS.fake().deny(DenyRule.operation("GetSecretValue").forAccessKeyId("AKIASOMEONEELSE00000"));

        assertThat(single.getSecretValue(r -> r.secretId("db")).secretString()).isEqualTo("s3cr3t");

        AWS.fake()
                .deny(DenyRule.operation("GetSecretValue")
                        .forAccessKeyId(AWS.accessKeyId())
                        .forSecretIds("db"));
        assertThatThrownBy(() -> single.getSecretValue(r -> r.secretId("db")))
                .satisfies(FaultInjectionTest::isAccessDenied);
        assertThat(single.getSecretValue(r -> r.secretId("api")).secretString()).isEqualTo("k3y");
    }

    @Test
    void anAccessDeniedFaultAnswersLikeIam() {
        AWS.fake()
                .inject(FaultRule.of(Fault.ACCESS_DENIED)
                        .onOperations("ListSecrets")
                        .times(1));

        assertThatThrownBy(() -> single.listSecrets(r -> {})).satisfies(FaultInjectionTest::isAccessDenied);
        assertThat(single.listSecrets(r -> {}).secretList()).hasSize(2);
    }

    private static void isAccessDenied(Throwable e) {
        assertThat(e).isInstanceOf(SecretsManagerException.class);
        assertThat(((SecretsManagerException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
    }

    @Test
    void latencyIsInjectedPerOperationAndRecorded() {
        AWS.fake().latency("DescribeSecret", Duration.ofMillis(30));

        single.describeSecret(r -> r.secretId("db"));
        single.getSecretValue(r -> r.secretId("db"));

        assertThat(AWS.fake().requests())
                .extracting(RecordedRequest::operation, RecordedRequest::latency)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DescribeSecret", Duration.ofMillis(30)),
                        org.assertj.core.groups.Tuple.tuple("GetSecretValue", Duration.ZERO));
    }

    @Test
    void theRequestLogNamesSecretsAndCallersButNeverValues() {
        single.getSecretValue(r -> r.secretId("db"));
        single.batchGetSecretValue(r -> r.secretIdList("db", "api"));

        assertThat(AWS.fake().totalCalls()).isEqualTo(2);
        assertThat(AWS.fake().requests().get(1).resourceIds()).containsExactly("db", "api");
        assertThat(AWS.fake().requests().get(1).accessKeyId()).isEqualTo(AWS.accessKeyId());
        assertThat(AWS.fake().requests().toString()).doesNotContain("s3cr3t", "k3y", AWS.secretAccessKey());
    }

    @Test
    void resetClearsRulesCountersAndSecretsAddedByTheTest() {
        AWS.fake().inject(FaultRule.of(Fault.THROTTLING));
        AWS.fake().reset();

        assertThat(AWS.fake().totalCalls()).isZero();
        assertThat(AWS.secrets().names()).isEmpty();
        AWS.secrets().createSecret("fresh", "x");
        assertThat(single.getSecretValue(r -> r.secretId("fresh")).secretString())
                .isEqualTo("x");
    }
}
