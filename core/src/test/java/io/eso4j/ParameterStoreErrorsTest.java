package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.DenyRule;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.Fault;
import io.eso4j.testkit.FaultRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every Parameter Store error of issue 13 through the engine, each on its own: the failure is of the type ESO's
 * classification implies, its message names the parameter, and neither message, stack trace nor event carries the
 * parameter's value. Real SDK over HTTP to the testkit's fake, SDK retries off (the store's
 * {@code retrySettings.maxRetries: 1}) so a fault is seen as injected.
 */
class ParameterStoreErrorsTest {

    private static final String SENTINEL = "S3NTINEL-ssm-value";

    private static SecretsException failure(String key, String version, Consumer<FakeAws> arrange) {
        try (FakeAws aws = FakeAws.start()) {
            arrange.accept(aws);
            String yaml = """
                    apiVersion: external-secrets.io/v1
                    kind: SecretStore
                    metadata:
                      name: ssm
                    spec:
                      retrySettings:
                        maxRetries: 1
                      provider:
                        aws:
                          service: ParameterStore
                          region: %s
                    ---
                    apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata:
                      name: app
                    spec:
                      refreshInterval: 0s
                      secretStoreRef:
                        name: ssm
                      data:
                        - secretKey: value
                          remoteRef:
                            key: %s
                            version: "%s"
                    """.formatted(aws.region().id(), key, version);
            RecordingListener events = new RecordingListener();
            try (ExternalSecrets secrets = ExternalSecrets.builder()
                    .manifests(Manifests.parse("errors.yaml", yaml))
                    .endpointOverride(aws.endpoint())
                    .credentialsProvider(aws.credentialsProvider())
                    .listenerExecutor(Runnable::run)
                    .listener(events)
                    .failOnError(false)
                    .build()) {
                SecretsException failure =
                        secrets.failure(ExternalSecretId.of("", "app")).orElseThrow();
                assertThat(failure.getMessage()).contains(key);
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                assertThat(trace.toString()).doesNotContain(SENTINEL);
                assertThat(events.seen.toString()).doesNotContain(SENTINEL);
                return failure;
            }
        }
    }

    @Test
    void aMissingParameterIsEsosSecretDoesNotExist() {
        SecretsException failure =
                failure("/err/missing", "", aws -> aws.parameters().putSecureString("/err/other", SENTINEL));

        assertThat(failure).isInstanceOf(SecretNotFoundException.class).hasMessageContaining("Secret does not exist");
    }

    @Test
    void aMissingVersionIsAwssParameterVersionNotFoundNotAMissingParameter() {
        SecretsException failure =
                failure("/err/versioned", "5", aws -> aws.parameters().putSecureString("/err/versioned", SENTINEL));

        assertThat(failure)
                .isNotInstanceOf(SecretNotFoundException.class)
                .hasMessageContaining("ParameterVersionNotFound")
                .hasMessageContaining("version 5");
    }

    @Test
    void accessDeniedIsTerminal() {
        SecretsException failure = failure("/err/denied", "", aws -> {
            aws.parameters().putSecureString("/err/denied", SENTINEL);
            aws.deny(DenyRule.operation("GetParameters").forSecretIds("/err/denied"));
            aws.deny(DenyRule.operation("GetParameter").forSecretIds("/err/denied"));
        });

        assertThat(failure).isInstanceOf(SecretAccessDeniedException.class).hasMessageContaining("AccessDenied");
    }

    @Test
    void aDecryptionFailureIsTerminal() {
        SecretsException failure = failure("/err/kms", "", aws -> {
            aws.parameters().createKmsKey("app-key");
            aws.parameters().putSecureString("/err/kms", SENTINEL, "app-key");
            aws.parameters().disableKmsKey("app-key");
        });

        assertThat(failure).isInstanceOf(SecretAccessDeniedException.class).hasMessageContaining("InvalidKeyId");
    }

    @Test
    void throttlingIsTransientWithTheAwsCode() {
        SecretsException failure = failure("/err/throttled", "", aws -> {
            aws.parameters().putSecureString("/err/throttled", SENTINEL);
            aws.inject(FaultRule.of(Fault.THROTTLING).onOperations("GetParameters", "GetParameter"));
        });

        assertThat(failure).isInstanceOf(TransientAwsException.class);
        assertThat(((TransientAwsException) failure).errorCode()).isEqualTo("ThrottlingException");
    }

    /** Collects every event's text. */
    private static final class RecordingListener implements SecretListener {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(SecretEvent event) {
            seen.add(event.toString());
        }
    }
}
