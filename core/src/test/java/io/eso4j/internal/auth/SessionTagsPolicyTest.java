package io.eso4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.InvalidSpecException;
import io.eso4j.auth.AuthOptions;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.AwsProvider;
import io.eso4j.spec.Manifests;
import io.eso4j.spec.SecretStore;
import io.eso4j.spec.SessionTagsPolicy;
import io.eso4j.spec.SpecEnum;
import io.eso4j.spec.StoreKind;
import io.eso4j.spec.Tag;
import io.eso4j.testkit.FakeAws;
import io.eso4j.testkit.MutableClock;
import io.eso4j.testkit.RoleTrust;
import io.eso4j.testkit.StsSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * {@code sessionTagsPolicy} and {@code customSessionTags} as ESO's {@code buildSessionTags} makes them
 * ({@code providers/v1/aws/provider.go}), from the vectors of {@code conformance/session-tags-vectors.json} and, on
 * the wire, through the real STS client against the testkit's fake STS, whose role trust requires the tags.
 */
class SessionTagsPolicyTest {

    private static final Path VECTORS = Path.of("..", "conformance", "session-tags-vectors.json");
    private static final String ROLE = "arn:aws:iam::123456789012:role/team-b";
    private static final String KEY_ID = "AKIASESSIONTAGS00001";
    private static final String SECRET = "sentinel-session-tags-secret";

    /** ESO's documentation examples ({@code docs/provider/aws-access.md}, "STS Session Tags"), auth added. */
    private static final String SIMPLE = """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata:
              name: team-b-store
              namespace: team-b
            spec:
              provider:
                aws:
                  service: SecretsManager
                  region: eu-central-1
                  role: team-b
                  sessionTagsPolicy: Simple
            """;

    private static final String CUSTOM = """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata:
              name: team-b-store
              namespace: team-b
            spec:
              provider:
                aws:
                  service: SecretsManager
                  region: eu-central-1
                  role: team-b
                  sessionTagsPolicy: Custom
                  customSessionTags:
                    env: production
                    team: platform
            """;

    private FakeAws fake;

