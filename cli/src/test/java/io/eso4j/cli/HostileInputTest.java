package io.eso4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input suite (issue 20, item 10): a table of cases, each a set of manifests and a fixture run through
 * the real command in-process, with the expected exit code and message fragment. Every case also asserts the
 * suite-wide rules:
 *
 * <ul>
 *   <li>no sentinel ({@value #S}) on standard error, in what the JVM's {@code System.out}/{@code System.err} received
 *       meanwhile (SLF4J's simple logger writes there), nor on standard output unless the case asks for the value;
 *   <li>no connection to anything but loopback ({@link NoNetwork} refuses and records them);
 *   <li>no crash: the command returns an exit code ({@link Eso4j#execute} turns even an {@link Error} into one).
 * </ul>
 *
 * <p><b>No hang</b>: each case's work is bounded by construction (small inputs; the pathological ones are bounded by
 * the loader's limits or by the JVM refusing at once, like the sparse 3 GiB key file), so no case carries a timer.
 * The guard against a hang is Surefire's {@code forkedProcessTimeoutInSeconds} in {@code cli/pom.xml}: a case that
 * hangs fails the build instead of stalling it.
 */
class HostileInputTest {

    /** The sentinel every secret value, key and token of the suite contains. */
    static final String S = "S3NTINEL";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path shared;

    @BeforeAll
    static void refuseTheNetwork() throws IOException {
        NoNetwork.arm();
    }

    @AfterAll
    static void allowTheNetwork() {
        NoNetwork.disarm();
    }

    // ---------------------------------------------------------------- building blocks

    static final String STORE = store("aws", "us-east-1", "");

    static String store(String name, String region, String provider) {
        return "apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: " + name
                + "\n  namespace: team\nspec:\n  provider:\n    aws:\n      service: SecretsManager\n      region: "
                + region + "\n" + provider;
    }

    static final String KEYS = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: aws-keys
              namespace: team
            stringData:
              access-key: AKIAHOSTILESUITE0001
              secret-access-key: S3NTINEL-secret-access-key
              session-token: S3NTINEL-session-token
            """;

    static final String STATIC = """
                  auth:
                    secretRef:
                      accessKeyIDSecretRef: {name: aws-keys, key: access-key}
                      secretAccessKeySecretRef: {name: aws-keys, key: secret-access-key}
            """;
    static final String SESSION = STATIC + "          sessionTokenSecretRef: {name: aws-keys, key: session-token}\n";
    static final String JWT = "      auth:\n        jwt:\n          serviceAccountRef: {name: app}\n";
    static final String ROLE = "      role: arn:aws:iam::123456789012:role/reader\n";
    static final String CHAIN = """
                  additionalRoles: [arn:aws:iam::111111111111:role/hop-1, arn:aws:iam::222222222222:role/hop-2]
                  role: arn:aws:iam::123456789012:role/reader
                  externalID: S3NTINEL-external-id
                  sessionTags: [{key: team, value: payments}]
                  transitiveTagKeys: [team]
            """;

    /** An ExternalSecret of namespace team reading from store aws; {@code spec} is the text under {@code spec:}. */
    static String es(String name, String spec) {
        return "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: " + name
                + "\n  namespace: team\nspec:\n  secretStoreRef:\n    name: aws\n" + spec;
    }

    /** {@code data: [token <- remote key]}. */
    static String data(String remoteKey) {
        return "  data:\n    - secretKey: token\n      remoteRef:\n        key: " + remoteKey + "\n";
    }

    static String docs(String... documents) {
        return String.join("---\n", documents);
    }

    /** A fixture with one secret string per {@code name, value} pair. */
    static String fixture(String... nameValue) {
        ObjectMapper json = new ObjectMapper();
        var root = json.createObjectNode();
        var remote = root.putArray("remote");
        for (int i = 0; i < nameValue.length; i += 2) {
            remote.addObject().put("name", nameValue[i]).put("secretString", nameValue[i + 1]);
        }
        return root.toString();
    }

    static String binaryFixture(String name, byte[] value) {
        return "{\"remote\": [{\"name\": \"" + name + "\", \"secretBinaryBase64\": \""
                + Base64.getEncoder().encodeToString(value) + "\"}]}";
    }

    static final String TOKEN_FIXTURE = fixture("app/token", "S3NTINEL-token-value");

    // ---------------------------------------------------------------- the case table

    /** One row of the table. {@code {m}}, {@code {f}} and {@code {dir}} in args stand for the case's files. */
    record Case(
            String id,
            String group,
            byte[] manifests,
            String fixture,
            List<String> args,
            int exitCode,
            List<String> errFragments,
            boolean valueOnStdout,
            Consumer<Cli.Result> check,
            Setup setup) {

        @Override
        public String toString() {
            return group + "/" + id;
        }
    }

    /** Prepares files in the case's directory before the run. */
    interface Setup {
        void prepare(Path dir) throws IOException;
    }

    static final class CaseBuilder {
        private final String id;
        private final String group;
        private byte[] manifests = new byte[0];
        private String fixture = TOKEN_FIXTURE;
        private List<String> args = List.of("render", "-f", "{m}", "--fixture", "{f}");
        private int exitCode;
        private final List<String> err = new ArrayList<>();
        private boolean valueOnStdout;
        private Consumer<Cli.Result> check = r -> {};
        private Setup setup = d -> {};

        CaseBuilder(String group, String id) {
            this.group = group;
            this.id = id;
        }

        CaseBuilder manifests(String text) {
            this.manifests = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        CaseBuilder manifestBytes(byte[] bytes) {
            this.manifests = bytes;
            return this;
        }

        CaseBuilder fixture(String fixture) {
            this.fixture = fixture;
            return this;
        }

        CaseBuilder args(String... args) {
            this.args = List.of(args);
            return this;
        }

        /** The default render arguments followed by these. */
        CaseBuilder with(String... extra) {
            List<String> all = new ArrayList<>(List.of("render", "-f", "{m}", "--fixture", "{f}"));
            all.addAll(Arrays.asList(extra));
            this.args = all;
            return this;
        }

        CaseBuilder exit(int exitCode, String... errFragments) {
            this.exitCode = exitCode;
            this.err.addAll(List.of(errFragments));
            return this;
        }

        CaseBuilder value(Consumer<Cli.Result> check) {
            this.valueOnStdout = true;
            this.check = check;
            return this;
        }

        CaseBuilder check(Consumer<Cli.Result> check) {
            this.check = check;
            return this;
        }

        CaseBuilder setup(Setup setup) {
            this.setup = setup;
            return this;
        }

        Case build() {
            return new Case(
                    id, group, manifests, fixture, args, exitCode, List.copyOf(err), valueOnStdout, check, setup);
        }
    }

    static CaseBuilder c(String group, String id) {
        return new CaseBuilder(group, id);
    }

    /** Values that try to break out of every output format; each holds the sentinel. */
    static final List<String[]> HOSTILE_VALUES = List.of(
            new String[] {"dollar-paren", "S3NTINEL-$(touch PWNED)"},
            new String[] {"backtick", "S3NTINEL-`touch PWNED`"},
            new String[] {"quotes", "S3NTINEL-' \" '\\''"},
            new String[] {"newlines", "S3NTINEL-\ntouch PWNED\n"},
            new String[] {"word-split", "S3NTINEL x LD_PRELOAD=/tmp/evil.so y"},
            new String[] {"glob", "S3NTINEL-* ? [a] ~"},
            new String[] {"backslash", "S3NTINEL-\\ \\n \\"},
            new String[] {"unicode", "S3NTINEL-\u202e ä 日本 \u0085 \u2028"},
            new String[] {"terminal-escape", "S3NTINEL-\u001b[2J\u001b]0;t\u0007"},
            new String[] {"yaml-indicators", "S3NTINEL-: - # & * ! | > % @ ` {a: b} [c]"},
            new String[] {"crlf", "S3NTINEL-\r\nx\r"},
            new String[] {"long-64k", "S3NTINEL-" + "'$`\n".repeat(16_000)});

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String tokenEs = docs(STORE, es("app", data("app/value")));

        // -- values x output formats: correct output, exactly the value
        for (String[] v : HOSTILE_VALUES) {
            String value = v[1];
            String fixture = fixture("app/value", value);
            cases.add(c("values-yaml", v[0])
                    .manifests(tokenEs)
                    .fixture(fixture)
                    .value(r -> assertThat(decodedToken(r.out())).isEqualTo(value))
                    .build());
            cases.add(c("values-json", v[0])
                    .manifests(tokenEs)
                    .fixture(fixture)
                    .with("-o", "json")
                    .value(r -> assertThat(decodedToken(r.out())).isEqualTo(value))
                    .build());
            cases.add(c("values-env", v[0])
                    .manifests(tokenEs)
                    .fixture(fixture)
                    .with("-o", "env")
                    .value(r -> assertThat(r.out()).isEqualTo("token='" + value.replace("'", "'\\''") + "'\n"))
                    .build());
            cases.add(c("values-keys", v[0])
                    .manifests(tokenEs)
                    .fixture(fixture)
                    .with("-o", "keys")
                    .check(r -> assertThat(r.out())
                            .endsWith("  token  " + value.getBytes(StandardCharsets.UTF_8).length + " bytes\n"))
                    .build());
        }

        // -- values a shell variable cannot hold
        byte[] binary = {(byte) 0xff, 0, 'S', '3', 'N', 'T', 'I', 'N', 'E', 'L', (byte) 0xc3};
        cases.add(c("values-env", "nul-byte")
                .manifests(tokenEs)
                .fixture(fixture("app/value", "S3NTINEL-before\0after"))
                .with("-o", "env")
                .exit(0, "warning: Secret team/app key token left out: its value is not text")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());
        cases.add(c("values-env", "binary")
                .manifests(tokenEs)
                .fixture(binaryFixture("app/value", binary))
                .with("-o", "env")
                .exit(0, "warning: Secret team/app key token left out: its value is not text")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());
        cases.add(c("values-yaml", "binary")
                .manifests(tokenEs)
                .fixture(binaryFixture("app/value", binary))
                .value(r -> assertThat(decodedTokenBytes(r.out())).isEqualTo(binary))
                .build());
        cases.add(c("values-json", "nul-byte")
                .manifests(tokenEs)
                .fixture(fixture("app/value", "S3NTINEL-before\0after"))
                .with("-o", "json")
                .value(r -> assertThat(decodedToken(r.out())).isEqualTo("S3NTINEL-before\0after"))
                .build());

        // -- keys that come from AWS (dataFrom extract): shell names, renames, collisions, reserved names
        String extractEs = docs(STORE, es("app", "  dataFrom:\n    - extract:\n        key: app/json\n"));
        cases.add(envKeys(
                "reserved-ld-preload",
                "{\"LD_PRELOAD\": \"S3NTINEL-a\", \"ok\": \"S3NTINEL-b\"}",
                extractEs,
                "ok='S3NTINEL-b'\n",
                "key LD_PRELOAD left out: its shell name LD_PRELOAD would change"));
        cases.add(envKeys(
                "reserved-path",
                "{\"PATH\": \"S3NTINEL-a\", \"ok\": \"S3NTINEL-b\"}",
                extractEs,
                "ok='S3NTINEL-b'\n",
                "key PATH left out"));
        cases.add(envKeys(
                "reserved-bash-env",
                "{\"BASH_ENV\": \"S3NTINEL-a\", \"ok\": \"S3NTINEL-b\"}",
                extractEs,
                "ok='S3NTINEL-b'\n",
                "key BASH_ENV left out"));
        cases.add(envKeys(
                "reserved-ifs",
                "{\"IFS\": \"S3NTINEL-a\", \"ok\": \"S3NTINEL-b\"}",
                extractEs,
                "ok='S3NTINEL-b'\n",
                "key IFS left out"));
        cases.add(envKeys(
                "reserved-java-tool-options",
                "{\"JAVA_TOOL_OPTIONS\": \"S3NTINEL-a\", \"ok\": \"S3NTINEL-b\"}",
                extractEs,
                "ok='S3NTINEL-b'\n",
                "key JAVA_TOOL_OPTIONS left out"));
        cases.add(envKeys(
                "reserved-after-rename",
                "{\"LD-PRELOAD\": \"S3NTINEL-a\", \"ok\": \"S3NTINEL-b\"}",
                extractEs,
                "ok='S3NTINEL-b'\n",
                "key LD-PRELOAD left out: its shell name LD_PRELOAD"));
        cases.add(envKeys(
                "rename-dots-and-dashes",
                "{\"db.host-name\": \"S3NTINEL-a\"}",
                extractEs,
                "db_host_name='S3NTINEL-a'\n",
                "key db.host-name written as db_host_name"));
        cases.add(envKeys(
                "rename-leading-digit",
                "{\"1st\": \"S3NTINEL-a\"}",
                extractEs,
                "_1st='S3NTINEL-a'\n",
                "key 1st written as _1st"));
        cases.add(envKeys(
                "collision",
                "{\"a-b\": \"S3NTINEL-a\", \"a.b\": \"S3NTINEL-b\"}",
                extractEs,
                "a_b='S3NTINEL-a'\n",
                "key a.b left out: its shell name a_b is already taken"));
        cases.add(envKeys(
                "uid-readonly-in-bash",
                "{\"UID\": \"S3NTINEL-a\", \"ok\": \"S3NTINEL-b\"}",
                extractEs,
                "ok='S3NTINEL-b'\n",
                "key UID left out"));

        // -- render --fixture is offline for every auth shape, in any region (NoNetwork refuses the rest)
        String[][] shapes = {
            {"no-auth", "us-east-1", ""},
            {"no-auth-eu", "eu-west-1", ""},
            {"no-auth-role", "eu-north-1", ROLE},
            {"no-auth-chain", "sa-east-1", CHAIN},
            {"static", "ap-southeast-2", STATIC},
            {"static-session", "us-west-1", SESSION},
            {"static-role-eso-doc-store", "eu-central-1", STATIC + ROLE},
            {"static-chain-externalid-tags", "eu-west-1", STATIC + CHAIN},
            {"session-chain", "ap-northeast-1", SESSION + CHAIN},
            {"jwt", "us-west-2", JWT},
            {"jwt-role", "ca-central-1", JWT + ROLE},
            {"jwt-chain", "me-south-1", JWT + CHAIN},
        };
        for (String[] shape : shapes) {
            cases.add(c("offline-auth", shape[0])
                    .manifests(docs(KEYS, store("aws", shape[1], shape[2]), es("app", data("app/token"))))
                    .with("-o", "env")
                    .value(r -> assertThat(r.out()).isEqualTo("token='S3NTINEL-token-value'\n"))
                    .build());
        }
        cases.add(c("offline-auth", "missing-static-key")
                .manifests(docs(store("aws", "eu-west-1", STATIC + ROLE), es("app", data("app/token"))))
                .exit(1, "spec.provider.aws.auth.secretRef", "could not resolve key", "aws-keys")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());

        // -- manifests that are not what they claim
        cases.add(c("manifest", "empty-file")
                .manifests("")
                .exit(2, "contains no documents")
                .build());
        cases.add(c("manifest", "only-separators")
                .manifests("---\n---\n")
                .exit(2, "contains no documents")
                .build());
        cases.add(c("manifest", "not-utf8")
                .manifestBytes(new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'})
                .exit(2, "is not valid UTF-8")
                .build());
        cases.add(c("manifest", "nul-byte")
                .manifests(STORE + "  x: \"a\0S3NTINEL\"\n")
                .exit(2, "m.yaml")
                .build());
        cases.add(c("manifest", "a-list")
                .manifests("- a\n- b\n")
                .exit(2, "expected a Kubernetes object")
                .build());
        cases.add(c("manifest", "a-scalar")
                .manifests("S3NTINEL-just-text\n")
                .exit(2, "expected a Kubernetes object")
                .build());
        cases.add(c("manifest", "tabs")
                .manifests("apiVersion: v1\n\tkind: Secret\n")
                .exit(2, "m.yaml")
                .build());
        cases.add(c("manifest", "unclosed-quote")
                .manifests("apiVersion: \"v1\nkind: x\n")
                .exit(2, "m.yaml")
                .build());
        cases.add(c("manifest", "alias")
                .manifests("a: &x S3NTINEL\nb: *x\n")
                .exit(2, "m.yaml")
                .build());
        cases.add(c("manifest", "alias-bomb")
                .manifests("a: &a [S3NTINEL, S3NTINEL]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\n"
                        + "d: [*c, *c, *c, *c]\n")
                .exit(2, "m.yaml")
                .build());
        cases.add(c("manifest", "duplicate-key")
                .manifests("apiVersion: v1\nkind: Secret\nkind: Secret\n")
                .exit(2, "m.yaml")
                .build());
        cases.add(c("manifest", "deep-nesting-flow")
                .manifests("a: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n")
                .exit(2, "m.yaml")
                .build());
        cases.add(c("manifest", "deep-nesting-block")
                .manifests(
                        IntStream.range(0, 2_000)
                                        .mapToObj(i -> " ".repeat(i) + "k:")
                                        .collect(Collectors.joining("\n")) + " x\n")
                .exit(2, "m.yaml")
                .build());
        cases.add(c("manifest", "binary-tag")
                .manifests("apiVersion: !!binary UzNOVElORUw=\nkind: x\n")
                .exit(2, "m.yaml")
                .build());
        cases.add(c("manifest", "python-tag")
                .manifests(docs(STORE, es("app", data("!!python/object/apply:os.system [\"touch PWNED\"]"))))
                .exit(2, "m.yaml")
                .build());
        cases.add(c("manifest", "huge-number")
                .manifests(docs(STORE, es("app", "  refreshInterval: 1e999999999\n" + data("app/token"))))
                .exit(2, "spec.refreshInterval")
                .build());
        cases.add(c("manifest", "missing-api-version")
                .manifests("kind: ExternalSecret\n")
                .exit(2, "apiVersion")
                .build());
        cases.add(c("manifest", "missing-kind")
                .manifests("apiVersion: external-secrets.io/v1\n")
                .exit(2, "kind")
                .build());
        cases.add(c("manifest", "eso-api-v2")
                .manifests(docs(
                        STORE,
                        es("app", data("app/token"))
                                .replace(
                                        "external-secrets.io/v1\nkind: External",
                                        "external-secrets.io/v2\nkind: External")))
                .exit(2, "apiVersion")
                .build());
        cases.add(c("manifest", "kind-typo-external-secrets")
                .manifests(docs(
                        STORE, es("app", data("app/token")).replace("kind: ExternalSecret", "kind: ExternalSecrets")))
                .exit(2, "ExternalSecrets")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());
        cases.add(c("manifest", "cluster-external-secret-without-namespace")
                .manifests(docs(
                        STORE,
                        es("app", data("app/token")),
                        es("all", data("app/token")).replace("kind: ExternalSecret", "kind: ClusterExternalSecret")))
                .exit(2, "ClusterExternalSecret", "name the namespace the application runs in")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());
        cases.add(c("manifest", "push-secret-not-read")
                .manifests(docs(
                        STORE,
                        es("app", data("app/token")),
                        es("p", "").replace("kind: ExternalSecret", "kind: PushSecret")))
                .exit(2, "PushSecret")
                .build());
        cases.add(c("manifest", "validate-cluster-external-secret")
                .manifests(docs(
                        STORE,
                        es("all", data("app/token")).replace("kind: ExternalSecret", "kind: ClusterExternalSecret")))
                .args("validate", "-f", "{m}")
                .exit(2, "ClusterExternalSecret")
                .check(r -> assertThat(r.out()).doesNotContain("valid:"))
                .build());
        cases.add(c("manifest", "no-external-secret")
                .manifests(STORE)
                .exit(2, "no ExternalSecret")
                .build());
        cases.add(c("manifest", "only-other-documents")
                .manifests(KEYS)
                .exit(2, "no ExternalSecret")
                .build());
        cases.add(c("manifest", "missing-store")
                .manifests(es("app", data("app/token")))
                .exit(2, "spec.secretStoreRef")
                .build());
        cases.add(c("manifest", "empty-remote-key")
                .manifests(docs(STORE, es("app", data("\"\""))))
                .exit(2, "spec.data[0].remoteRef.key")
                .build());
        cases.add(c("manifest", "bad-refresh-interval")
                .manifests(docs(STORE, es("app", "  refreshInterval: 1x\n" + data("app/token"))))
                .exit(2, "spec.refreshInterval")
                .build());
        cases.add(c("manifest", "negative-refresh-interval-is-zero-as-in-eso")
                .manifests(docs(STORE, es("app", "  refreshInterval: -1h\n" + data("app/token"))))
                .with("-o", "keys")
                .exit(0, "spec.refreshInterval: negative duration treated as 0")
                .check(r -> assertThat(r.out()).contains("  token  20 bytes"))
                .build());
        cases.add(c("manifest", "bad-creation-policy")
                .manifests(docs(STORE, es("app", "  target:\n    creationPolicy: Sometimes\n" + data("app/token"))))
                .exit(2, "spec.target.creationPolicy")
                .build());
        cases.add(c("manifest", "bad-decoding-strategy")
                .manifests(docs(STORE, es("app", data("app/token") + "        decodingStrategy: Rot13\n")))
                .exit(2, "decodingStrategy")
                .build());
        cases.add(c("manifest", "data-is-a-string")
                .manifests(docs(STORE, es("app", "  data: S3NTINEL-not-a-list\n")))
                .exit(2, "spec.data")
                .check(r -> assertThat(r.err()).doesNotContain(S))
                .build());
        cases.add(c("manifest", "store-without-provider")
                .manifests(docs(
                        "apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: aws\n"
                                + "  namespace: team\nspec: {}\n",
                        es("app", data("app/token"))))
                .exit(2, "spec.provider")
                .build());
        cases.add(c("manifest", "store-of-another-provider")
                .manifests(docs(
                        "apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: aws\n"
                                + "  namespace: team\nspec:\n  provider:\n    vault: {server: \"http://10.0.0.1\"}\n",
                        es("app", data("app/token"))))
                .exit(2, "spec.provider")
                .build());
        cases.add(c("manifest", "duplicate-external-secret")
                .manifests(docs(STORE, es("app", data("app/token")), es("app", data("app/token"))))
                .exit(2, "duplicate ExternalSecret")
                .build());
        cases.add(c("manifest", "secret-broken-base64")
                .manifests(docs(
                        STORE,
                        es("app", data("app/token")),
                        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: k\ndata:\n  key: S3NTINEL*not*base64\n"))
                .exit(2, "data.key: is not valid base64")
                .build());
        cases.add(c("manifest", "secret-non-string-value")
                .manifests(docs(
                        STORE,
                        es("app", data("app/token")),
                        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: k\nstringData:\n  key: [S3NTINEL]\n"))
                .exit(2, "stringData.key: must be a string")
                .build());
        cases.add(c("manifest", "unknown-field-is-a-warning")
                .manifests(docs(STORE, es("app", "  surprise: S3NTINEL-unknown\n" + data("app/token"))))
                .with("-o", "keys")
                .exit(0, "warning:", "spec.surprise")
                .build());
        cases.add(c("manifest", "bom-and-crlf")
                .manifestBytes(("\uFEFF" + docs(STORE, es("app", data("app/token"))))
                        .replace("\n", "\r\n")
                        .getBytes(StandardCharsets.UTF_8))
                .with("-o", "keys")
                .check(r -> assertThat(r.out()).contains("  token  20 bytes"))
                .build());
        cases.add(c("manifest", "many-documents")
                .manifests(docs(
                        STORE,
                        IntStream.range(0, 300)
                                .mapToObj(i -> es("app-" + i, data("app/token")))
                                .collect(Collectors.joining("---\n"))))
                .with("-o", "keys")
                .check(r -> assertThat(r.out().lines().filter(l -> l.startsWith("Secret ")))
                        .hasSize(300))
                .build());
        cases.add(c("manifest", "json-manifest")
                .manifests("{\"apiVersion\": \"external-secrets.io/v1\", \"kind\": \"ExternalSecret\", \"metadata\":"
                        + " {\"name\": \"app\"}, \"spec\": {\"secretStoreRef\": {\"name\": \"nope\"}, \"x\": [1,]}}")
                .exit(2, "m.yaml")
                .build());

        // -- remote values that do not fit the mapping
        cases.add(c("remote", "missing-secret-retain")
                .manifests(docs(STORE, es("app", "  target:\n    deletionPolicy: Retain\n" + data("app/missing"))))
                .exit(1, "app/missing")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());
        cases.add(c("remote", "property-of-non-json")
                .manifests(docs(STORE, es("app", data("app/token") + "        property: user\n")))
                .exit(1, "app/token")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());
        cases.add(c("remote", "missing-property")
                .manifests(docs(STORE, es("app", data("app/json") + "        property: nope\n")))
                .fixture(fixture("app/json", "{\"user\": \"S3NTINEL-user\"}"))
                .exit(1, "app/json")
                .build());
        cases.add(c("remote", "nested-property")
                .manifests(docs(STORE, es("app", data("app/json") + "        property: a.b\n")))
                .fixture(fixture("app/json", "{\"a\": {\"b\": \"S3NTINEL-nested\"}}"))
                .with("-o", "env")
                .value(r -> assertThat(r.out()).isEqualTo("token='S3NTINEL-nested'\n"))
                .build());
        cases.add(c("remote", "extract-of-non-json")
                .manifests(extractEs)
                .fixture(fixture("app/json", "S3NTINEL-plain-text"))
                .exit(1, "app/json")
                .build());
        cases.add(c("remote", "extract-of-json-array")
                .manifests(extractEs)
                .fixture(fixture("app/json", "[\"S3NTINEL-a\"]"))
                .exit(1, "app/json")
                .build());
        cases.add(c("remote", "corrupt-json-truncated")
                .manifests(extractEs)
                .fixture(fixture("app/json", "{\"k\": \"S3NTINEL-trunc"))
                .exit(1, "app/json")
                .build());
        cases.add(c("remote", "base64-decoding-of-non-base64")
                .manifests(docs(STORE, es("app", data("app/token") + "        decodingStrategy: Base64\n")))
                .exit(1, "app/token")
                .build());
        cases.add(c("remote", "unknown-version")
                .manifests(docs(STORE, es("app", data("app/token") + "        version: uuid-does-not-exist\n")))
                .exit(1, "app/token")
                .build());
        cases.add(c("remote", "deeply-nested-json-value-is-marshalled-as-esos-extract-does")
                .manifests(extractEs)
                .fixture(fixture("app/json", "{\"k\": " + "[".repeat(3_000) + "]".repeat(3_000) + "}"))
                .with("-o", "keys")
                .check(r -> assertThat(r.out()).endsWith("  k  6000 bytes\n"))
                .build());
        cases.add(c("remote", "one-failure-keeps-the-others")
                .manifests(docs(
                        STORE,
                        es("bad", "  target:\n    deletionPolicy: Retain\n" + data("app/missing")),
                        es("good", data("app/token"))))
                .with("-o", "env")
                .exit(1, "app/missing")
                .value(r -> assertThat(r.out()).isEqualTo("token='S3NTINEL-token-value'\n"))
                .build());
        cases.add(c("remote", "server-error-on-batch-falls-back-to-get")
                .manifests(docs(STORE, es("app", data("app/token"))))
                .fixture("{\"remote\": [{\"name\": \"app/token\", \"secretString\": \"S3NTINEL-x\"}],"
                        + " \"inject\": {\"op\": \"BatchGetSecretValue\", \"error\": \"boom\"}}")
                .with("-o", "env")
                .value(r -> assertThat(r.out()).isEqualTo("token='S3NTINEL-x'\n"))
                .build());
        cases.add(c("remote", "server-error-on-get")
                .manifests(docs(STORE, es("app", data("app/token") + "        version: v1\n")))
                .fixture("{\"remote\": [{\"name\": \"app/token\", \"secretString\": \"S3NTINEL-x\","
                        + " \"versionId\": \"v1\"}], \"inject\": {\"op\": \"GetSecretValue\", \"error\": \"boom\"}}")
                .exit(1, "app/token")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());

        // -- command line
        cases.add(c("usage", "vector-without-fixture")
                .args("render", "-f", "{m}", "--vector", "x")
                .manifests(tokenEs)
                .exit(2, "--vector needs --fixture")
                .build());
        cases.add(c("usage", "fixture-and-endpoint")
                .args("render", "-f", "{m}", "--fixture", "{f}", "--endpoint-url", "http://127.0.0.1:1")
                .manifests(tokenEs)
                .exit(2, "exclude each other")
                .build());
        cases.add(c("usage", "fixture-is-a-directory")
                .args("render", "-f", "{m}", "--fixture", "{dir}")
                .manifests(tokenEs)
                .exit(2, "is not a file")
                .build());
        cases.add(c("usage", "fixture-not-json")
                .manifests(tokenEs)
                .fixture("S3NTINEL{not json")
                .exit(2, "f.json")
                .build());
        cases.add(c("usage", "fixture-remote-not-an-array")
                .manifests(tokenEs)
                .fixture("{\"remote\": {\"name\": \"app/value\"}}")
                .exit(2, "remote must be an array")
                .build());
        cases.add(c("usage", "fixture-secret-string-object")
                .manifests(tokenEs)
                .fixture("{\"remote\": [{\"name\": \"app/value\", \"secretString\": {\"S3NTINEL\": 1}}]}")
                .exit(2, "secretString must be a string")
                .build());
        cases.add(c("usage", "fixture-entry-not-an-object")
                .manifests(tokenEs)
                .fixture("{\"remote\": [\"S3NTINEL\"]}")
                .exit(2, "remote[0]: must be an object")
                .build());
        cases.add(c("usage", "fixture-unknown-vector")
                .manifests(tokenEs)
                .fixture("[{\"id\": \"a\", \"remote\": []}]")
                .with("--vector", "b")
                .exit(2, "no vector with id b")
                .build());
        cases.add(c("usage", "unknown-output")
                .manifests(tokenEs)
                .with("-o", "xml")
                .exit(2, "xml")
                .build());
        cases.add(c("usage", "unknown-option")
                .manifests(tokenEs)
                .with("--no-such-flag")
                .exit(2, "Unknown option")
                .check(r -> {})
                .build());
        cases.add(c("usage", "missing-manifest-file")
                .args("render", "-f", "{dir}/nope.yaml", "--fixture", "{f}")
                .exit(2, "nope.yaml")
                .build());
        cases.add(c("usage", "directory-without-manifests")
                .args("render", "-f", "{dir}/empty", "--fixture", "{f}")
                .setup(d -> Files.createDirectories(d.resolve("empty")))
                .exit(2, "holds no .yaml")
                .build());
        cases.add(c("usage", "secrets-dir-not-a-directory")
                .manifests(tokenEs)
                .with("--secrets-dir", "{m}")
                .exit(2, "is not a directory")
                .build());
        cases.add(c("usage", "unknown-external-secret-with-newline")
                .manifests(tokenEs)
                .with("--external-secret", "x\ny")
                .exit(2, "no ExternalSecret named \"x\\ny\"")
                .check(r -> assertThat(r.err().lines().filter(l -> l.startsWith("y")))
                        .isEmpty())
                .build());
        cases.add(
                c("usage", "no-command").args().exit(2, "a command is required").build());

        // -- key files: huge, relative directories
        String keysStore = store("aws", "us-east-1", STATIC.replace("aws-keys", "keys"));
        cases.add(c("key-files", "sparse-3gib-key-file-does-not-hang")
                .manifests(docs(keysStore, es("app", data("app/token"))))
                .with("--secrets-dir", "{dir}/mounted")
                .setup(d -> {
                    Path keys = Files.createDirectories(d.resolve("mounted").resolve("keys"));
                    Files.writeString(keys.resolve("access-key"), "AKIAHOSTILESUITE0001");
                    try (FileChannel huge = FileChannel.open(
                            keys.resolve("secret-access-key"),
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE,
                            StandardOpenOption.SPARSE)) {
                        huge.position(3L << 30);
                        huge.write(ByteBuffer.wrap("S3NTINEL".getBytes(StandardCharsets.UTF_8)));
                    }
                })
                .exit(1, "secret-access-key is larger than the limit of 65536 bytes; not read")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());
        cases.add(c("key-files", "secrets-dir-dot")
                .manifests(docs(
                        store(
                                "aws",
                                "us-east-1",
                                STATIC.replace("aws-keys", "target")
                                        .replace("key: access-key", "key: hostile-suite-access-key")
                                        .replace("key: secret-access-key", "key: hostile-suite-secret-key")),
                        es("app", data("app/token"))))
                .with("--secrets-dir", ".", "-o", "env")
                .setup(d -> {
                    // "." is the module directory tests run in; the Secret is named "target".
                    Files.writeString(Path.of("target", "hostile-suite-access-key"), "AKIAHOSTILESUITE0002");
                    Files.writeString(Path.of("target", "hostile-suite-secret-key"), "S3NTINEL-dot-secret-key");
                })
                .value(r -> assertThat(r.out()).isEqualTo("token='S3NTINEL-token-value'\n"))
                .build());
        // -- names: Kubernetes name rules at load (ESO's webhook), so nothing hostile reaches an output at all
        String esApp = es("app", data("app/token"));
        cases.add(c("names", "metadata-name-newline-command")
                .manifests(docs(STORE, esApp.replace("name: app\n", "name: \"app\\ntouch PWNED\"\n")))
                .with("-o", "env")
                .exit(2, "metadata.name")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());
        cases.add(c("names", "target-name-newline-command")
                .manifests(docs(STORE, es("app", "  target:\n    name: \"db\\n$(touch PWNED)\"\n" + data("app/token"))))
                .with("-o", "env")
                .exit(2, "spec.target.name")
                .build());
        cases.add(c("names", "target-name-shell-metacharacters")
                .manifests(docs(STORE, es("app", "  target:\n    name: \"db;touch PWNED\"\n" + data("app/token"))))
                .exit(2, "spec.target.name")
                .build());
        cases.add(c("names", "metadata-name-too-long")
                .manifests(docs(STORE, esApp.replace("name: app\n", "name: " + "a".repeat(300) + "\n")))
                .exit(2, "metadata.name")
                .build());
        cases.add(c("names", "namespace-uppercase")
                .manifests(docs(STORE, esApp.replace("namespace: team", "namespace: Team")))
                .exit(2, "metadata.namespace")
                .build());
        cases.add(c("names", "secret-ref-name-nul")
                .manifests(docs(
                        KEYS,
                        store(
                                "aws",
                                "us-east-1",
                                STATIC.replace(
                                        "{name: aws-keys, key: access-key}",
                                        "{name: \"aws\\0keys\", key: access-key}")),
                        esApp))
                .exit(2, "accessKeyIDSecretRef.name")
                .build());
        cases.add(c("names", "secret-ref-name-dot-dot")
                .manifests(docs(
                        KEYS,
                        store(
                                "aws",
                                "us-east-1",
                                STATIC.replace(
                                        "{name: aws-keys, key: secret-access-key}",
                                        "{name: \"..\", key: secret-access-key}")),
                        esApp))
                .with("--secrets-dir", "{dir}")
                .exit(2, "secretAccessKeySecretRef.name")
                .build());
        cases.add(c("names", "secret-ref-key-with-slash")
                .manifests(docs(
                        KEYS,
                        store("aws", "us-east-1", STATIC.replace("key: access-key}", "key: ../../etc/passwd}")),
                        esApp))
                .exit(2, "accessKeyIDSecretRef.key")
                .build());
        cases.add(c("names", "validate-rejects-a-hostile-name")
                .manifests(docs(STORE, esApp.replace("name: app\n", "name: \"app\\n# x\"\n")))
                .args("validate", "-f", "{m}")
                .exit(2, "metadata.name")
                .check(r -> assertThat(r.out()).doesNotContain("valid:"))
                .build());
        cases.add(c("names", "store-ref-name-with-space")
                .manifests(docs(STORE, esApp.replace("    name: aws\n", "    name: \"aws store\"\n")))
                .exit(2, "spec.secretStoreRef.name")
                .build());

        // -- Go regexps on RE2: linear time on inputs that made backtracking hang or overflow the stack
        String rewriteEs = docs(
                STORE,
                es(
                        "app",
                        "  dataFrom:\n    - extract:\n        key: app/json\n"
                                + "      rewrite:\n        - regexp: {source: '%s', target: x}\n"));
        String longA = "a".repeat(60);
        cases.add(c("regexp", "nested-repeat-over-60-chars")
                .manifests(rewriteEs.formatted("(.*a){10}b"))
                .fixture(fixture("app/json", "{\"" + longA + "\": \"S3NTINEL-v\"}"))
                .with("-o", "keys")
                .check(r -> assertThat(r.out()).endsWith("  " + longA + "  10 bytes\n"))
                .build());
        String abab = "ab".repeat(1_000);
        cases.add(c("regexp", "alternation-over-2000-chars")
                .manifests(rewriteEs.formatted("(a|b)+$"))
                .fixture(fixture("app/json", "{\"" + abab + "\": \"S3NTINEL-v\"}"))
                .with("-o", "keys")
                .check(r -> assertThat(r.out()).endsWith("  x  10 bytes\n"))
                .build());
        cases.add(c("regexp", "unicode-class-greek-is-valid-re2")
                .manifests(rewriteEs.formatted("\\p{Greek}+"))
                .fixture(fixture("app/json", "{\"αβγ-key\": \"S3NTINEL-v\"}"))
                .with("-o", "keys")
                .check(r -> assertThat(r.out()).endsWith("  x-key  10 bytes\n"))
                .build());
        cases.add(c("regexp", "java-only-class-rejected")
                .manifests(rewriteEs.formatted("\\p{javaLowerCase}"))
                .exit(2, "spec.dataFrom[0].rewrite[0].regexp.source", "invalid regexp")
                .build());
        cases.add(c("regexp", "java-only-escape-rejected")
                .manifests(rewriteEs.formatted("\\e"))
                .exit(2, "invalid regexp")
                .build());
        cases.add(c("regexp", "repeat-over-1000-rejected")
                .manifests(rewriteEs.formatted("x{1001}"))
                .exit(2, "invalid regexp")
                .build());
        cases.add(c("regexp", "look-behind-rejected")
                .manifests(rewriteEs.formatted("(?<=a)b"))
                .exit(2, "invalid regexp")
                .build());

        // -- gjson wildcards: bounded like Go's gjson (CVE-2021-42248)
        String key40 = "a".repeat(39) + "c";
        cases.add(c("gjson", "exponential-wildcard-property")
                .manifests(
                        docs(STORE, es("app", data("app/json") + "        property: \"" + "*a".repeat(20) + "*b\"\n")))
                .fixture(fixture("app/json", "{\"" + key40 + "\": \"S3NTINEL-v\"}"))
                .exit(1, "app/json")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());
        cases.add(c("gjson", "wildcard-property-that-matches")
                .manifests(docs(STORE, es("app", data("app/json") + "        property: \"us*\"\n")))
                .fixture(fixture("app/json", "{\"user\": \"S3NTINEL-user\"}"))
                .with("-o", "env")
                .value(r -> assertThat(r.out()).isEqualTo("token='S3NTINEL-user'\n"))
                .build());

        // -- what an AWS endpoint answers (a loopback server in the endpoint's place; static keys, so no
        //    default chain): messages are sanitised, never a value, never an empty "failed:  ()"
        String rawEs = docs(KEYS, store("aws", "us-east-1", STATIC), es("app", data("app/token")));
        cases.add(c("aws-responses", "html-500")
                .manifests(rawEs)
                .args("render", "-f", "{m}", "--endpoint-url", "{endpoint}")
                .setup(d -> RawServer.start(500, "text/html", "<html><body>S3NTINEL-html</body></html>"))
                .exit(1, "app/token", "HTTP 500")
                .check(r -> assertThat(r.err()).doesNotContain("failed:  ()"))
                .build());
        cases.add(c("aws-responses", "corrupt-200-unquoted-value")
                .manifests(rawEs)
                .args("render", "-f", "{m}", "--endpoint-url", "{endpoint}")
                .setup(d -> RawServer.start(
                        200, "application/x-amz-json-1.1", "{\"Name\": \"app/token\", \"SecretString\": S3NTINEL-raw}"))
                .exit(1, "app/token")
                .build());
        cases.add(c("aws-responses", "object-typed-secret-string")
                .manifests(rawEs)
                .args("render", "-f", "{m}", "--endpoint-url", "{endpoint}")
                .setup(d -> RawServer.start(
                        200,
                        "application/x-amz-json-1.1",
                        "{\"Name\": \"app/token\", \"SecretString\": {\"k\": \"S3NTINEL-obj\"},"
                                + " \"SecretValues\": [{\"Name\": \"app/token\", \"SecretString\": {\"k\":"
                                + " \"S3NTINEL-obj\"}}], \"Errors\": []}"))
                .exit(1, "app/token")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());
        cases.add(c("aws-responses", "error-message-with-the-value")
                .manifests(rawEs)
                .args("render", "-f", "{m}", "--endpoint-url", "{endpoint}")
                .setup(d -> RawServer.start(
                        400,
                        "application/x-amz-json-1.1",
                        "{\"__type\": \"ValidationException\", \"Message\": \"bad\\nline\\u001b[2J\"}"))
                .exit(1, "app/token")
                .check(r -> assertThat(r.err().lines()).hasSize(1).allMatch(l -> !l.contains("\u001b")))
                .build());

        // -- templates: intermediate values are bounded as well as steps and output (no OutOfMemoryError)
        String[][] templates = {
            {
                "doubling-a-variable-40-times",
                "{{ $x := \"S3NTINEL-0123456789\" }}{{ range until 40 }}{{ $x = print $x $x }}{{ end }}{{ $x }}"
            },
            {"indent-10000-over-many-lines", "{{ \"line\\n\" | repeat 100000 | indent 10000 }}"},
        };
        for (String[] t : templates) {
            cases.add(c("templates", t[0])
                    .manifests(docs(STORE, es("app", templateSpec(t[1]))))
                    .exit(1, "unable to execute template at key big", "exceeds eso4j's limit")
                    .check(r -> assertThat(r.out()).isEmpty())
                    .build());
        }
        // A 1 MiB replacement in a one-character string is 1 MiB of output: within every limit, so rendered.
        cases.add(c("templates", "replace-with-a-1-mib-argument")
                .manifests(docs(STORE, es("app", templateSpec("{{ replace \"a\" (repeat 1048576 \"b\") \"a\" }}"))))
                .with("-o", "keys")
                .check(r -> assertThat(r.out()).endsWith("  big  1048576 bytes\n"))
                .build());
        cases.add(c("templates", "unknown-function-fails-validate")
                .manifests(docs(STORE, es("app", templateSpec("{{ .token | nosuchfn }}"))))
                .args("validate", "-f", "{m}")
                .exit(2, "spec.target.template.data.big", "function \"nosuchfn\" not defined")
                .check(r -> assertThat(r.out()).doesNotContain("valid:"))
                .build());

        // -- the loader's limits, checked in one linear pass before YAML parsing
        cases.add(c("loader", "8-mb-scalar-on-one-line")
                .args("render", "-f", "{dir}/big.yaml", "--fixture", "{f}")
                .setup(d -> Files.writeString(
                        d.resolve("big.yaml"),
                        docs(STORE, es("app", data("app/token")), "a: \"S3NTINEL-" + "x".repeat(8_000_000) + "\"\n")))
                .exit(2, "big.yaml", "line 25 is longer than the limit of 1048576")
                .build());
        cases.add(c("loader", "50-mb-of-small-documents")
                .args("render", "-f", "{dir}/big.yaml", "--fixture", "{f}")
                .setup(d -> {
                    byte[] chunk = "---\na: S3NTINEL\n".repeat(65_536).getBytes(StandardCharsets.UTF_8);
                    try (FileChannel out = FileChannel.open(
                            d.resolve("big.yaml"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        for (long written = 0; written < 50_000_000L; written += chunk.length) {
                            out.write(ByteBuffer.wrap(chunk));
                        }
                    }
                })
                .exit(2, "big.yaml", "is larger than the limit of 8388608")
                .build());
        cases.add(c("loader", "50-mb-of-small-documents-validate")
                .args("validate", "-f", "{dir}/big.yaml")
                .setup(d -> {
                    byte[] chunk = "---\na: S3NTINEL\n".repeat(65_536).getBytes(StandardCharsets.UTF_8);
                    try (FileChannel out = FileChannel.open(
                            d.resolve("big.yaml"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        for (long written = 0; written < 50_000_000L; written += chunk.length) {
                            out.write(ByteBuffer.wrap(chunk));
                        }
                    }
                })
                .exit(2, "big.yaml", "is larger than the limit of 8388608")
                .build());
        cases.add(c("loader", "more-than-10000-documents")
                .manifests(docs(STORE, es("app", data("app/token")), "a: b\n---\n".repeat(10_001)))
                .exit(2, "m.yaml", "has more than 10000 documents")
                .build());

        // -- refreshInterval below the floor: render resolves once, so 1ns changes nothing there
        cases.add(c("refresh", "one-nanosecond-interval")
                .manifests(docs(STORE, es("app", "  refreshInterval: 1ns\n" + data("app/token"))))
                .with("-o", "env")
                .value(r -> assertThat(r.out()).isEqualTo("token='S3NTINEL-token-value'\n"))
                .build());
        cases.add(c("refresh", "one-nanosecond-interval-validate")
                .manifests(docs(STORE, es("app", "  refreshInterval: 1ns\n" + data("app/token"))))
                .args("validate", "-f", "{m}")
                .build());

        // -- gjson wildcards over long keys: bounded per key byte, still correct when they match
        String longKey = "a".repeat(5_000) + "b";
        cases.add(c("gjson", "wildcards-over-a-5000-char-key-that-match")
                .manifests(
                        docs(STORE, es("app", data("app/json") + "        property: \"" + "*a".repeat(10) + "*b\"\n")))
                .fixture(fixture("app/json", "{\"" + longKey + "\": \"S3NTINEL-long\"}"))
                .with("-o", "env")
                .value(r -> assertThat(r.out()).isEqualTo("token='S3NTINEL-long'\n"))
                .build());
        cases.add(c("gjson", "wildcards-over-a-2000-char-key-that-do-not")
                .manifests(
                        docs(STORE, es("app", data("app/json") + "        property: \"" + "*a".repeat(20) + "*b\"\n")))
                .fixture(fixture("app/json", "{\"" + "a".repeat(1_999) + "c\": \"S3NTINEL-v\"}"))
                .exit(1, "app/json")
                .check(r -> assertThat(r.out()).isEmpty())
                .build());

        return cases;
    }

    /** {@code target.template.data.big} with this template over {@code data: token <- app/token}. */
    private static String templateSpec(String template) {
        return "  target:\n    template:\n      data:\n        big: '" + template.replace("'", "''") + "'\n"
                + data("app/token");
    }

    private static Case envKeys(String id, String json, String manifests, String expectedOut, String warning) {
        return c("env-keys", id)
                .manifests(manifests)
                .fixture(fixture("app/json", json))
                .with("-o", "env")
                .exit(0, warning)
                .value(r -> assertThat(r.out()).isEqualTo(expectedOut))
                .build();
    }

    // ---------------------------------------------------------------- the runner

    @Test
    void theLogsEachCaseIsCheckedAgainstAreReallyCaptured() throws IOException {
        // Core logs at INFO through SLF4J's simple logger, which writes to System.err; if the capture missed it,
        // the "logs" assertion of every case would pass vacuously.
        Path dir = Files.createDirectories(shared.resolve("capture-check"));
        Path manifests = Files.writeString(dir.resolve("m.yaml"), docs(STORE, es("app", data("app/token"))));
        Path fixture = Files.writeString(dir.resolve("f.json"), TOKEN_FIXTURE);
        PrintStream stderr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            assertThat(Cli.run("render", "-f", manifests.toString(), "--fixture", fixture.toString())
                            .exitCode())
                    .isZero();
        } finally {
            System.setErr(stderr);
        }
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("resolved ExternalSecret team/app");
    }

    @Test
    void theSuiteHasAtLeastAHundredCases() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(100);
        assertThat(cases().stream().map(Case::toString).distinct()).hasSameSizeAs(cases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileInput(Case hostile) throws IOException {
        Path dir = Files.createDirectories(shared.resolve(hostile.group() + "-" + hostile.id()));
        Path manifests = Files.write(dir.resolve("m.yaml"), hostile.manifests());
        Path fixture = Files.writeString(dir.resolve("f.json"), hostile.fixture());
        hostile.setup().prepare(dir);
        String[] args = hostile.args().stream()
                .map(a -> a.replace("{m}", manifests.toString())
                        .replace("{f}", fixture.toString())
                        .replace("{dir}", dir.toString())
                        .replace("{endpoint}", RawServer.endpoint()))
                .toArray(String[]::new);

        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream jvmStreams = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(jvmStreams, true, StandardCharsets.UTF_8);
        NoNetwork.arm();
        Cli.Result result;
        try {
            System.setOut(capture);
            System.setErr(capture);
            result = Cli.run(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            cleanUp(hostile);
            RawServer.stop();
        }

        try {
            assertThat(result.exitCode())
                    .as("exit code; stderr:\n" + result.err())
                    .isEqualTo(hostile.exitCode());
            for (String fragment : hostile.errFragments()) {
                assertThat(result.err()).as("stderr").contains(fragment);
            }
            assertThat(result.err()).as("stderr").doesNotContain(S);
            assertThat(jvmStreams.toString(StandardCharsets.UTF_8)).as("logs").doesNotContain(S);
            if (!hostile.valueOnStdout()) {
                assertThat(result.out()).as("stdout").doesNotContain(S);
            }
            assertThat(NoNetwork.refused()).as("non-loopback connections").isEmpty();
            hostile.check().accept(result);
            verdict(hostile, "pass");
        } catch (AssertionError e) {
            verdict(hostile, "FAIL");
            throw e;
        }
    }

    /**
     * With {@code -Deso4j.hostile.verdicts=FILE}, appends {@code group/id pass|FAIL} per case, for before/after
     * comparisons of the suite on two versions.
     */
    private static void verdict(Case hostile, String verdict) throws IOException {
        String file = System.getProperty("eso4j.hostile.verdicts");
        if (file != null) {
            Files.writeString(
                    Path.of(file),
                    hostile + " " + verdict + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private static void cleanUp(Case hostile) throws IOException {
        if (hostile.id().equals("secrets-dir-dot")) {
            Files.deleteIfExists(Path.of("target", "hostile-suite-access-key"));
            Files.deleteIfExists(Path.of("target", "hostile-suite-secret-key"));
        }
    }

    private static String decodedToken(String out) {
        return new String(decodedTokenBytes(out), StandardCharsets.UTF_8);
    }

    private static byte[] decodedTokenBytes(String out) {
        try {
            JsonNode secret = YAML.readTree(out);
            return Base64.getDecoder().decode(secret.path("data").path("token").asText());
        } catch (IOException e) {
            throw new AssertionError("output is not YAML/JSON", e);
        }
    }
}
