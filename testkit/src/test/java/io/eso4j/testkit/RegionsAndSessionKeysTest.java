package io.eso4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.sts.StsClient;

/** One fake serving clients of several regions, and temporary keys it did not issue itself. */
class RegionsAndSessionKeysTest {

    @Test
    void otherRegionsAreAcceptedForSecretsManagerAndStsAndOnlyThose() {
        try (FakeAws fake =
                FakeAws.builder().region("us-east-1").otherRegions("eu-west-1").start()) {
            fake.secrets().createSecret("db", "value");
            fake.sts().allowAssumeRole("arn:aws:iam::123456789012:role/r");

            try (SecretsManagerClient eu = fake.secretsManagerClientBuilder()
                            .region(Region.EU_WEST_1)
                            .build();
                    StsClient euSts =
                            fake.stsClientBuilder().region(Region.EU_WEST_1).build();
                    SecretsManagerClient ap = fake.secretsManagerClientBuilder()
                            .region(Region.AP_SOUTH_1)
                            .build()) {
                assertThat(eu.getSecretValue(r -> r.secretId("db")).secretString())
                        .isEqualTo("value");
                assertThat(euSts.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/r")
                                        .roleSessionName("s1"))
                                .credentials()
                                .accessKeyId())
                        .startsWith("ASIA");
                assertThatThrownBy(() -> ap.getSecretValue(r -> r.secretId("db")))
                        .isInstanceOf(SecretsManagerException.class)
                        .hasMessageContaining("Credential should be scoped to a valid region");
            }
        }
    }

    @Test
    void registeredSessionKeysNeedTheirTokenAndSurviveReset() {
        Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS);
        try (FakeAws fake = FakeAws.start()) {
            fake.secrets().createSecret("db", "value");
            fake.addSessionCredentials("ASIAREGISTERED000001", "session-secret", "session-token", expiry);
            fake.saveBaseline();
            fake.reset();

            try (SecretsManagerClient good = client(fake, "session-token");
                    SecretsManagerClient wrongToken = client(fake, "other-token")) {
                assertThat(good.getSecretValue(r -> r.secretId("db")).secretString())
                        .isEqualTo("value");
                assertThatThrownBy(() -> wrongToken.getSecretValue(r -> r.secretId("db")))
                        .hasMessageContaining("The security token included in the request is invalid")
                        .hasMessageNotContaining("session-secret");
            }
        }
    }

    private static SecretsManagerClient client(FakeAws fake, String token) {
        return fake.secretsManagerClientBuilder()
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create("ASIAREGISTERED000001", "session-secret", token)))
                .build();
    }
}
