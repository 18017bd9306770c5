package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.FakeAwsExtension;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Parameter Store through the engine (issue 13's done criterion): 200 parameters load in ⌈200/10⌉ = 20
 * {@code GetParameters} calls, a refresh of 200 unchanged parameters costs ≤ 20 calls and publishes nothing, and a
 * changed parameter is one {@code Changed} event. Real SDK over HTTP to the testkit's fake; counts from the fake.
 */
class ParameterStoreRefreshTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private final RefreshFixture fixture = new RefreshFixture();

    private static FakeAws fake() {
        return AWS.fake();
    }

    /**
     * 20 ExternalSecrets of 10 parameters each ({@code /app/p<i>}), plus one ExternalSecret naming ten parameters
     * the others also name (deduped across ExternalSecrets).
     */
    private static Manifests manifests() {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata:
                  name: ssm
                spec:
                  provider:
                    aws:
                      service: ParameterStore
                      region: us-east-1
                """);
        for (int es = 0; es <= 20; es++) {
            yaml.append("""
                    ---
                    apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata:
                      name: es%d
                    spec:
                      refreshInterval: 1m
                      secretStoreRef:
                        name: ssm
                      data:
                    """.formatted(es));
            for (int k = 0; k < 10; k++) {
                int p = es == 20 ? k * 7 : es * 10 + k;
                yaml.append("""
                            - secretKey: k%d
                              remoteRef:
                                key: /app/p%d
                        """.formatted(k, p));
            }
        }
        return Manifests.parse("ps.yaml", yaml.toString());
    }

    private ExternalSecrets build() {
        for (int i = 0; i < 200; i++) {
            fake().parameters().putSecureString("/app/p" + i, "value-" + i + "-Zq9");
        }
        return fixture.builder(manifests())
                .endpointOverride(fake().endpoint())
                .credentialsProvider(fake().credentialsProvider())
                .build();
    }

    @Test
    void twoHundredParametersLoadInTwentyGetParametersCalls() {
        try (ExternalSecrets secrets = build()) {
            assertThat(secrets.all()).hasSize(21);
            assertThat(secrets.get("es3").string("k4")).contains("value-34-Zq9");
            assertThat(secrets.get("es20").string("k2")).contains("value-14-Zq9");
            assertThat(fake().calls("GetParameters")).isEqualTo(20);
            assertThat(fake().totalCalls()).isEqualTo(20);
        }
    }

    @Test
    void aRefreshOfTwoHundredUnchangedParametersCostsTwentyCallsAndPublishesNothing() {
        try (ExternalSecrets secrets = build()) {
            ResolvedSecret before = secrets.get("es7");
            int callsBefore = fake().totalCalls();

            fixture.scheduler.advance(Duration.ofMinutes(1));

            assertThat(fake().totalCalls() - callsBefore).isLessThanOrEqualTo(20);
            assertThat(secrets.get("es7")).isSameAs(before);
            assertThat(fixture.events(SecretEvent.Changed.class)).isEmpty();
        }
    }

    @Test
    void aChangedParameterIsOneChangedEventNamingItsKey() {
        try (ExternalSecrets secrets = build()) {
            fake().parameters().putSecureString("/app/p43", "rotated-Zq9");

            fixture.scheduler.advance(Duration.ofMinutes(1));

            assertThat(fixture.events(SecretEvent.Changed.class))
                    .containsExactly(new SecretEvent.Changed("es4", Set.of("k3")));
            assertThat(secrets.get("es4").string("k3")).contains("rotated-Zq9");
        }
    }
}
