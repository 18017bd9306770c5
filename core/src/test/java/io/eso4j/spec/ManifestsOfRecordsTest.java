package io.eso4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.InvalidSpecException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestsOfRecordsTest {

    private static final SecretStore STORE = SecretStore.builder()
            .name("aws")
            .namespace("apps")
            .region("eu-west-1")
            .build();

    private static ExternalSecret db() {
        return ExternalSecret.builder()
                .name("db")
                .namespace("apps")
                .secretStore("aws")
                .extract("db/creds")
                .build();
    }

    @Test
    void recordsBuiltInCodeGiveTheManifestsTheirTextGives() {
        Manifests ofRecords = Manifests.of(List.of(STORE), List.of(db()));
        Manifests parsed = Manifests.parse("es.yaml", ManifestsTest.STORE + """
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: db, namespace: apps}
                spec:
                  secretStoreRef: {name: aws}
                  dataFrom: [{extract: {key: db/creds}}]
                """);

        assertThat(ofRecords.stores()).isEqualTo(parsed.stores());
        assertThat(ofRecords.externalSecrets()).isEqualTo(parsed.externalSecrets());
        assertThat(ofRecords.storeFor(ofRecords.externalSecrets().get(0), null)).isEqualTo(STORE);
        assertThat(ofRecords.sources()).containsExactly("<code>");
        assertThat(ofRecords.externalSecretsOf("<code>")).containsExactly(db());
    }

    @Test
    void aMissingStoreIsReportedAsTheParserReportsIt() {
        ExternalSecret orphan = db().toBuilder().secretStore("nope").build();

        assertThatThrownBy(() -> Manifests.of(List.of(STORE), List.of(orphan)))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems())
                        .containsExactly(
                                "<code> spec.secretStoreRef: SecretStore \"nope\" not found in namespace \"apps\""));
        assertThatThrownBy(() -> Manifests.parse("es.yaml", ManifestsTest.STORE + """
                        ---
                        apiVersion: external-secrets.io/v1
                        kind: ExternalSecret
                        metadata: {name: db, namespace: apps}
                        spec:
                          secretStoreRef: {name: nope}
                          dataFrom: [{extract: {key: db/creds}}]
                        """))
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems())
                        .containsExactly(
                                "es.yaml#2 spec.secretStoreRef: SecretStore \"nope\" not found in namespace \"apps\""));
    }

    @Test
    void recordsMadeWithoutTheBuilderAreValidatedToo() {
        // The canonical constructor does not validate; Manifests.of must, with every problem at once.
        ExternalSecret invalid = new ExternalSecret(
                "",
                "apps",
                null,
                null,
                null,
                null,
                new SecretStoreRef("aws", StoreKind.SECRET_STORE),
                null,
                null,
                null);
        SecretStore noRegion = new SecretStore(
                StoreKind.SECRET_STORE,
                "other",
                "apps",
                new AwsProvider(
                        AwsService.SECRETS_MANAGER, "", "", null, "", null, null, "", AwsAuthSpec.DEFAULT_CHAIN),
                null);

        assertThatThrownBy(() -> Manifests.of(List.of(STORE, noRegion), List.of(invalid)))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems())
                        .containsExactly(
                                "<code> spec.provider.aws.region: is required",
                                "<code> metadata.name: is required",
                                "<code> spec: either data or dataFrom should be specified"));
    }

    @Test
    void aSecondRecordOfTheSameNameIsADuplicate() {
        assertThatThrownBy(() -> Manifests.of(List.of(STORE, STORE), List.of(db(), db())))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems())
                        .containsExactly(
                                "<code> metadata.name: duplicate SecretStore \"aws\" (first defined in <code>)",
                                "<code> metadata.name: duplicate ExternalSecret \"db\" (first defined in <code>)"));
    }

    @Test
    void theBuilderMixesTextAndRecordsAndTellsWhichSourceHoldsWhich() {
        Manifests manifests = Manifests.builder()
                .parse("store.yaml", ManifestsTest.STORE)
                .parse("es.yaml", """
                        apiVersion: external-secrets.io/v1
                        kind: ExternalSecret
                        metadata: {name: api, namespace: apps}
                        spec:
                          secretStoreRef: {name: aws}
                          data: [{secretKey: token, remoteRef: {key: api/token}}]
                        """)
                .externalSecret(db())
                .build();

        assertThat(manifests.sources()).containsExactly("store.yaml", "es.yaml", "<code>");
        assertThat(manifests.externalSecretsOf("store.yaml")).isEmpty();
        assertThat(manifests.externalSecretsOf("es.yaml"))
                .extracting(ExternalSecret::name)
                .containsExactly("api");
        assertThat(manifests.externalSecretsOf("<code>")).containsExactly(db());
        assertThat(manifests.externalSecretsOf("unknown.yaml")).isEmpty();
        assertThat(manifests.storeFor(db(), null).name()).isEqualTo("aws");
    }
}
