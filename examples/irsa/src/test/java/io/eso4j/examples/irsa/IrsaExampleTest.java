package io.eso4j.examples.irsa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.ExternalSecrets;
import io.eso4j.auth.AuthOptions;
import io.eso4j.spec.ManifestDocument;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStore;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.RecordedRequest;
import io.eso4j.testkit.StsSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of this example are consistent with each other and resolve end to end against the fake STS and SM. */
class IrsaExampleTest {

    private static final Path APP = Path.of("app/external-secrets.yaml");
    private static final Path SERVICE_ACCOUNT = Path.of("k8s/service-account.yaml");
    private static final Path DEPLOYMENT = Path.of("k8s/deployment.yaml");
    private static final Path TRUST_POLICY = Path.of("iam/trust-policy.json");
    private static final Path SECRETS_POLICY = Path.of("iam/secrets-policy.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAppManifestsLoadWithoutErrorsOrWarningsAndTheStoreUsesJwtAuth() {
        Manifests manifests = Manifests.load(APP);

        assertThat(manifests.warnings()).isEmpty();
        assertThat(manifests.externalSecrets()).hasSize(1);
        SecretStore store = manifests.storeFor(
                manifests.externalSecrets().get(0),
                manifests.externalSecrets().get(0).secretStoreRef());
        assertThat(store.aws().auth().jwt()).isNotNull();
        assertThat(store.aws().auth().jwt().serviceAccountRef().name())
                .isEqualTo(serviceAccount().name());
    }

    @Test
    void theKubernetesManifestsLoadAndTheDeploymentRunsAsTheAnnotatedServiceAccount() {
        Manifests manifests = Manifests.load(SERVICE_ACCOUNT, DEPLOYMENT);

        assertThat(manifests.otherDocuments())
                .extracting(ManifestDocument::kind)
                .containsExactly("ServiceAccount", "Deployment");
        ManifestDocument deployment = manifests.otherDocuments().get(1);
        assertThat(path(deployment.content(), "spec", "template", "spec", "serviceAccountName"))
                .isEqualTo(serviceAccount().name());
        assertThat(deployment.namespace()).isEqualTo(serviceAccount().namespace());
    }

    @Test
    void theTrustPolicyLetsOnlyThatServiceAccountAssumeTheRoleThroughTheClustersOidcProvider() throws IOException {
        JsonNode statements = JSON.readTree(TRUST_POLICY.toFile()).path("Statement");

        assertThat(statements).hasSize(1);
        JsonNode statement = statements.get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
        String provider = statement.path("Principal").path("Federated").asText();
        assertThat(provider)
                .matches("arn:aws:iam::\\d{12}:oidc-provider/oidc\\.eks\\.[a-z0-9-]+\\.amazonaws\\.com/id/\\w+");
        String issuer = provider.substring(provider.indexOf('/') + 1);
        JsonNode equals = statement.path("Condition").path("StringEquals");
        ManifestDocument account = serviceAccount();
        assertThat(equals.path(issuer + ":aud").asText()).isEqualTo("sts.amazonaws.com");
        assertThat(equals.path(issuer + ":sub").asText())
                .isEqualTo("system:serviceaccount:" + account.namespace() + ":" + account.name());
        // The role lives in the account the OIDC provider is registered in.
        assertThat(roleArn()).startsWith(provider.substring(0, provider.indexOf(":oidc-provider")) + ":role/");
    }

    @Test
    void theSecretsPolicyGrantsExactlyTheActionsEso4jCalls() throws IOException {
        JsonNode policy = JSON.readTree(SECRETS_POLICY.toFile());

        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }
        assertThat(actions)
                .containsExactlyInAnyOrder(
                        "secretsmanager:GetSecretValue",
                        "secretsmanager:BatchGetSecretValue",
                        "secretsmanager:ListSecrets",
                        "secretsmanager:DescribeSecret",
                        "ssm:GetParameters",
                        "ssm:GetParameter",
                        "ssm:GetParametersByPath",
                        "ssm:DescribeParameters",
                        "ssm:ListTagsForResource",
                        "kms:Decrypt");
        assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
    }

    @Test
    void resolvesThroughAssumeRoleWithWebIdentityWithThePodsTokenFile(@TempDir Path dir) throws IOException {
        String token = "eyJhbGciOiJSUzI1NiJ9.projected-service-account-token.example";
        Path tokenFile = Files.writeString(dir.resolve("token"), token + "\n");
        try (FakeAws aws = FakeAws.start()) {
            aws.secrets().createSecret("prod/my-app/db", "{\"username\":\"my_app\",\"password\":\"example-pass\"}");
            aws.sts().registerWebIdentityToken(token, roleArn());

            // In the pod these three come from the environment the EKS webhook sets (and the default STS endpoint).
            AuthOptions irsa = AuthOptions.builder()
                    .webIdentityTokenFile(tokenFile)
                    .webIdentityRoleArn(roleArn())
                    .stsEndpoint(aws.endpoint())
                    .build();
            try (ExternalSecrets secrets = ExternalSecrets.builder()
                    .manifests(Manifests.load(APP))
                    .authOptions(irsa)
                    .endpointOverride(aws.endpoint())
                    .build()) {
                assertThat(secrets.get("my-app-db").keys()).containsExactly("password", "username");
                assertThat(secrets.get("my-app-db").string("username")).contains("my_app");
            }

            List<StsSession> sessions = aws.sts().sessions();
            assertThat(sessions).extracting(StsSession::operation).containsExactly("AssumeRoleWithWebIdentity");
            assertThat(sessions.get(0).roleArn()).isEqualTo(roleArn());
            List<String> secretsManagerCallers = new ArrayList<>();
            for (RecordedRequest request : aws.requests()) {
                if (!request.operation().equals("AssumeRoleWithWebIdentity")) {
                    secretsManagerCallers.add(request.accessKeyId());
                }
            }
            assertThat(secretsManagerCallers)
                    .isNotEmpty()
                    .containsOnly(sessions.get(0).accessKeyId());
        }
    }

    private static ManifestDocument serviceAccount() {
        return Manifests.load(SERVICE_ACCOUNT).otherDocuments().get(0);
    }

    private static String roleArn() {
        return (String) path(serviceAccount().content(), "metadata", "annotations", "eks.amazonaws.com/role-arn");
    }

    private static Object path(Map<String, Object> content, String... keys) {
        Object node = content;
        for (String key : keys) {
            assertThat(node).as("parent of " + key).isInstanceOf(Map.class);
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }
}
