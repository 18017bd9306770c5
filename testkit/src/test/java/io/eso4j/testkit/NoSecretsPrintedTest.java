package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Public types render without secret values, keys, tokens or external ids. */
class NoSecretsPrintedTest {

    private static final String SENTINEL = "SENTINEL-9f3c";

    @Test
    void publicTypesNeverRenderSecrets() {
        try (FakeAws fake = FakeAws.builder()
                .defaultCredentials("AKIAPRINTTEST0000000", SENTINEL + "-key")
                .start()) {
            fake.secrets().createSecret("db", SENTINEL + "-value");
            fake.sts().registerWebIdentityToken(SENTINEL + "-token", "arn:aws:iam::123456789012:role/r");
            fake.secretsManagerClient().getSecretValue(r -> r.secretId("db"));
            fake.parameters().putSecureString("/db/password", SENTINEL + "-parameter");
            fake.parameters().putString("/db/url", SENTINEL + "-url");
            try (var ssm = Clients.ssmNoRetries(fake)) {
                ssm.getParameters(r -> r.names("/db/password", "/db/url").withDecryption(true));
            }

            List<Object> rendered = List.of(
                    fake,
                    fake.secrets(),
                    fake.parameters(),
                    new ParameterEngine.SeedParameter(
                            "/p", SENTINEL + "-seed", "SecureString", null, null, List.of(), Map.of(), null),
                    fake.requests(),
                    RoleTrust.anyone().withExternalId(SENTINEL + "-external"),
                    FaultRule.of(Fault.THROTTLING).withMessage("x"),
                    DenyRule.operation("GetSecretValue"),
                    new StsSession(
                            "AssumeRole", "arn", "s", "AKIA", null, 900, Map.of(), List.of(), "ASIA", Instant.EPOCH),
                    new RecordedRequest(
                            Instant.EPOCH, "sts", "AssumeRole", List.of(), List.of(), null, Duration.ZERO, null));

            for (Object value : rendered) {
                assertThat(String.valueOf(value)).doesNotContain(SENTINEL);
            }
        }
    }
}
