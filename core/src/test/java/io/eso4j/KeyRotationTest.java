package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.internal.auth.AwsAuth;
import io.eso4j.internal.auth.StoreCredentials;
import io.eso4j.provider.aws.FetchResult;
import io.eso4j.provider.aws.SecretVersionRef;
import io.eso4j.provider.aws.SecretsManagerClients;
import io.eso4j.provider.aws.SecretsManagerProvider;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStore;
import io.eso4j.testkit.FakeAwsExtension;
import io.eso4j.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Issue 20 item 7: static keys from mounted Secret files are re-read when AWS rejects them, like the web identity
 * token. The key files are rotated in a temporary directory and the old key removed from the fake (as deleting an
 * access key does); the next refresh succeeds with the new key, at the cost of one rejected call per store.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeyRotationTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final String ROLE = "arn:aws:iam::123456789012:role/reader";

    private final RefreshFixture fixture = new RefreshFixture();

    private static Manifests manifests(int count, boolean role) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata:
                  name: aws
                spec:
                  provider:
                    aws:
                      service: SecretsManager
                      region: us-east-1
                """);
        if (role) {
            yaml.append("      role: " + ROLE + "\n");
        }
        yaml.append("""
                      auth:
                        secretRef:
                          accessKeyIDSecretRef: {name: aws-keys, key: access-key}
                          secretAccessKeySecretRef: {name: aws-keys, key: secret-access-key}
                """);
        for (int i = 0; i < count; i++) {
            yaml.append("""
                    ---
                    apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata:
                      name: es%d
                    spec:
                      refreshInterval: 1m
                      secretStoreRef:
                        name: aws
                      dataFrom:
                        - extract:
                            key: app/s%d
                    """.formatted(i, i));
        }
        return Manifests.parse("rotation.yaml", yaml.toString());
    }

    private static void writeKeys(Path root, String id, String secret) throws IOException {
        Files.createDirectories(root.resolve("aws-keys"));
        Files.writeString(root.resolve("aws-keys/access-key"), id + "\n");
        Files.writeString(root.resolve("aws-keys/secret-access-key"), secret + "\n");
    }

    private ExternalSecrets build(Path root, Manifests manifests) {
        return ExternalSecrets.builder()
                .manifests(manifests)
                .secretKeyResolver(SecretKeyResolver.mountedSecrets(root))
                .endpointOverride(AWS.fake().endpoint())
                .authOptions(AuthOptions.builder()
                        .stsEndpoint(AWS.fake().endpoint())
                        .asyncCredentialUpdate(false)
                        .staticKeyRereadInterval(Duration.ofDays(1)) // only the rejection path re-reads here
                        .build())
                .clock(fixture.scheduler.clock())
                .scheduler(fixture.scheduler)
                .listenerExecutor(Runnable::run)
                .listener(fixture.events::add)
                .build();
    }

    @Test
    void rotatedKeyFilesAreReReadWhenAwsRejectsTheOldKey(@TempDir Path root) throws IOException {
        boolean role = false;
        AWS.fake().addCredentials("AKIAOLDROTATION0001", "old-secret-Zq9");
        AWS.fake().addCredentials("AKIANEWROTATION0002", "new-secret-Zq9");
        AWS.fake().sts().allowAssumeRole(ROLE);
        RefreshFixture.createSecrets(AWS.fake(), 3);
        writeKeys(root, "AKIAOLDROTATION0001", "old-secret-Zq9");
        try (ExternalSecrets secrets = build(root, manifests(3, role))) {
            assertThat(secrets.all()).hasSize(3);

            writeKeys(root, "AKIANEWROTATION0002", "new-secret-Zq9");
            AWS.fake().removeCredentials("AKIAOLDROTATION0001");
            AWS.fake().secrets().rotate("app/s1", "{\"password\":\"after-rotation\"}");
            AWS.fake().clearRequests();
            fixture.scheduler.advance(Duration.ofMinutes(1));

            assertThat(secrets.statuses().values()).noneMatch(SecretStatus::failing);
            assertThat(secrets.get("es1").string("password")).contains("after-rotation");
            assertThat(fixture.events(SecretEvent.RefreshFailed.class)).isEmpty();
            // One rejected call, then the new key.
            assertThat(AWS.fake().requests())
                    .filteredOn(r -> "AKIAOLDROTATION0001".equals(r.accessKeyId()))
                    .hasSize(1);
            assertThat(AWS.fake().requests())
                    .filteredOn(r -> "AKIANEWROTATION0002".equals(r.accessKeyId()))
                    .isNotEmpty();
        }
    }

    @Test
    void aRoleChainWhoseBaseKeysWereRotatedReReadsThemWhenStsRejectsTheOldKey(@TempDir Path root) throws IOException {
        AWS.fake().addCredentials("AKIAOLDCHAIN0000005", "old-secret-Zq9");
        AWS.fake().addCredentials("AKIANEWCHAIN0000006", "new-secret-Zq9");
        AWS.fake().sts().allowAssumeRole(ROLE);
        RefreshFixture.createSecrets(AWS.fake(), 2);
        writeKeys(root, "AKIAOLDCHAIN0000005", "old-secret-Zq9");
        SecretStore store = manifests(0, true).stores().get(0);
        AuthOptions options = AuthOptions.builder()
                .stsEndpoint(AWS.fake().endpoint())
                .asyncCredentialUpdate(false)
                .staticKeyRereadInterval(Duration.ofDays(1))
                .build();
        // The keys are read when the credentials are built; the first AssumeRole comes later, after the rotation.
        try (AwsAuth auth = StoreCredentials.forStore(store, "", SecretKeyResolver.mountedSecrets(root), options);
                SecretsManagerClient client =
                        SecretsManagerClients.forStore(store, auth, AWS.fake().endpoint())) {
            writeKeys(root, "AKIANEWCHAIN0000006", "new-secret-Zq9");
            AWS.fake().removeCredentials("AKIAOLDCHAIN0000005");
            AWS.fake().clearRequests();
            SecretsManagerProvider provider =
                    new SecretsManagerProvider(client, "", Runnable::run, auth::reloadAfterRejection);

            FetchResult result =
                    provider.getValues(List.of(SecretVersionRef.current("app/s0"), SecretVersionRef.current("app/s1")));

            assertThat(result.failures()).isEmpty();
            assertThat(result.values()).hasSize(2);
            assertThat(AWS.fake().requests())
                    .filteredOn(r -> "AKIAOLDCHAIN0000005".equals(r.accessKeyId()))
                    .extracting(RecordedRequest::operation, RecordedRequest::errorCode)
                    .containsExactly(tuple("AssumeRole", "InvalidClientTokenId"));
            assertThat(AWS.fake().requests())
                    .filteredOn(r -> "AKIANEWCHAIN0000006".equals(r.accessKeyId()))
                    .extracting(RecordedRequest::operation)
                    .containsExactly("AssumeRole");
        }
    }

    @Test
    void keysAreAlsoReReadOnScheduleWithoutARejection(@TempDir Path root) throws IOException {
        AWS.fake().addCredentials("AKIAOLDSCHEDULE0003", "old-secret-Zq9");
        AWS.fake().addCredentials("AKIANEWSCHEDULE0004", "new-secret-Zq9");
        RefreshFixture.createSecrets(AWS.fake(), 1);
        writeKeys(root, "AKIAOLDSCHEDULE0003", "old-secret-Zq9");
        try (ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(manifests(1, false))
                .secretKeyResolver(SecretKeyResolver.mountedSecrets(root))
                .endpointOverride(AWS.fake().endpoint())
                .authOptions(AuthOptions.builder()
                        .staticKeyRereadInterval(Duration.ZERO)
                        .build())
                .clock(fixture.scheduler.clock())
                .scheduler(fixture.scheduler)
                .build()) {
            writeKeys(root, "AKIANEWSCHEDULE0004", "new-secret-Zq9");
            AWS.fake().clearRequests();
            fixture.scheduler.advance(Duration.ofMinutes(1));
            assertThat(secrets.status("", "es0").orElseThrow().failing()).isFalse();
            assertThat(AWS.fake().requests()).isNotEmpty().allMatch(r -> "AKIANEWSCHEDULE0004".equals(r.accessKeyId()));
        }
    }
}
