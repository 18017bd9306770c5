package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ESO's documentation examples ({@code src/test/resources/eso-docs/}, each naming its ESO page) rendered through
 * {@code eso4j render --fixture}: the fake AWS checks signatures, trust and session tags as AWS would.
 */
class EsoDocExamplesTest {

    static final Path DOCS = Path.of("src", "test", "resources", "eso-docs");
    static final Path FIXTURE = DOCS.resolve("fixture.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VALUES =
            List.of("team-b-password-value", "pg-password-value", "shared-password-value");

    /**
     * The session tag examples of {@code docs/provider/aws-access.md}: the fixture's role trusts only the tags each
     * store makes ({@code esoNamespace=team-b}, {@code esoStoreName=team-b-store}, {@code esoStoreKind=SecretStore},
     * plus {@code env} and {@code team} under Custom), so rendering proves they were sent.
     */
    @ParameterizedTest
    @ValueSource(strings = {"session-tags-simple.yaml", "session-tags-custom.yaml"})
    void sessionTagExamplesRenderThroughTheTaggedRole(String example) throws Exception {
        JsonNode secret = render(example);

        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("team-b-db");
        assertThat(secret.path("metadata").path("namespace").asText()).isEqualTo("team-b");
        assertThat(decode(secret.path("data"))).containsExactly(Map.entry("password", "team-b-password-value"));
    }

    /**
     * {@code docs/snippets/manifest-basic-configmap.yaml}: without a template, the data go to the ConfigMap's
     * {@code data} as strings (ESO's {@code createSimpleManifest}); markers as ESO's {@code applyTemplateToManifest}
     * sets them. Hashes computed independently (Python's {@code hashlib.sha3_224} of Go's {@code %+v}).
     */
    @Test
    void basicConfigMapExampleRendersTheConfigMapEsoWrites() throws Exception {
        JsonNode object = render("manifest-basic-configmap.yaml", "-n", "default");

        assertThat(object.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(object.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(object.path("metadata").path("name").asText()).isEqualTo("app-config");
        assertThat(object.path("metadata").path("namespace").asText()).isEqualTo("default");
        assertThat(strings(object.path("data")))
                .containsExactly(
                        Map.entry("api-endpoint", "https://api.internal.example"),
                        Map.entry("database-host", "db.internal.example"));
        assertThat(strings(object.path("metadata").path("labels")))
                .containsExactly(
                        Map.entry(
                                "reconcile.external-secrets.io/created-by",
                                "67679435736b4da7aa9f283367ef60d61bcaa49db1f7e3f48309772e"),
                        Map.entry("reconcile.external-secrets.io/managed", "true"));
        assertThat(strings(object.path("metadata").path("annotations")))
                .containsExactly(Map.entry(
                        "reconcile.external-secrets.io/data-hash",
                        "f3d51b2560761232a6493d9625b1b7e78aff8b5eb608ae3ff6f51c46"));
        assertThat(object.has("type")).isFalse();
        assertThat(object.has("spec")).isFalse();
    }

    /** {@code manifest-labeled-configmap.yaml}: template metadata copied, {@code template.data} rendered into data. */
    @Test
    void labeledConfigMapExampleCarriesTheTemplateMetadataAndRenderedData() throws Exception {
        JsonNode object = render("manifest-labeled-configmap.yaml", "-n", "default");

        assertThat(object.path("metadata").path("name").asText()).isEqualTo("labeled-configmap");
        assertThat(strings(object.path("data")))
                .containsExactly(Map.entry(
                        "config.json",
                        "{\n  \"feature_flags\": {\n    \"new_ui\": true,\n    \"beta_api\": false\n  }\n}\n"));
        assertThat(strings(object.path("metadata").path("labels")))
                .containsEntry("app", "myapp")
                .containsEntry("environment", "production")
                .containsEntry("reconcile.external-secrets.io/managed", "true")
                .hasSize(4);
        assertThat(strings(object.path("metadata").path("annotations")))
                .containsExactly(
                        Map.entry("description", "Managed by External Secrets Operator"),
                        Map.entry(
                                "reconcile.external-secrets.io/data-hash",
                                "9079cd355a4305b20aea771f65f599e9b092317b6af9fd1e44662b90"));
    }

    /** {@code manifest-templated-configmap.yaml}: only the template's keys, not the fetched ones. */
    @Test
    void templatedConfigMapExampleHoldsOnlyTheTemplatesKeys() throws Exception {
        JsonNode object = render("manifest-templated-configmap.yaml", "-n", "default");

        assertThat(strings(object.path("data")))
                .containsExactly(Map.entry(
                        "database.yaml",
                        "host: pg.internal.example\nport: 5432\ndatabase: orders\nconnection_string:"
                                + " \"postgresql://user:pg-password-value@pg.internal.example:5432/orders\"\n"));
    }

    /**
     * {@code manifest-advanced-path.yaml}: each literal is parsed as YAML and set at its nested path under
     * {@code spec}; numbers stay numbers; the data-hash covers {@code spec}.
     */
    @Test
    void advancedPathExampleBuildsTheCustomResourceSpec() throws Exception {
        JsonNode object = render("manifest-advanced-path.yaml", "-n", "default");

        assertThat(object.path("apiVersion").asText()).isEqualTo("config.example.com/v1");
        assertThat(object.path("kind").asText()).isEqualTo("AppConfig");
        JsonNode spec = object.path("spec");
        assertThat(spec.path("database").path("host").asText()).isEqualTo("pg.internal.example");
        assertThat(spec.path("database").path("port").isNumber()).isTrue();
        assertThat(spec.path("database").path("port").asInt()).isEqualTo(5432);
        assertThat(spec.path("database").path("credentials").path("username").asText())
                .isEqualTo("orders_app");
        assertThat(spec.path("database").path("credentials").path("password").asText())
                .isEqualTo("pg-password-value");
        assertThat(strings(spec.path("logging")))
                .containsExactly(Map.entry("level", "info"), Map.entry("format", "json"));
        assertThat(object.has("data")).isFalse();
        assertThat(object.path("metadata")
                        .path("annotations")
                        .path("reconcile.external-secrets.io/data-hash")
                        .asText())
                .isEqualTo("bcfb94f61fd9c3dd10519d328dde3e7d0946749244d4f636e232616e");
    }

    /** {@code manifest-argocd-app.yaml}: any other kind without a template gets the data under {@code spec.data}. */
    @Test
    void argocdApplicationExamplePutsTheDataUnderSpecData() throws Exception {
        JsonNode object = render("manifest-argocd-app.yaml", "-n", "default");

        assertThat(object.path("kind").asText()).isEqualTo("Application");
        assertThat(object.path("metadata").path("name").asText()).isEqualTo("my-application");
        assertThat(strings(object.path("spec").path("data")))
                .containsExactly(
                        Map.entry("path", "deploy"),
                        Map.entry("project", "default"),
                        Map.entry("repoURL", "https://git.example/apps.git"));
        assertThat(object.path("metadata")
                        .path("annotations")
                        .path("reconcile.external-secrets.io/data-hash")
                        .asText())
                .isEqualTo("5e518c8e094ef08ba89efaadd2707b0087c12115306154107d9b3f78");
    }

    @Test
    void envAndKeysPrintAGenericTargetsStringData() {
        Cli.Result env = Cli.run(
                "render",
                "-f",
                DOCS.resolve("manifest-basic-configmap.yaml").toString(),
                "--fixture",
                FIXTURE.toString(),
                "-o",
                "env");
        assertThat(env.exitCode()).as(env.err()).isZero();
        assertThat(env.out()).contains("database_host='db.internal.example'");
        Cli.Result keys = Cli.run(
                "render",
                "-f",
                DOCS.resolve("manifest-basic-configmap.yaml").toString(),
                "--fixture",
                FIXTURE.toString(),
                "-o",
                "keys");
        assertThat(keys.out()).contains("(type ConfigMap").contains("2 keys").doesNotContain("db.internal.example");
    }

    /**
     * {@code docs/snippets/cluster-external-secret-fanout.yaml}: the ClusterExternalSecret gives the application's
     * namespace its ExternalSecret when the namespace's labels match the selector, and nothing otherwise.
     */
    @Test
    void clusterExternalSecretFanoutRendersForASelectedNamespace() throws Exception {
        JsonNode secret = render(
                "cluster-external-secret-fanout.yaml", "-n", "team-a", "--namespace-label", "shared-credentials=true");

        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("shared-credentials");
        assertThat(secret.path("metadata").path("namespace").asText()).isEqualTo("team-a");
        assertThat(decode(secret.path("data")))
                .containsExactly(Map.entry("password", "shared-password-value"), Map.entry("username", "shared-user"));

        Cli.Result unselected = Cli.run(
                "render",
                "-f",
                DOCS.resolve("cluster-external-secret-fanout.yaml").toString(),
                "--fixture",
                FIXTURE.toString(),
                "-n",
                "team-b");
        assertThat(unselected.exitCode()).isNotZero();
        assertThat(unselected.err()).contains("selects none of the namespaces [team-b]");
        Cli.Result noNamespace = Cli.run(
                "render",
                "-f",
                DOCS.resolve("cluster-external-secret-fanout.yaml").toString(),
                "--fixture",
                FIXTURE.toString());
        assertThat(noNamespace.exitCode()).isEqualTo(2);
        assertThat(noNamespace.err()).contains("name the namespace the application runs in");
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * {@code docs/snippets/generator-sts.yaml} with {@code generator-sts-example.yaml}, signed with the generator's
     * own static keys (no role): the ExternalSecret needs no secretStoreRef and gets ESO's four keys from the fake's
     * GetSessionToken.
     */
    @Test
    void stsGeneratorExampleWithStaticKeysRendersEsosFourKeys() throws Exception {
        JsonNode secret = render("generator-sts-static-keys.yaml", "-n", "default");

        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("sts-secret");
        Map<String, String> data = decode(secret.path("data"));
        assertThat(data).containsOnlyKeys("access_key_id", "expiration", "secret_access_key", "session_token");
        assertThat(data.get("access_key_id")).startsWith("ASIA");
        assertThat(data.get("expiration")).matches("[0-9]+");
    }

    /**
     * The snippet as published assumes {@code role} first, and AWS refuses GetSessionToken with assumed-role
     * credentials; so does the fake, and render says so without printing a key.
     */
    @Test
    void stsGeneratorExampleAsPublishedFailsAsAwsWouldBecauseOfItsRole() {
        Cli.Result result = Cli.run(
                        "render",
                        "-f",
                        DOCS.resolve("generator-sts.yaml").toString(),
                        "--fixture",
                        FIXTURE.toString(),
                        "-n",
                        "default")
                .assertNoValueOnStderr(List.of("generator-sts-secret-value"));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("sts-secret").contains("generatorRef");
    }

    /**
     * ESO's ECR generator snippets ({@code docs/snippets/generator-ecr.yaml} and {@code generator-ecr-example.yaml},
     * {@code docs/api/generator/ecr.md}) as published: the fake ECR's token (after assuming the snippet's role with
     * the static keys; {@code secretRef} wins over {@code jwt} as in ESO's {@code NewGeneratorSession}) fills ESO's
     * dockerconfigjson template.
     */
    @Test
    void ecrGeneratorExampleRendersADockerConfigFromTheFakesToken() throws Exception {
        JsonNode secret = render("generator-ecr.yaml", "-n", "default");

        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("ecr-secret");
        assertThat(secret.path("type").asText()).isEqualTo("kubernetes.io/dockerconfigjson");
        assertThat(secret.path("metadata").path("annotations").path("expiresAt").asText())
                .matches("[0-9]+");
        Map<String, String> data = decode(secret.path("data"));
        assertThat(data).containsOnlyKeys(".dockerconfigjson");
        JsonNode auths = JSON.readTree(data.get(".dockerconfigjson")).path("auths");
        assertThat(auths.size()).isEqualTo(1);
        String registry = auths.fieldNames().next();
        assertThat(registry).matches("[0-9]{12}\\.dkr\\.ecr\\.eu-west-1\\.amazonaws\\.com");
        JsonNode entry = auths.path(registry);
        assertThat(entry.path("username").asText()).isEqualTo("AWS");
        String password = entry.path("password").asText();
        assertThat(password).isNotEmpty();
        assertThat(new String(Base64.getDecoder().decode(entry.path("auth").asText()), StandardCharsets.UTF_8))
                .isEqualTo("AWS:" + password);
    }

    /**
     * ESO's two ACM examples ({@code docs/provider/aws-certificate-manager.md}, snippets {@code aws-acm-*.yaml})
     * through the fake ACM: the provider's bundle (leaf, intermediate, root, decrypted key) split by
     * {@code filterPEM} / {@code filterCertChain}. Both render a {@code kubernetes.io/tls} Secret with the same
     * {@code tls.key}; the first's {@code tls.crt} is the whole chain, the second's the leaf with the intermediate as
     * {@code ca.crt}. The expected PEMs are the fixture's own (generated once with openssl).
     */
    @Test
    void certificateManagerExamplesRenderTheExportedCertificateAndKey() throws Exception {
        JsonNode fixture = JSON.readTree(DOCS.resolve("acm-fixture.json").toFile())
                .path("certificates")
                .get(0);
        String leaf = fixture.path("certificate").asText();
        String chain = fixture.path("chain").asText();
        String intermediate = chain.substring(0, chain.indexOf("-----END CERTIFICATE-----") + 26);
        String key = fixture.path("privateKey").asText();

        JsonNode whole = renderAcm("acm-external-secret.yaml");
        JsonNode split = renderAcm("acm-external-secret-chain.yaml");

        assertThat(whole.path("type").asText()).isEqualTo("kubernetes.io/tls");
        assertThat(split.path("type").asText()).isEqualTo("kubernetes.io/tls");
        Map<String, String> wholeData = decode(whole.path("data"));
        Map<String, String> splitData = decode(split.path("data"));
        assertThat(wholeData).containsOnlyKeys("tls.crt", "tls.key");
        assertThat(splitData).containsOnlyKeys("ca.crt", "tls.crt", "tls.key");
        assertThat(wholeData.get("tls.key")).isEqualTo(key).isEqualTo(splitData.get("tls.key"));
        assertThat(wholeData.get("tls.crt")).isEqualTo(leaf + chain);
        assertThat(splitData.get("tls.crt")).isEqualTo(leaf);
        assertThat(splitData.get("ca.crt")).isEqualTo(intermediate);
    }

    private static JsonNode renderAcm(String example) throws Exception {
        String[] args = {
            "render",
            "-f",
            DOCS.resolve(example).toString(),
            "--fixture",
            DOCS.resolve("acm-fixture.json").toString()
        };
        Cli.Result result = Cli.run(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).doesNotContain("PRIVATE KEY");
        return JSON.readTree(Cli.run(concat(args, "-o", "json")).out());
    }

    static JsonNode render(String example, String... more) throws Exception {
        String[] args = new String[5 + more.length];
        args[0] = "render";
        args[1] = "-f";
        args[2] = DOCS.resolve(example).toString();
        args[3] = "--fixture";
        args[4] = FIXTURE.toString();
        System.arraycopy(more, 0, args, 5, more.length);
        Cli.Result result = Cli.run(args).assertNoValueOnStderr(VALUES);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(Cli.run(concat(args, "-o", "json")).out());
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    static Map<String, String> decode(JsonNode data) {
        Map<String, String> decoded = new LinkedHashMap<>();
        data.properties()
                .forEach(e -> decoded.put(
                        e.getKey(),
                        new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        return decoded;
    }
}
