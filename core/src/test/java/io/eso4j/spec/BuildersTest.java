package io.eso4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.InvalidSpecException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildersTest {

    @Test
    void buildsTheSameRecordsTheLoaderProduces() {
        ExternalSecret built = ExternalSecret.builder()
                .name("db")
                .namespace("apps")
                .label("app", "shop")
                .refreshInterval("1h30m")
                .secretStore("aws")
                .data("user", RemoteRef.of("db/creds").withProperty("user"))
                .extract("db/extra")
                .build();

        ExternalSecret loaded = Manifests.parse("es.yaml", ManifestsTest.STORE + """
                        ---
                        apiVersion: external-secrets.io/v1
                        kind: ExternalSecret
                        metadata: {name: db, namespace: apps, labels: {app: shop}}
                        spec:
                          refreshInterval: 1h30m
                          secretStoreRef: {name: aws}
                          data: [{secretKey: user, remoteRef: {key: db/creds, property: user}}]
                          dataFrom: [{extract: {key: db/extra}}]
                        """)
                .externalSecrets()
                .get(0);

        assertThat(built).isEqualTo(loaded);
        assertThat(built.toBuilder().build()).isEqualTo(built);
    }

    @Test
    void validatesOnBuildWithEveryProblem() {
        assertThatThrownBy(() -> ExternalSecret.builder()
                        .data("a/b", "")
                        .target(new Target("", CreationPolicy.NONE, DeletionPolicy.DELETE, false, null))
                        .build())
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems())
                        .containsExactly(
                                "<code> metadata.name: is required",
                                "<code> spec.target.deletionPolicy: deletionPolicy=Delete must not be used when the"
                                        + " controller doesn't own the secret. Please set creationPolicy=Owner",
                                "<code> spec.data[0].secretKey: invalid key \"a/b\": must consist of alphanumeric"
                                        + " characters, '-', '_' or '.'",
                                "<code> spec.data[0].remoteRef.key: must not be empty"));
    }

    @Test
    void rejectsNullArgumentsAsProgrammingErrors() {
        assertThatThrownBy(() -> ExternalSecret.builder().name(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SecretStore.builder().region(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void buildsAStore() {
        SecretStore store = SecretStore.builder()
                .kind(StoreKind.CLUSTER_SECRET_STORE)
                .name("shared")
                .region("eu-west-1")
                .role("arn:aws:iam::1:role/r")
                .additionalRole("arn:aws:iam::1:role/hop")
                .externalId("x")
                .sessionTag("team", "a")
                .transitiveTagKey("team")
                .prefix("prod/")
                .retrySettings(3, Duration.ofSeconds(1))
                .build();

        assertThat(store.ref()).isEqualTo(new SecretStoreRef("shared", StoreKind.CLUSTER_SECRET_STORE));
        assertThat(store.aws().additionalRoles()).containsExactly("arn:aws:iam::1:role/hop");
        assertThat(store.aws().sessionTags()).containsExactly(new Tag("team", "a"));
        assertThat(store.aws().service()).isEqualTo(AwsService.SECRETS_MANAGER);
        assertThat(store.retrySettings()).isEqualTo(new RetrySettings(3, Duration.ofSeconds(1)));
    }

    @Test
    void storeBuilderValidates() {
        SecretKeySelector noKey = new SecretKeySelector("creds", "", "other");
        assertThatThrownBy(() -> SecretStore.builder()
                        .name("aws")
                        .namespace("apps")
                        .service(AwsService.PARAMETER_STORE)
                        .auth(new AwsAuthSpec(new AwsAuthSpec.SecretRefAuth(noKey, null, null), null))
                        .build())
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems())
                        .containsExactly(
                                "<code> spec.provider.aws.region: is required",
                                "<code> spec.provider.aws.auth.secretRef.accessKeyIDSecretRef.key: is required",
                                "<code> spec.provider.aws.auth.secretRef.accessKeyIDSecretRef.namespace: namespace"
                                        + " should either be empty or match the namespace of the SecretStore for a"
                                        + " namespaced SecretStore",
                                "<code> spec.provider.aws.auth.secretRef.secretAccessKeySecretRef: is required"));
    }

    @Test
    void validatorChecksRecordsBuiltWithoutTheBuilder() {
        ExternalSecret es = new ExternalSecret(
                "es",
                "",
                null,
                null,
                Duration.ofSeconds(-1),
                null,
                null,
                null,
                null,
                List.of(new DataFrom(
                        null,
                        new Find("db/", null, null, null, null, null),
                        List.of(new Rewrite.Regexp("[", "")),
                        null)));

        assertThatThrownBy(() -> SpecValidator.validate(es))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems())
                        .containsExactly(
                                "<code> spec.refreshInterval: must not be negative",
                                "<code> spec.dataFrom[0].find: unexpected find operator: find needs name.regexp or"
                                        + " tags",
                                "<code> spec.dataFrom[0].rewrite[0].regexp.source: invalid regexp \"[\": error parsing regexp: missing"
                                        + " closing ]: `[`"));
    }
}
