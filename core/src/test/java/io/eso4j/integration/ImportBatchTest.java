package io.eso4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.ExternalSecrets;
import io.eso4j.InvalidSpecException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAwsExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImportBatchTest {

    @RegisterExtension
    static final FakeAwsExtension AWS = new FakeAwsExtension();

    private static final String STORE = """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata: {name: aws}
            spec: {provider: {aws: {service: SecretsManager, region: us-east-1}}}
            """;

    private static final String APP = """
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata: {name: app}
            spec:
              refreshInterval: 0s
              secretStoreRef: {name: aws}
              dataFrom: [{extract: {key: app/creds}}]
            """;

    private final List<String> warnings = new ArrayList<>();
    private final List<ExternalSecrets> built = new ArrayList<>();

    @BeforeEach
    void seed() {
        AWS.fake().secrets().createSecret("app/creds", "{\"user\":\"u\",\"password\":\"sentinel-Zq9\"}");
        AWS.fake().secrets().createSecret("db-credentials", "{\"host\":\"db\"}");
    }

    @AfterEach
    void close() {
        built.forEach(ExternalSecrets::close);
    }

    private ExternalSecrets build(Manifests manifests) {
        ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(manifests)
                .failOnError(false)
                .endpointOverride(AWS.fake().endpoint())
                .credentialsProvider(AWS.fake().credentialsProvider())
                .build();
        built.add(secrets);
        return secrets;
    }

    private static ShortForm shortForm() {
        return new ShortForm("us-east-1", "", false, false, Duration.ZERO);
    }

    @Test
    void resolvesManifestsAndShortFormItemsInOneInstanceAndNamesEachItemsExternalSecrets() {
        EsoImport manifests =
                EsoImport.manifests("classpath:eso/app.yaml", Map.of("app.yaml", STORE + "---\n" + APP), "", false);
        EsoImport shortForm = EsoImport.awsSecret("db-credentials", "db.", false);

        Map<EsoImport, ImportBatch.Result> results = ImportBatch.resolve(
                List.of(manifests, shortForm), ImportBatchTest::shortForm, this::build, warnings::add);

        assertThat(built).hasSize(1);
        ImportBatch.Result app = results.get(manifests);
        ImportBatch.Result db = results.get(shortForm);
        assertThat(app.secrets()).isSameAs(db.secrets());
        assertThat(app.externalSecrets()).containsExactly(ExternalSecretId.of("", "app"));
        assertThat(db.externalSecrets()).containsExactly(ExternalSecretId.of("", "aws-db-credentials"));
        assertThat(app.failure()).isNull();
        assertThat(db.secrets().get("aws-db-credentials").string("host")).contains("db");
        assertThat(warnings).isEmpty();
    }

    @Test
    void anInvalidOptionalItemIsDroppedAndTheOthersStillResolve() {
        EsoImport good = EsoImport.manifests("app", Map.of("app.yaml", STORE + "---\n" + APP), "", false);
        EsoImport broken = EsoImport.manifests("broken", Map.of("broken.yaml", "kind: [unclosed"), "", true);

        Map<EsoImport, ImportBatch.Result> results =
                ImportBatch.resolve(List.of(good, broken), ImportBatchTest::shortForm, this::build, warnings::add);

        assertThat(results.keySet()).containsExactly(good, broken);
        assertThat(results.get(good).failure()).isNull();
        assertThat(results.get(good).externalSecrets()).containsExactly(ExternalSecretId.of("", "app"));
        assertThat(results.get(broken).failure()).isInstanceOf(InvalidSpecException.class);
        assertThat(results.get(broken).secrets()).isNull();
        assertThat(warnings).singleElement().asString().startsWith("optional eso: imports skipped");
    }

    @Test
    void withoutOptionalItemsEveryItemGetsTheInvalidManifestsFailure() {
        EsoImport good = EsoImport.manifests("app", Map.of("app.yaml", STORE + "---\n" + APP), "", false);
        EsoImport broken = EsoImport.manifests("broken", Map.of("broken.yaml", "kind: [unclosed"), "", false);

        Map<EsoImport, ImportBatch.Result> results =
                ImportBatch.resolve(List.of(good, broken), ImportBatchTest::shortForm, this::build, warnings::add);

        assertThat(built).isEmpty();
        assertThat(results.get(good).failure()).isInstanceOf(InvalidSpecException.class);
        assertThat(results.get(good).failure()).isSameAs(results.get(broken).failure());
    }

    @Test
    void anItemFailsWithItsExternalSecretsFailureKeepingItsType() {
        EsoImport missing = EsoImport.awsSecret("no-such-secret", "", false);

        ImportBatch.Result result = ImportBatch.resolve(
                        List.of(missing), ImportBatchTest::shortForm, this::build, warnings::add)
                .get(missing);

        assertThat(result.secrets()).isNotNull();
        assertThat(result.externalSecrets()).containsExactly(ExternalSecretId.of("", "aws-no-such-secret"));
        assertThat(result.failure()).isInstanceOf(SecretNotFoundException.class).hasMessageContaining("no-such-secret");
    }

    @Test
    void itemsSharingAFileOrASecretIdReadItOnce() {
        EsoImport a = EsoImport.manifests("a", Map.of("app.yaml", STORE + "---\n" + APP), "", false);
        EsoImport b = EsoImport.manifests("b", Map.of("app.yaml", STORE + "---\n" + APP), "p.", false);
        EsoImport c = EsoImport.awsSecret("db-credentials", "", false);
        EsoImport d = EsoImport.awsSecret("db-credentials", "x.", false);

        Map<EsoImport, ImportBatch.Result> results =
                ImportBatch.resolve(List.of(a, b, c, d), ImportBatchTest::shortForm, this::build, warnings::add);

        results.values().forEach(result -> assertThat(result.failure()).isNull());
        assertThat(results.get(b).externalSecrets()).containsExactly(ExternalSecretId.of("", "app"));
        assertThat(results.get(d).externalSecrets()).containsExactly(ExternalSecretId.of("", "aws-db-credentials"));
        assertThat(built.get(0).all()).hasSize(2);
    }

    @Test
    void aPlainTextShortFormSecretIsReadUnderTheLastPathSegmentOfItsIdAndTheFirstInstanceIsDiscarded() {
        AWS.fake().secrets().createSecret("prod/db/password", "sentinel-Plain7");
        EsoImport plain = EsoImport.awsSecret("prod/db/password", "", false);
        EsoImport json = EsoImport.awsSecret("db-credentials", "", false);
        List<ExternalSecrets> discarded = new ArrayList<>();

        Map<EsoImport, ImportBatch.Result> results = ImportBatch.resolve(
                List.of(plain, json), ImportBatchTest::shortForm, this::build, discarded::add, warnings::add);

        assertThat(built).hasSize(2);
        assertThat(discarded).containsExactly(built.get(0));
        assertThat(results.get(plain).failure()).isNull();
        assertThat(results.get(plain).secrets())
                .isSameAs(built.get(1))
                .isSameAs(results.get(json).secrets());
        assertThat(results.get(plain).externalSecrets())
                .containsExactly(ExternalSecretId.of("", "aws-prod-db-password"));
        assertThat(built.get(1).get("aws-prod-db-password").string("password")).contains("sentinel-Plain7");
        assertThat(built.get(1).get("aws-db-credentials").string("host")).contains("db");
    }

    @Test
    void aJsonValueThatIsNoObjectIsPlainTextTooAsInSpringCloudAws() {
        AWS.fake().secrets().createSecret("counter", "42");
        EsoImport number = EsoImport.awsSecret("counter", "", false);

        ImportBatch.Result result = ImportBatch.resolve(
                        List.of(number), ImportBatchTest::shortForm, this::build, warnings::add)
                .get(number);

        assertThat(result.failure()).isNull();
        assertThat(result.secrets().get("aws-counter").string("counter")).contains("42");
    }

    @Test
    void manifestsKeepEsosRuleAPlainTextExtractStillFails() {
        AWS.fake().secrets().createSecret("app/creds-plain", "not-json");
        String app = APP.replace("app/creds", "app/creds-plain");
        EsoImport manifests = EsoImport.manifests("app", Map.of("app.yaml", STORE + "---\n" + app), "", false);

        ImportBatch.Result result = ImportBatch.resolve(
                        List.of(manifests), ImportBatchTest::shortForm, this::build, warnings::add)
                .get(manifests);

        assertThat(built).hasSize(1);
        assertThat(result.failure()).hasMessageContaining("unable to unmarshal secret");
    }
}