    @BeforeEach
    void start() {
        fake = FakeAws.builder()
                .region("eu-central-1")
                .clock(MutableClock.systemPlus(Duration.ZERO))
                .start();
        fake.addCredentials(KEY_ID, SECRET);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @TestFactory
    Stream<DynamicTest> buildsTheTagsOfEveryVector() throws Exception {
        List<JsonNode> vectors = new ArrayList<>();
        new ObjectMapper().readTree(Files.readString(VECTORS)).forEach(vectors::add);
        assertThat(vectors).hasSize(5);
        return vectors.stream()
                .map(vector -> DynamicTest.dynamicTest(vector.path("id").asText(), () -> {
                    JsonNode store = vector.path("store");
                    Map<String, String> custom = new LinkedHashMap<>();
                    store.path("customSessionTags")
                            .properties()
                            .forEach(e -> custom.put(e.getKey(), e.getValue().asText()));
                    AwsProvider aws = new AwsProvider(
                            null,
                            "eu-central-1",
                            ROLE,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            SpecEnum.parse(
                                    SessionTagsPolicy.class,
                                    store.path("sessionTagsPolicy").asText()),
                            custom);
                    if (vector.has("expect")) {
                        SecretStore record = new SecretStore(
                                StoreKind.SECRET_STORE, store.path("name").asText(), "team-b", aws, null);
                        assertThatThrownBy(
                                        () -> Manifests.builder().store(record).build())
                                .isInstanceOf(InvalidSpecException.class)
                                .hasMessageContaining("spec.provider.aws.customSessionTags: "
                                        + vector.path("expect").path("error").asText());
                        return;
                    }
                    Map<String, String> expected = new LinkedHashMap<>();
                    vector.path("expectSessionTags")
                            .properties()
                            .forEach(e -> expected.put(e.getKey(), e.getValue().asText()));
                    List<Tag> tags = aws.sessionTagsFor(
                            store.path("name").asText(),
                            store.path("kind").asText(),
                            vector.path("namespace").asText());
                    assertThat(tags.stream().map(Tag::key)).isSorted();
                    assertThat(asMap(tags)).isEqualTo(expected);
                }));
    }

    @Test
    void simpleSendsTheNamespaceStoreNameAndKindToStsAndTheRoleTrustRequiresThem() {
        fake.sts()
                .allowAssumeRole(
                        ROLE,
                        RoleTrust.anyone()
                                .requiringTag("esoNamespace", "team-b")
                                .requiringTag("esoStoreName", "team-b-store")
                                .requiringTag("esoStoreKind", "SecretStore"));

        resolve(store(SIMPLE), "team-b");

        StsSession session = fake.sts().sessions().get(0);
        assertThat(session.tags())
                .containsExactly(
                        Map.entry("esoNamespace", "team-b"),
                        Map.entry("esoStoreKind", "SecretStore"),
                        Map.entry("esoStoreName", "team-b-store"));
        assertThat(session.transitiveTagKeys()).isEmpty();
    }

    @Test
    void customAddsItsTagsToTheBuiltInOnes() {
        fake.sts()
                .allowAssumeRole(
                        ROLE,
                        RoleTrust.anyone().requiringTag("env", "production").requiringTag("esoNamespace", "team-b"));

        resolve(store(CUSTOM), "team-b");

        assertThat(fake.sts().sessions().get(0).tags())
                .containsExactly(
                        Map.entry("env", "production"),
                        Map.entry("esoNamespace", "team-b"),
                        Map.entry("esoStoreKind", "SecretStore"),
                        Map.entry("esoStoreName", "team-b-store"),
                        Map.entry("team", "platform"));
    }

    @Test
    void aTrustConditionOnAnotherNamespaceDeniesTheSession() {
        fake.sts().allowAssumeRole(ROLE, RoleTrust.anyone().requiringTag("esoNamespace", "team-a"));

        assertThatThrownBy(() -> resolve(store(SIMPLE), "team-b"))
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"))
                .hasMessageContaining("is not authorized to perform: sts:TagSession on resource: " + ROLE);
    }

    @Test
    void aClusterStoreTagsEachNamespaceItIsUsedFromWithItsOwnSession() {
        fake.sts().allowAssumeRole(ROLE);
        SecretStore cluster = store(
                SIMPLE.replace("kind: SecretStore", "kind: ClusterSecretStore").replace("  namespace: team-b\n", ""));
        try (CredentialsCache cache = CredentialsCache.create(keys(), options())) {
            cache.forStore(cluster, "team-a").resolveCredentials();
            cache.forStore(cluster, "team-b").resolveCredentials();
            cache.forStore(cluster, "team-a").resolveCredentials();
            assertThat(cache.size()).isEqualTo(2);
        }

        assertThat(fake.sts().sessions())
                .extracting(s -> s.tags().get("esoNamespace") + "/" + s.tags().get("esoStoreKind"))
                .containsExactly("team-a/ClusterSecretStore", "team-b/ClusterSecretStore");
    }

    @Test
    void noneKeepsTheManualSessionTagsAndAPolicyReplacesThemWithAWarning() {
        fake.sts().allowAssumeRole(ROLE);
        String manual = SIMPLE.replace("sessionTagsPolicy: Simple", "sessionTags: [{key: cost-center, value: team-b}]");
        resolve(store(manual), "team-b");
        assertThat(fake.sts().sessions().get(0).tags()).containsExactly(Map.entry("cost-center", "team-b"));

        Manifests both = Manifests.parse("s.yaml", withKeys(SIMPLE + "      sessionTags: [{key: a, value: b}]\n"));
        assertThat(both.warnings())
                .containsExactly("s.yaml#1 spec.provider.aws.sessionTags: ignored: sessionTagsPolicy Simple replaces"
                        + " these tags, as in ESO");
        Manifests unused = Manifests.parse("s.yaml", withKeys(CUSTOM.replace("Custom", "None")));
        assertThat(unused.warnings())
                .containsExactly("s.yaml#1 spec.provider.aws.customSessionTags: ignored: used only with"
                        + " sessionTagsPolicy: Custom, as in ESO");
    }

    @Test
    void reservedKeysAndUnknownPoliciesAreRejectedAsEsoDoes() {
        assertThatThrownBy(() -> Manifests.parse("s.yaml", CUSTOM.replace("env:", "esoStoreName:")))
                .hasMessage("s.yaml#1 spec.provider.aws.customSessionTags: customSessionTags cannot contain"
                        + " automatically injected reserved keys: esoNamespace, esoStoreName, esoStoreKind");
        assertThatThrownBy(() -> Manifests.parse("s.yaml", SIMPLE.replace("Simple", "simple")))
                .hasMessage("s.yaml#1 spec.provider.aws.sessionTagsPolicy: unsupported value \"simple\", expected"
                        + " one of: None, Simple, Custom");
        String beta = CUSTOM.replace("external-secrets.io/v1", "external-secrets.io/v1beta1");
        assertThat(Manifests.parse("s.yaml", beta).warnings())
                .contains(
                        "s.yaml#1 spec.provider.aws.sessionTagsPolicy: unknown field",
                        "s.yaml#1 spec.provider.aws.customSessionTags: unknown field");
        assertThat(Manifests.parse("s.yaml", beta).stores().get(0).aws().sessionTagsPolicy())
                .isEqualTo(SessionTagsPolicy.NONE);
    }

    private void resolve(SecretStore store, String namespace) {
        try (AwsAuth auth = StoreCredentials.forStore(store, namespace, keys(), options())) {
            assertThat(auth.resolveCredentials().accessKeyId()).startsWith("ASIA");
        }
    }

    /** The store with {@code auth.secretRef} added, so the base credentials are the fake's static keys. */
    private static SecretStore store(String yaml) {
        Manifests manifests = Manifests.parse("store.yaml", withKeys(yaml));
        return manifests.stores().isEmpty()
                ? manifests.clusterStores().get(0)
                : manifests.stores().get(0);
    }

    private static String withKeys(String yaml) {
        return yaml.replace(
                "role: team-b",
                "role: " + ROLE + "\n"
                        + "      auth:\n"
                        + "        secretRef:\n"
                        + "          accessKeyIDSecretRef: {name: aws-keys, key: id}\n"
                        + "          secretAccessKeySecretRef: {name: aws-keys, key: secret}");
    }

    private AuthOptions options() {
        return AuthOptions.builder()
                .stsEndpoint(fake.endpoint())
                .asyncCredentialUpdate(false)
                .roleSessionName("eso4j-test")
                .environment(name -> null)
                .build();
    }

    private static SecretKeyResolver keys() {
        return SecretKeyResolver.fromMap(Map.of("aws-keys/id", KEY_ID, "aws-keys/secret", SECRET));
    }

    private static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }
}
