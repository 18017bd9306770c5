package io.eso4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.InvalidSpecException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestsTest {

    static final String STORE = """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata:
              name: aws
              namespace: apps
            spec:
              provider:
                aws:
                  service: SecretsManager
                  region: eu-west-1
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"external-secrets.io/v1", "external-secrets.io/v1beta1"})
    void loadsAFullStoreAndExternalSecretInBothVersions(String apiVersion) {
        String yaml = """
                apiVersion: %1$s
                kind: SecretStore
                metadata:
                  name: aws
                  namespace: apps
                spec:
                  retrySettings:
                    maxRetries: 5
                    retryInterval: 10s
                  provider:
                    aws:
                      service: SecretsManager
                      region: eu-west-1
                      role: arn:aws:iam::123456789012:role/reader
                      additionalRoles: [arn:aws:iam::123456789012:role/hop]
                      externalID: ext-1
                      sessionTags:
                        - key: team
                          value: payments
                      transitiveTagKeys: [team]
                      prefix: prod/
                      auth:
                        secretRef:
                          accessKeyIDSecretRef: {name: aws-creds, key: id}
                          secretAccessKeySecretRef: {name: aws-creds, key: secret}
                ---
                apiVersion: %1$s
                kind: ExternalSecret
                metadata:
                  name: db
                  namespace: apps
                  labels: {app: shop}
                spec:
                  refreshInterval: 1h30m
                  refreshPolicy: Periodic
                  secretStoreRef:
                    name: aws
                    kind: SecretStore
                  target:
                    name: db-secret
                    creationPolicy: Owner
                    deletionPolicy: Delete
                    immutable: true
                    template:
                      type: Opaque
                      engineVersion: v2
                      mergePolicy: Merge
                      metadata:
                        labels: {tier: db}
                        annotations: {note: x}
                      data:
                        url: "postgres://{{ .user }}@db"
                      templateFrom:
                        - literal: "x: {{ .user }}"
                          target: Annotations
                  data:
                    - secretKey: user
                      remoteRef:
                        key: db/creds
                        property: user
                        version: uuid/123
                        decodingStrategy: Base64
                        nullBytePolicy: Fail
                  dataFrom:
                    - extract:
                        key: db/extra
                        conversionStrategy: Unicode
                      rewrite:
                        - regexp: {source: "(?P<p>.*)-x", target: "${p}"}
                        - transform: {template: "{{ .value | upper }}"}
                        - merge: {into: all, strategy: JSON, conflictPolicy: Ignore, priority: [a]}
                    - find:
                        path: db/
                        name: {regexp: "^db"}
                        tags: {team: payments}
                      sourceRef:
                        storeRef: {name: aws}
                """.formatted(apiVersion);

        Manifests manifests = Manifests.parse("all.yaml", yaml);

        if (apiVersion.endsWith("v1")) {
            assertThat(manifests.warnings()).isEmpty();
        } else {
            assertThat(manifests.warnings())
                    .containsExactly("all.yaml#1 apiVersion: external-secrets.io/v1beta1 is no longer served by ESO"
                            + " (its CRDs set served: false unless the chart's crds.unsafeServeV1Beta1 is true); eso4j"
                            + " still reads it (in 2 documents, said once); fix: apiVersion: external-secrets.io/v1");
        }
        SecretStore store = manifests.stores().get(0);
        assertThat(store.ref()).isEqualTo(SecretStoreRef.of("aws"));
        assertThat(store.namespace()).isEqualTo("apps");
        assertThat(store.retrySettings()).isEqualTo(new RetrySettings(5, Duration.ofSeconds(10)));
        AwsProvider aws = store.aws();
        assertThat(aws.region()).isEqualTo("eu-west-1");
        assertThat(aws.role()).endsWith("role/reader");
        assertThat(aws.additionalRoles()).containsExactly("arn:aws:iam::123456789012:role/hop");
        assertThat(aws.externalId()).isEqualTo("ext-1");
        assertThat(aws.sessionTags()).containsExactly(new Tag("team", "payments"));
        assertThat(aws.transitiveTagKeys()).containsExactly("team");
        assertThat(aws.prefix()).isEqualTo("prod/");
        assertThat(aws.auth().secretRef().accessKeyId()).isEqualTo(new SecretKeySelector("aws-creds", "id", null));

        ExternalSecret es = manifests.externalSecrets().get(0);
        assertThat(es.name()).isEqualTo("db");
        assertThat(es.labels()).containsEntry("app", "shop");
        assertThat(es.refreshInterval()).isEqualTo(Duration.ofMinutes(90));
        assertThat(es.targetName()).isEqualTo("db-secret");
        assertThat(es.target().deletionPolicy()).isEqualTo(DeletionPolicy.DELETE);
        assertThat(es.target().immutable()).isTrue();
        Template template = es.target().template();
        assertThat(template.mergePolicy()).isEqualTo(TemplateMergePolicy.MERGE);
        assertThat(template.labels()).containsEntry("tier", "db");
        assertThat(template.templateFrom())
                .containsExactly(new TemplateFrom("x: {{ .user }}", TemplateScope.ANNOTATIONS));
        RemoteRef ref = es.data().get(0).remoteRef();
        assertThat(ref.key()).isEqualTo("db/creds");
        assertThat(ref.version()).isEqualTo("uuid/123");
        assertThat(ref.decodingStrategy()).isEqualTo(DecodingStrategy.BASE64);
        assertThat(ref.nullBytePolicy()).isEqualTo(NullBytePolicy.FAIL);
        DataFrom extract = es.dataFrom().get(0);
        assertThat(extract.extract().conversionStrategy()).isEqualTo(ConversionStrategy.UNICODE);
        assertThat(extract.rewrite())
                .containsExactly(
                        new Rewrite.Regexp("(?P<p>.*)-x", "${p}"),
                        new Rewrite.Transform("{{ .value | upper }}"),
                        new Rewrite.Merge(
                                "all",
                                List.of("a"),
                                null,
                                Rewrite.Merge.ConflictPolicy.IGNORE,
                                Rewrite.Merge.Strategy.JSON));
        Find find = es.dataFrom().get(1).find();
        assertThat(find.path()).isEqualTo("db/");
        assertThat(find.nameRegexp()).isEqualTo("^db");
        assertThat(find.tags()).containsEntry("team", "payments");
        assertThat(manifests.storeFor(es, es.dataFrom().get(1).storeRef())).isSameAs(store);
        assertThat(manifests.storeFor(es, null)).isSameAs(store);
    }

    @Test
    void acceptsCertificateManagerOnlyInV1() {
        String store = STORE.replace("SecretsManager", "CertificateManager");
        // ESO's v1 AWSServiceType enum has CertificateManager (apis/externalsecrets/v1/secretstore_aws_types.go)
        assertThat(Manifests.parse("s.yaml", store).stores().get(0).aws().service())
                .isEqualTo(AwsService.CERTIFICATE_MANAGER);
        String beta = store.replace("external-secrets.io/v1", "external-secrets.io/v1beta1");
        assertThatThrownBy(() -> Manifests.parse("s.yaml", beta))
                .hasMessageContaining("s.yaml#1 spec.provider.aws.service: unsupported value \"CertificateManager\"");
    }

    @Test
    void sessionTagsPolicyIsAV1FieldOnly() {
        String v1 = STORE.replace("region: eu-west-1", "region: eu-west-1\n      sessionTagsPolicy: None");
        assertThat(Manifests.parse("s.yaml", v1).warnings()).isEmpty();
        String beta = v1.replace("external-secrets.io/v1", "external-secrets.io/v1beta1");
        assertThat(Manifests.parse("s.yaml", beta).warnings())
                .containsExactly(
                        "s.yaml#1 apiVersion: " + Manifests.v1beta1Warning(1),
                        "s.yaml#1 spec.provider.aws.sessionTagsPolicy: unknown field");
    }

    @Test
    void resolvesStoresAcrossFilesAndKeepsOtherDocuments(@TempDir Path dir) throws Exception {
        Path stores = dir.resolve("stores.yaml");
        Files.writeString(stores, STORE + """
                ---
                apiVersion: external-secrets.io/v1
                kind: ClusterSecretStore
                metadata: {name: shared}
                spec:
                  provider:
                    aws: {service: SecretsManager, region: us-east-1}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: aws-creds, namespace: apps}
                stringData: {id: AKIA-SENTINEL}
                """);
        Path secrets = dir.resolve("secrets.yaml");
        Files.writeString(secrets, """
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: a, namespace: apps}
                spec:
                  secretStoreRef: {name: aws}
                  data:
                    - secretKey: x
                      remoteRef: {key: x}
                      sourceRef:
                        storeRef: {name: shared, kind: ClusterSecretStore}
                ---
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: b, namespace: apps}
                spec:
                  secretStoreRef: {name: shared, kind: ClusterSecretStore}
                  dataFrom: [{extract: {key: y}}]
                """);

        Manifests manifests = Manifests.load(stores, secrets);

        assertThat(manifests.stores()).hasSize(1);
        assertThat(manifests.clusterStores()).extracting(SecretStore::name).containsExactly("shared");
        assertThat(manifests.externalSecrets()).extracting(ExternalSecret::name).containsExactly("a", "b");
        ExternalSecret a = manifests.externalSecrets().get(0);
        assertThat(manifests.storeFor(a, null).name()).isEqualTo("aws");
        assertThat(manifests.storeFor(a, a.data().get(0).storeRef()).name()).isEqualTo("shared");
        assertThat(manifests.storeFor(manifests.externalSecrets().get(1), null).kind())
                .isEqualTo(StoreKind.CLUSTER_SECRET_STORE);
        ManifestDocument secret = manifests.otherDocuments().get(0);
        assertThat(secret.isSecret()).isTrue();
        assertThat(secret.source()).isEqualTo(stores.toString());
        assertThat(secret.index()).isEqualTo(3);
        assertThat(secret.namespace()).isEqualTo("apps");
        assertThat(secret.content()).containsEntry("stringData", Map.of("id", "AKIA-SENTINEL"));
        assertThat(secret.toString()).doesNotContain("SENTINEL");
        assertThat(manifests.toString()).doesNotContain("SENTINEL");
    }

    @Test
    void countsDocumentsIncludingEmptyOnesInMessages() {
        String yaml = STORE + "---\n---\n"
                + STORE.replace("name: aws", "name: other").replace("region: eu-west-1", "region: ''");
        assertThatThrownBy(() -> Manifests.parse("m.yaml", yaml))
                .hasMessage("m.yaml#3 spec.provider.aws.region: is required");
    }

    @Test
    void warnsOnceAboutV1beta1AtItsFirstDocumentWithTheFix() {
        String beta = STORE.replace("external-secrets.io/v1", "external-secrets.io/v1beta1");
        Manifests manifests = Manifests.parse(
                "m.yaml",
                STORE.replace("name: aws", "name: first") + "---\n" + beta + "---\n"
                        + beta.replace("name: aws", "name: third"));
        assertThat(manifests.warnings())
                .singleElement()
                .asString()
                .startsWith("m.yaml#2 apiVersion: external-secrets.io/v1beta1 is no longer served by ESO")
                .contains("(in 2 documents, said once)")
                .endsWith("fix: apiVersion: external-secrets.io/v1");
    }

    @Test
    void parsesSeveralInMemorySourcesAndStreams() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("store.yaml", STORE);
        sources.put("es.yaml", """
                apiVersion: external-secrets.io/v1beta1
                kind: ExternalSecret
                metadata: {name: es, namespace: apps}
                spec:
                  secretStoreRef: {name: aws}
                  data: [{secretKey: k, remoteRef: {key: k}}]
                """);
        assertThat(Manifests.parse(sources).externalSecrets()).hasSize(1);
        Manifests read =
                Manifests.read("stream.yaml", new ByteArrayInputStream(STORE.getBytes(StandardCharsets.UTF_8)));
        assertThat(read.stores()).hasSize(1);
    }

    @Test
    void readsJsonDocuments() {
        String json = """
                {"apiVersion": "external-secrets.io/v1", "kind": "SecretStore",
                 "metadata": {"name": "aws"},
                 "spec": {"provider": {"aws": {"service": "SecretsManager", "region": "eu-west-1"}}}}
                """;
        assertThat(Manifests.parse("store.json", json).stores())
                .extracting(SecretStore::name)
                .containsExactly("aws");
    }

    @Test
    void warnsAboutUnknownAndIgnoredFieldsWithoutMisreadingThem() {
        String yaml = STORE.replace("  name: aws\n", "  name: aws\n  uid: 1234\n") + """
                  controller: dev
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: es, namespace: apps}
                spec:
                  secretStoreRef: {name: aws}
                  syncWindows: {kind: allow}
                  data:
                    - secretKey: k
                      remoteRef: {key: k, propery: user}
                status:
                  refreshTime: now
                ---
                apiVersion: external-secrets.io/v1alpha1
                kind: PushSecret
                metadata: {name: push}
                """;

        Manifests manifests = Manifests.parse("w.yaml", yaml);

        assertThat(manifests.warnings())
                .containsExactly(
                        "w.yaml#1 spec.controller: ignored by eso4j: there is no controller class in-process",
                        "w.yaml#2 spec.data[0].remoteRef.propery: unknown field",
                        "w.yaml#2 spec.syncWindows: ignored by eso4j: refresh windows are not implemented; refreshes"
                                + " follow refreshInterval",
                        "w.yaml#3 kind: kind \"PushSecret\" is not supported by eso4j; document kept as an other"
                                + " document");
        assertThat(manifests.externalSecrets().get(0).data().get(0).remoteRef().property())
                .isEmpty();
        assertThat(manifests.otherDocuments())
                .extracting(ManifestDocument::kind)
                .containsExactly("PushSecret");
    }

    @Test
    void storeRefreshIntervalAcceptsSecondsOrDurationAndIsIgnoredWithAWarning() {
        String seconds = STORE + "  refreshInterval: 300\n";
        assertThat(Manifests.parse("s.yaml", seconds).warnings())
                .containsExactly(
                        "s.yaml#1 spec.refreshInterval: ignored by eso4j: the store is checked when it is used");
        assertThat(Manifests.parse("s.yaml", STORE + "  refreshInterval: 5m\n").stores())
                .hasSize(1);
        assertThatThrownBy(() -> Manifests.parse("s.yaml", STORE + "  refreshInterval: 5 minutes\n"))
                .hasMessage("s.yaml#1 spec.refreshInterval: unknown unit \" minutes\" in duration \"5 minutes\"");
    }

    @Test
    void negativeRefreshIntervalIsZeroWithAWarningAsInEso() {
        String yaml = STORE + """
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: es, namespace: apps}
                spec:
                  refreshInterval: -1m
                  secretStoreRef: {name: aws}
                  dataFrom: [{extract: {key: k}}]
                """;
        Manifests manifests = Manifests.parse("n.yaml", yaml);
        assertThat(manifests.externalSecrets().get(0).refreshInterval()).isZero();
        assertThat(manifests.warnings())
                .containsExactly("n.yaml#2 spec.refreshInterval: negative duration treated as 0, as ESO does");
    }

    @Test
    void storeForReportsAMissingReferenceByPath() {
        ExternalSecret inCode = ExternalSecret.builder()
                .name("x")
                .namespace("other")
                .secretStore("aws")
                .data("k", "k")
                .build();
        Manifests manifests = Manifests.parse("s.yaml", STORE);
        assertThatThrownBy(() -> manifests.storeFor(inCode, null))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("<code> spec.secretStoreRef: SecretStore \"aws\" not found in namespace \"other\"");
    }

    @Test
    void aStoreWithoutNamespaceServesAnyNamespace() {
        String yaml = STORE.replace("  namespace: apps\n", "") + """
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: es, namespace: team-a}
                spec:
                  secretStoreRef: {name: aws}
                  dataFrom: [{extract: {key: k}}]
                """;
        Manifests manifests = Manifests.parse("n.yaml", yaml);
        assertThat(manifests.storeFor(manifests.externalSecrets().get(0), null).name())
                .isEqualTo("aws");
    }

    @Test
    void rejectsAFileOverTheSizeLimitByNameWithoutReadingItAll(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(50L << 20); // 50 MiB of NULs, sparse: only the first 8 MiB + 1 bytes are read
        }
        Path good = dir.resolve("store.yaml");
        Files.writeString(good, STORE);

        assertThatThrownBy(() -> Manifests.load(good, big))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems())
                        .containsExactly(big + ": is larger than the limit of 8388608 bytes (8 MiB) for one manifest"
                                + " source (has 52428800)"));
    }

    @Test
    void keepsKindsOfOtherGroupsWithoutAWarningEvenWhenTheyLookLikeEsoKinds() {
        Manifests manifests = Manifests.parse(
                "o.yaml",
                STORE + "---\napiVersion: example.com/v1\nkind: ExternalSecrets\nmetadata: {name: x}\n"
                        + "---\napiVersion: external-secrets.io/v1alpha1\nkind: ClusterPushSecret\nmetadata: {name: p}\n");

        assertThat(manifests.otherDocuments())
                .extracting(ManifestDocument::kind)
                .containsExactly("ExternalSecrets", "ClusterPushSecret");
        assertThat(manifests.warnings())
                .containsExactly("o.yaml#3 kind: kind \"ClusterPushSecret\" is not supported by eso4j; document kept as"
                        + " an other document");
    }
}
