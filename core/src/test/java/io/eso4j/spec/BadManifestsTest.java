package io.eso4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.eso4j.InvalidSpecException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed manifests: each is rejected with one documented problem line (origin, field path, reason). */
class BadManifestsTest {

    private static final String STORE = ManifestsTest.STORE;

    private static final String ES_HEAD = """
            ---
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata: {name: es, namespace: apps}
            """;

    private static final String GOOD_DATA = """
              data:
                - secretKey: k
                  remoteRef: {key: k}
            """;

    /** A store plus an ExternalSecret (document 2) whose spec is {@code specBody}, indented under {@code spec:}. */
    private static String es(String specBody) {
        return STORE + ES_HEAD + "spec:\n  secretStoreRef: {name: aws}\n" + specBody;
    }

    private static Arguments bad(String name, String yaml, String expected) {
        return Arguments.of(name, yaml.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static Arguments bad(String name, byte[] bytes, String expected) {
        return Arguments.of(name, bytes, expected);
    }

    static Stream<Arguments> malformed() {
        byte[] store = (STORE + "# caf").getBytes(StandardCharsets.UTF_8);
        byte[] invalidUtf8 = new byte[store.length + 3];
        System.arraycopy(store, 0, invalidUtf8, 0, store.length);
        invalidUtf8[store.length] = (byte) 0xC3; // a lead byte without its continuation byte
        invalidUtf8[store.length + 1] = '(';
        invalidUtf8[store.length + 2] = '\n';
        return Stream.of(
                // files and documents
                bad("empty file", "", "bad.yaml: contains no documents"),
                bad("only comments", "# nothing here\n", "bad.yaml: contains no documents"),
                bad(
                        "list at top level",
                        "- apiVersion: v1\n",
                        "bad.yaml#1: expected a Kubernetes object (a map with apiVersion and kind), not a list"),
                bad("scalar at top level", "hello\n", "bad.yaml#1: expected a Kubernetes object"),
                bad(
                        "missing apiVersion",
                        "kind: SecretStore\nmetadata: {name: x}\n",
                        "bad.yaml#1 apiVersion: is required"),
                bad("missing kind", "apiVersion: external-secrets.io/v1\n", "bad.yaml#1 kind: is required"),
                bad(
                        "apiVersion is a number",
                        "apiVersion: 1\nkind: Secret\n",
                        "bad.yaml#1 apiVersion: must be a string, not a number"),
                bad(
                        "kind ExternalSecrets, a typo",
                        STORE + ES_HEAD.replace("kind: ExternalSecret", "kind: ExternalSecrets") + "spec:\n"
                                + "  secretStoreRef: {name: aws}\n" + GOOD_DATA,
                        "bad.yaml#2 kind: kind \"ExternalSecrets\" is not a kind of external-secrets.io; did you mean"
                                + " \"ExternalSecret\"?"),
                bad(
                        "kind in lower case",
                        STORE.replace("kind: SecretStore", "kind: secretstore"),
                        "bad.yaml#1 kind: kind \"secretstore\" is not a kind of external-secrets.io; did you mean"
                                + " \"SecretStore\"?"),
                bad(
                        "kind ClusterSecretStores on v1beta1",
                        STORE.replace("kind: SecretStore", "kind: ClusterSecretStores")
                                .replace("external-secrets.io/v1", "external-secrets.io/v1beta1"),
                        "bad.yaml#1 kind: kind \"ClusterSecretStores\" is not a kind of external-secrets.io; did you"
                                + " mean \"ClusterSecretStore\"?"),
                bad(
                        "an unrelated kind in the group",
                        STORE.replace("kind: SecretStore", "kind: Vault"),
                        "bad.yaml#1 kind: kind \"Vault\" is not a kind of external-secrets.io (its kinds: ExternalSecret,"
                                + " SecretStore, ClusterSecretStore, ClusterExternalSecret, PushSecret,"
                                + " ClusterPushSecret)"),
                bad(
                        "unsupported apiVersion",
                        STORE.replace("external-secrets.io/v1", "external-secrets.io/v1alpha1"),
                        "bad.yaml#1 apiVersion: unsupported value \"external-secrets.io/v1alpha1\", expected one of:"
                                + " external-secrets.io/v1, external-secrets.io/v1beta1"),
                bad(
                        "duplicate YAML key",
                        es("  data:\n    - secretKey: a\n      secretKey: b\n"),
                        "bad.yaml#2 spec.data[0].secretKey: invalid YAML: Duplicate field 'secretKey'"),
                bad(
                        "tab indentation",
                        STORE + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n",
                        "bad.yaml#2 metadata: invalid YAML: while scanning for the next token: found character"),
                bad(
                        "yaml syntax error",
                        "apiVersion: a: b\n",
                        "bad.yaml#1 apiVersion: invalid YAML: mapping values are not allowed here (line 1, column 14)"),
                bad("broken json", "{\"apiVersion\": \"v1\",\n", "bad.yaml#1 apiVersion: invalid YAML:"),
                bad("NUL byte", STORE + "# a\u0000b\n", "bad.yaml: contains a NUL byte at line 11, column 4"),
                bad(
                        "invalid UTF-8",
                        invalidUtf8,
                        "bad.yaml: is not valid UTF-8 (bad byte sequence near byte offset " + store.length + ")"),
                bad(
                        "ten thousand nesting levels",
                        "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n",
                        "bad.yaml#1: YAML is nested too deeply (more than 1000 levels)"),
                bad(
                        "huge document",
                        "apiVersion: v1\nkind: ConfigMap\ndata:\n  big: |\n"
                                + ("    " + "x".repeat(76) + "\n").repeat(42_000),
                        "bad.yaml#1 data.big: invalid YAML: The incoming YAML document exceeds the limit"),
                bad(
                        "an 8 MB scalar on one line (quadratic in SnakeYAML: 68 s before)",
                        "apiVersion: v1\nkind: ConfigMap\ndata:\n  big: " + "x".repeat(8_000_000) + "\n",
                        "bad.yaml: line 4 is longer than the limit of 1048576 characters (1 MiB) for one line of a"
                                + " manifest (has 8000007)"),
                bad(
                        "a 1 MiB quoted scalar plus one character",
                        "apiVersion: v1\nkind: ConfigMap\ndata: {big: \"" + "x".repeat(1 << 20) + "\"}\n",
                        "bad.yaml: line 3 is longer than the limit of 1048576 characters"),
                bad(
                        "a 9 MiB source",
                        ("# " + "x".repeat(1_000) + "\n").repeat(9 * 1_048),
                        "bad.yaml: is larger than the limit of 8388608 bytes (8 MiB) for one manifest source"),
                bad(
                        "ten thousand and one documents",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n".repeat(10_001),
                        "bad.yaml: has more than 10000 documents, the limit for one manifest source"),
                bad(
                        "YAML alias",
                        es("  data: &d []\n  dataFrom: *d\n"),
                        "bad.yaml#2 spec.dataFrom: YAML aliases (*d) are not supported"),
                // wrong types
                bad("data is a map", es("  data: {secretKey: k}\n"), "bad.yaml#2 spec.data: must be a list, not a map"),
                bad(
                        "remoteRef is a list",
                        es("  data:\n    - secretKey: k\n      remoteRef: [k]\n"),
                        "bad.yaml#2 spec.data[0].remoteRef: must be a map, not a list"),
                bad(
                        "key is a number",
                        es("  data:\n    - secretKey: k\n      remoteRef: {key: 42}\n"),
                        "bad.yaml#2 spec.data[0].remoteRef.key: must be a string, not a number"),
                bad(
                        "immutable is a string",
                        es("  target: {immutable: 'yes please'}\n" + GOOD_DATA),
                        "bad.yaml#2 spec.target.immutable: must be a boolean, not a string"),
                bad(
                        "maxRetries is a string",
                        STORE + "  retrySettings: {maxRetries: '3'}\n",
                        "bad.yaml#1 spec.retrySettings.maxRetries: must be a 32-bit integer, not a string"),
                bad("spec is a list", STORE + ES_HEAD + "spec: []\n", "bad.yaml#2 spec: must be a map, not a list"),
                // missing and empty fields
                bad("ExternalSecret without spec", STORE + ES_HEAD, "bad.yaml#2 spec: is required"),
                bad(
                        "missing metadata.name",
                        STORE.replace("  name: aws\n", ""),
                        "bad.yaml#1 metadata.name: is required"),
                bad(
                        "missing remoteRef",
                        es("  data:\n    - secretKey: k\n"),
                        "bad.yaml#2 spec.data[0].remoteRef: is required"),
                bad(
                        "missing secretKey",
                        es("  data:\n    - remoteRef: {key: k}\n"),
                        "bad.yaml#2 spec.data[0].secretKey: is required"),
                bad(
                        "empty remote key",
                        es("  data:\n    - secretKey: k\n      remoteRef: {key: ''}\n"),
                        "bad.yaml#2 spec.data[0].remoteRef.key: must not be empty"),
                bad(
                        "uuid version without id",
                        es("  dataFrom:\n    - extract: {key: k, version: uuid/}\n"),
                        "bad.yaml#2 spec.dataFrom[0].extract.version: uuid/ must be followed by a version id"),
                bad(
                        "neither data nor dataFrom",
                        es(""),
                        "bad.yaml#2 spec: either data or dataFrom should be specified"),
                // keys
                bad(
                        "254-character secretKey",
                        es("  data:\n    - secretKey: " + "k".repeat(254) + "\n      remoteRef: {key: k}\n"),
                        "bad.yaml#2 spec.data[0].secretKey: must be no more than 253 characters (has 254)"),
                bad(
                        "invalid secretKey characters",
                        es("  data:\n    - secretKey: a/b\n      remoteRef: {key: k}\n"),
                        "bad.yaml#2 spec.data[0].secretKey: invalid key \"a/b\": must consist of alphanumeric"
                                + " characters, '-', '_' or '.'"),
                bad(
                        "dot-dot secretKey",
                        es("  data:\n    - secretKey: '..'\n      remoteRef: {key: k}\n"),
                        "bad.yaml#2 spec.data[0].secretKey: invalid key \"..\": must not be '.' or '..'"),
                bad(
                        "duplicate secretKey with Retain",
                        es(
                                "  data:\n    - {secretKey: a, remoteRef: {key: x}}\n    - {secretKey: a, remoteRef: {key: y}}\n"),
                        "bad.yaml#2 spec.data[1].secretKey: duplicate secretKey found: a"),
                // names (Kubernetes' rules: object names are RFC 1123 subdomains, namespaces labels, keys
                // [-._a-zA-Z0-9]+; ESO's CRD schemas in apis/meta/v1/types.go repeat them for references)
                bad(
                        "ExternalSecret name with a newline and a command",
                        STORE + ES_HEAD.replace("name: es", "name: \"es\\necho pwned\"") + "spec:\n"
                                + "  secretStoreRef: {name: aws}\n" + GOOD_DATA,
                        "bad.yaml#2 metadata.name: invalid name \"es\\x0aecho pwned\": a lowercase RFC 1123"
                                + " subdomain must consist of lower case alphanumeric characters, '-' or '.', and must"
                                + " start and end with an alphanumeric character (e.g. 'example.com')"),
                bad(
                        "ExternalSecret name in upper case",
                        STORE + ES_HEAD.replace("name: es", "name: Es") + "spec:\n  secretStoreRef: {name: aws}\n"
                                + GOOD_DATA,
                        "bad.yaml#2 metadata.name: invalid name \"Es\": a lowercase RFC 1123 subdomain"),
                bad(
                        "254-character ExternalSecret name",
                        STORE + ES_HEAD.replace("name: es", "name: " + "e".repeat(254)) + "spec:\n"
                                + "  secretStoreRef: {name: aws}\n" + GOOD_DATA,
                        "bad.yaml#2 metadata.name: must be no more than 253 characters (has 254)"),
                bad(
                        "namespace with a dot",
                        STORE.replace("namespace: apps", "namespace: apps.prod"),
                        "bad.yaml#1 metadata.namespace: invalid name \"apps.prod\": must not contain dots"),
                bad(
                        "64-character namespace",
                        STORE.replace("namespace: apps", "namespace: " + "n".repeat(64)),
                        "bad.yaml#1 metadata.namespace: must be no more than 63 characters (has 64)"),
                bad(
                        "namespace with an underscore",
                        STORE.replace("namespace: apps", "namespace: my_apps"),
                        "bad.yaml#1 metadata.namespace: invalid name \"my_apps\": a lowercase RFC 1123 label must"
                                + " consist of lower case alphanumeric characters or '-', and must start and end with"
                                + " an alphanumeric character (e.g. 'my-name', or '123-abc')"),
                bad(
                        "store name ending in a dash",
                        STORE.replace("name: aws", "name: aws-"),
                        "bad.yaml#1 metadata.name: invalid name \"aws-\": a lowercase RFC 1123 subdomain"),
                bad(
                        "target name with a space and semicolon",
                        es("  target: {name: 'x; rm -rf /'}\n" + GOOD_DATA),
                        "bad.yaml#2 spec.target.name: invalid name \"x; rm -rf /\": a lowercase RFC 1123"
                                + " subdomain"),
                bad(
                        "target name with an empty label",
                        es("  target: {name: 'a..b'}\n" + GOOD_DATA),
                        "bad.yaml#2 spec.target.name: invalid name \"a..b\""),
                bad(
                        "254-character target name",
                        es("  target: {name: " + "t".repeat(254) + "}\n" + GOOD_DATA),
                        "bad.yaml#2 spec.target.name: must be no more than 253 characters (has 254)"),
                bad(
                        "secretStoreRef name with a slash",
                        STORE + ES_HEAD + "spec:\n  secretStoreRef: {name: ../aws}\n" + GOOD_DATA,
                        "bad.yaml#2 spec.secretStoreRef.name: invalid name \"../aws\""),
                bad(
                        "sourceRef storeRef name in upper case",
                        es("  data:\n    - secretKey: k\n      remoteRef: {key: k}\n      sourceRef:\n        storeRef:"
                                + " {name: Shared, kind: ClusterSecretStore}\n"),
                        "bad.yaml#2 spec.data[0].sourceRef.storeRef.name: invalid name \"Shared\""),
                bad(
                        "NUL in a secretRef name",
                        STORE + "      auth:\n        secretRef:\n          accessKeyIDSecretRef: {name: \"c\\0d\","
                                + " key: id}\n          secretAccessKeySecretRef: {name: c, key: s}\n",
                        "bad.yaml#1 spec.provider.aws.auth.secretRef.accessKeyIDSecretRef.name: invalid name"
                                + " \"c\\x00d\": a lowercase RFC 1123 subdomain"),
                bad(
                        "path traversal in a secretRef name",
                        STORE + "      auth:\n        secretRef:\n          accessKeyIDSecretRef: {name: ../../etc,"
                                + " key: id}\n          secretAccessKeySecretRef: {name: c, key: s}\n",
                        "bad.yaml#1 spec.provider.aws.auth.secretRef.accessKeyIDSecretRef.name: invalid name"
                                + " \"../../etc\""),
                bad(
                        "slash in a secretRef key",
                        STORE + "      auth:\n        secretRef:\n          accessKeyIDSecretRef: {name: c, key: a/b}\n"
                                + "          secretAccessKeySecretRef: {name: c, key: s}\n",
                        "bad.yaml#1 spec.provider.aws.auth.secretRef.accessKeyIDSecretRef.key: invalid key \"a/b\":"
                                + " must consist of alphanumeric characters, '-', '_' or '.'"),
                bad(
                        "NUL in a secretRef key",
                        STORE + "      auth:\n        secretRef:\n          accessKeyIDSecretRef: {name: c, key: id}\n"
                                + "          secretAccessKeySecretRef: {name: c, key: \"s\\0\"}\n",
                        "bad.yaml#1 spec.provider.aws.auth.secretRef.secretAccessKeySecretRef.key: invalid key"
                                + " \"s\\x00\""),
                bad(
                        "dot-dot secretRef key",
                        STORE + "      auth:\n        secretRef:\n          accessKeyIDSecretRef: {name: c, key: ..}\n"
                                + "          secretAccessKeySecretRef: {name: c, key: s}\n",
                        "bad.yaml#1 spec.provider.aws.auth.secretRef.accessKeyIDSecretRef.key: invalid key \"..\":"
                                + " must not be '.' or '..'"),
                bad(
                        "secretRef namespace with a dot",
                        STORE.replace("kind: SecretStore", "kind: ClusterSecretStore")
                                + "      auth:\n        secretRef:\n          accessKeyIDSecretRef: {name: c, key: id,"
                                + " namespace: a.b}\n          secretAccessKeySecretRef: {name: c, key: s}\n",
                        "bad.yaml#1 spec.provider.aws.auth.secretRef.accessKeyIDSecretRef.namespace: invalid name"
                                + " \"a.b\": must not contain dots"),
                bad(
                        "service account name with a colon",
                        STORE + "      auth:\n        jwt:\n          serviceAccountRef: {name: 'system:sa'}\n",
                        "bad.yaml#1 spec.provider.aws.auth.jwt.serviceAccountRef.name: invalid name \"system:sa\""),
                // durations and enums
                bad(
                        "refreshInterval in days",
                        es("  refreshInterval: 1d\n" + GOOD_DATA),
                        "bad.yaml#2 spec.refreshInterval: unknown unit \"d\" in duration \"1d\""),
                bad(
                        "refreshInterval without unit",
                        es("  refreshInterval: '10'\n" + GOOD_DATA),
                        "bad.yaml#2 spec.refreshInterval: missing unit in duration \"10\""),
                bad(
                        "retryInterval not a duration",
                        STORE + "  retrySettings: {retryInterval: soon}\n",
                        "bad.yaml#1 spec.retrySettings.retryInterval: invalid duration \"soon\""),
                bad(
                        "decodingStrategy in the wrong case",
                        es("  data:\n    - secretKey: k\n      remoteRef: {key: k, decodingStrategy: base64}\n"),
                        "bad.yaml#2 spec.data[0].remoteRef.decodingStrategy: decoding strategy base64 is not supported,"
                                + " expected one of: None, Base64, Base64URL, Auto"),
                bad(
                        "creationPolicy in the wrong case",
                        es("  target: {creationPolicy: owner}\n" + GOOD_DATA),
                        "bad.yaml#2 spec.target.creationPolicy: unsupported value \"owner\", expected one of: Owner,"
                                + " Orphan, Merge, None, CreateOrMerge"),
                bad(
                        "secretStoreRef kind unknown",
                        STORE + ES_HEAD + "spec:\n  secretStoreRef: {name: aws, kind: Store}\n" + GOOD_DATA,
                        "bad.yaml#2 spec.secretStoreRef.kind: unsupported value \"Store\", expected one of: SecretStore,"
                                + " ClusterSecretStore"),
                bad(
                        "long enum value is cut",
                        es("  refreshPolicy: " + "x".repeat(500) + "\n" + GOOD_DATA),
                        "bad.yaml#2 spec.refreshPolicy: unsupported value \"" + "x".repeat(80)
                                + "…\", expected one of"),
                // webhook rules
                bad(
                        "Delete with Merge creation",
                        es("  target: {creationPolicy: Merge, deletionPolicy: Delete}\n" + GOOD_DATA),
                        "bad.yaml#2 spec.target.deletionPolicy: deletionPolicy=Delete must not be used when the"
                                + " controller doesn't own the secret. Please set creationPolicy=Owner"),
                bad(
                        "Delete with CreateOrMerge creation",
                        es("  target: {creationPolicy: CreateOrMerge, deletionPolicy: Delete}\n" + GOOD_DATA),
                        "bad.yaml#2 spec.target.deletionPolicy: deletionPolicy=Delete must not be used"),
                bad(
                        "Merge deletion with None creation",
                        es("  target: {creationPolicy: None, deletionPolicy: Merge}\n" + GOOD_DATA),
                        "bad.yaml#2 spec.target.deletionPolicy: deletionPolicy=Merge must not be used with"
                                + " creationPolicy=None. There is no Secret to merge with"),
                bad(
                        "extract and find together",
                        es("  dataFrom:\n    - extract: {key: k}\n      find: {tags: {a: b}}\n"),
                        "bad.yaml#2 spec.dataFrom[0]: extract, find, or generatorRef cannot be set at the same time"),
                bad(
                        "generatorRef",
                        es("  dataFrom:\n    - sourceRef:\n        generatorRef: {kind: Password, name: pw}\n"),
                        "bad.yaml#2 spec.dataFrom[0].sourceRef.generatorRef.kind: generator kind \"Password\" is not"
                                + " supported by eso4j (supported: ECRAuthorizationToken, STSSessionToken, ClusterGenerator)"),
                bad(
                        "find with path only",
                        es("  dataFrom:\n    - find: {path: db/}\n"),
                        "bad.yaml#2 spec.dataFrom[0].find: unexpected find operator: find needs name.regexp or tags"),
                bad(
                        "rewrite with two operations",
                        es("  dataFrom:\n    - extract: {key: k}\n      rewrite:\n        - regexp: {source: a, target:"
                                + " b}\n          transform: {template: x}\n"),
                        "bad.yaml#2 spec.dataFrom[0].rewrite[0]: exactly one of regexp, transform or merge must be set"),
                bad(
                        "rewrite regexp does not compile",
                        es(
                                "  dataFrom:\n    - extract: {key: k}\n      rewrite:\n        - regexp: {source: '(', target:"
                                        + " b}\n"),
                        "bad.yaml#2 spec.dataFrom[0].rewrite[0].regexp.source: invalid regexp \"(\": error parsing regexp:"
                                + " missing closing ): `(`"),
                bad(
                        "rewrite with look-behind, which RE2 lacks",
                        es("  dataFrom:\n    - extract: {key: k}\n      rewrite:\n        - regexp: {source: '(?<=a)b',"
                                + " target: c}\n"),
                        "bad.yaml#2 spec.dataFrom[0].rewrite[0].regexp.source: invalid regexp \"(?<=a)b\": error parsing"
                                + " regexp: invalid named capture: `(?<=a)b`"),
                bad(
                        "rewrite with a Java-only class",
                        es("  dataFrom:\n    - extract: {key: k}\n      rewrite:\n        - regexp: {source:"
                                + " '\\p{javaLowerCase}', target: c}\n"),
                        "bad.yaml#2 spec.dataFrom[0].rewrite[0].regexp.source: invalid regexp \"\\\\p{javaLowerCase}\":"
                                + " error parsing regexp: invalid character class range: `\\p{javaLowerCase}`"),
                bad(
                        "rewrite repeating more than 1000 times",
                        es("  dataFrom:\n    - extract: {key: k}\n      rewrite:\n        - regexp: {source:"
                                + " 'x{1001}', target: c}\n"),
                        "bad.yaml#2 spec.dataFrom[0].rewrite[0].regexp.source: invalid regexp \"x{1001}\": error"
                                + " parsing regexp: invalid repeat count: `{1001}`"),
                bad(
                        "merge JSON without into",
                        es("  dataFrom:\n    - extract: {key: k}\n      rewrite:\n        - merge: {strategy: JSON}\n"),
                        "bad.yaml#2 spec.dataFrom[0].rewrite[0].merge.into: merge failed with missing 'into' field"),
                // templates
                bad(
                        "templateFrom configMap without a name (ESO's CRD requires it)",
                        es("  target:\n    template:\n      templateFrom:\n        - configMap: {items: []}\n"
                                + GOOD_DATA),
                        "bad.yaml#2 spec.target.template.templateFrom[0].configMap.name: is required"),
                bad(
                        "templateFrom secret item key with a slash",
                        es("  target:\n    template:\n      templateFrom:\n"
                                + "        - secret: {name: tpl, items: [{key: a/b}]}\n" + GOOD_DATA),
                        "bad.yaml#2 spec.target.template.templateFrom[0].secret.items[0].key: invalid key \"a/b\""),
                bad(
                        "templateFrom target outside a Secret",
                        es("  target:\n    template:\n      templateFrom:\n        - {literal: x, target: type}\n"
                                + GOOD_DATA),
                        "bad.yaml#2 spec.target.template.templateFrom[0].target: templateFrom target=\"type\" is not"
                                + " allowed when targeting a Secret, must be one of \"Data\", \"Annotations\" or"
                                + " \"Labels\""),
                bad(
                        "bootstrap token template",
                        es("  target:\n    template: {type: bootstrap.kubernetes.io/token}\n" + GOOD_DATA),
                        "bad.yaml#2 spec.target.template.type: template.type=\"bootstrap.kubernetes.io/token\" is not"
                                + " allowed"),
                bad(
                        "service account token bound to an account",
                        es(
                                "  target:\n    template:\n      type: kubernetes.io/service-account-token\n      metadata:\n"
                                        + "        annotations: {kubernetes.io/service-account.name: admin}\n"
                                        + GOOD_DATA),
                        "bad.yaml#2 spec.target.template.type: template.type=\"kubernetes.io/service-account-token\""
                                + " with annotation \"kubernetes.io/service-account.name\" is not allowed"),
                bad(
                        "engine v1",
                        es("  target:\n    template: {engineVersion: v1}\n" + GOOD_DATA),
                        "bad.yaml#2 spec.target.template.engineVersion: unsupported value \"v1\", expected one of: v2"),
                bad(
                        "generic target without a kind",
                        es("  target:\n    manifest: {apiVersion: v1}\n" + GOOD_DATA),
                        "bad.yaml#2 spec.target.manifest.kind: is required"),
                bad(
                        "nested templateFrom target on a Secret",
                        es("  target:\n    template:\n      templateFrom: [{literal: 'a: b', target: spec.x}]\n"
                                + GOOD_DATA),
                        "bad.yaml#2 spec.target.template.templateFrom[0].target: templateFrom target=\"spec.x\" is not"
                                + " allowed when targeting a Secret, must be one of \"Data\", \"Annotations\" or"
                                + " \"Labels\""),
                // stores
                bad(
                        "store without region",
                        STORE.replace("      region: eu-west-1\n", ""),
                        "bad.yaml#1 spec.provider.aws.region: is required"),
                bad(
                        "another provider",
                        STORE.replace(
                                "    aws:\n      service: SecretsManager\n      region: eu-west-1\n",
                                "    vault: {server: 'https://vault'}\n"),
                        "bad.yaml#1 spec.provider.vault: not supported (yet): eso4j supports the aws provider"
                                + " (SecretsManager, ParameterStore, CertificateManager) only"),
                bad(
                        "secretRef without secret access key",
                        STORE + "      auth:\n        secretRef:\n          accessKeyIDSecretRef: {name: c, key: id}\n",
                        "bad.yaml#1 spec.provider.aws.auth.secretRef.secretAccessKeySecretRef: is required"),
                bad(
                        "secretRef selector without key",
                        STORE + "      auth:\n        secretRef:\n          accessKeyIDSecretRef: {name: c}\n"
                                + "          secretAccessKeySecretRef: {name: c, key: s}\n",
                        "bad.yaml#1 spec.provider.aws.auth.secretRef.accessKeyIDSecretRef.key: is required"),
                bad(
                        "store without provider",
                        STORE.substring(0, STORE.indexOf("spec:")) + "spec: {}\n",
                        "bad.yaml#1 spec.provider: is required"),
                bad(
                        "store with an empty spec",
                        STORE.substring(0, STORE.indexOf("  provider:")),
                        "bad.yaml#1 spec: is required"),
                // references and duplicates
                bad(
                        "unknown store",
                        STORE + ES_HEAD + "spec:\n  secretStoreRef: {name: nope}\n" + GOOD_DATA,
                        "bad.yaml#2 spec.secretStoreRef: SecretStore \"nope\" not found in namespace \"apps\""),
                bad(
                        "store in another namespace",
                        STORE.replace("namespace: apps", "namespace: ops") + ES_HEAD
                                + "spec:\n  secretStoreRef: {name: aws}\n" + GOOD_DATA,
                        "bad.yaml#2 spec.secretStoreRef: SecretStore \"aws\" not found in namespace \"apps\""),
                bad(
                        "unknown cluster store in sourceRef",
                        es("  data:\n    - secretKey: k\n      remoteRef: {key: k}\n      sourceRef:\n        storeRef:"
                                + " {name: shared, kind: ClusterSecretStore}\n"),
                        "bad.yaml#2 spec.data[0].sourceRef.storeRef: ClusterSecretStore \"shared\" not found"),
                bad(
                        "no store reference at all",
                        STORE + ES_HEAD + "spec:\n" + GOOD_DATA,
                        "bad.yaml#2 spec.secretStoreRef: is required"),
                bad(
                        "duplicate ExternalSecret",
                        es(GOOD_DATA) + ES_HEAD + "spec:\n  secretStoreRef: {name: aws}\n" + GOOD_DATA,
                        "bad.yaml#3 metadata.name: duplicate ExternalSecret \"es\" (first defined in bad.yaml#2)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsWithTheDocumentedProblem(String name, byte[] content, String expected) {
        Throwable thrown = catchThrowable(() -> Manifests.read("bad.yaml", new ByteArrayInputStream(content)));

        assertThat(thrown).isInstanceOf(InvalidSpecException.class);
        InvalidSpecException invalid = (InvalidSpecException) thrown;
        assertThat(invalid.problems()).anySatisfy(problem -> assertThat(problem).startsWith(expected));
        assertThat(invalid.getMessage()).hasSizeLessThan(2_000);
    }

    @Test
    void matrixHasAtLeastThirtyCases() {
        assertThat(malformed().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void collectsEveryProblemOfEveryDocumentAtOnce() {
        String yaml = STORE.replace("region: eu-west-1", "region: ''") + ES_HEAD
                + "spec:\n  secretStoreRef: {name: aws}\n  refreshInterval: 1d\n  data:\n    - secretKey: a/b\n"
                + "      remoteRef: {key: ''}\n";

        InvalidSpecException invalid = (InvalidSpecException) catchThrowable(() -> Manifests.parse("many.yaml", yaml));

        assertThat(invalid.problems())
                .containsExactly(
                        "many.yaml#1 spec.provider.aws.region: is required",
                        "many.yaml#2 spec.refreshInterval: unknown unit \"d\" in duration \"1d\"",
                        "many.yaml#2 spec.data[0].secretKey: invalid key \"a/b\": must consist of alphanumeric"
                                + " characters, '-', '_' or '.'",
                        "many.yaml#2 spec.data[0].remoteRef.key: must not be empty");
        assertThat(invalid.getMessage()).startsWith("4 problems:\n  many.yaml#1");
    }

    /** apis/externalsecrets/v1/externalsecret_validator_test.go "multiple errors": ESO joins both. */
    @Test
    void reportsBothErrorsOfEsosMultipleErrorsCase() {
        String yaml = STORE + ES_HEAD
                + "spec:\n  secretStoreRef: {name: aws}\n  target: {deletionPolicy: Merge, creationPolicy: None}\n";

        InvalidSpecException invalid = (InvalidSpecException) catchThrowable(() -> Manifests.parse("p.yaml", yaml));

        assertThat(invalid.problems())
                .containsExactlyInAnyOrder(
                        "p.yaml#2 spec.target.deletionPolicy: deletionPolicy=Merge must not be used with"
                                + " creationPolicy=None. There is no Secret to merge with",
                        "p.yaml#2 spec: either data or dataFrom should be specified");
    }

    /** externalsecret_validator_test.go "duplicate secretKeys": each repeated key once, unquoted. */
    @Test
    void reportsEachDuplicateKeyUnquotedLikeEso() {
        String yaml = STORE + ES_HEAD + "spec:\n  secretStoreRef: {name: aws}\n  data:\n"
                + "    - {secretKey: SERVICE_NAME, remoteRef: {key: a}}\n"
                + "    - {secretKey: SERVICE_NAME, remoteRef: {key: b}}\n"
                + "    - {secretKey: SERVICE_NAME-2, remoteRef: {key: c}}\n"
                + "    - {secretKey: SERVICE_NAME-2, remoteRef: {key: d}}\n"
                + "    - {secretKey: NOT_DUPLICATE, remoteRef: {key: e}}\n";

        InvalidSpecException invalid = (InvalidSpecException) catchThrowable(() -> Manifests.parse("d.yaml", yaml));

        assertThat(invalid.problems())
                .containsExactly(
                        "d.yaml#2 spec.data[1].secretKey: duplicate secretKey found: SERVICE_NAME",
                        "d.yaml#2 spec.data[3].secretKey: duplicate secretKey found: SERVICE_NAME-2");
    }

    @Test
    void neverEchoesTemplateContentOrOtherValuesThatAreNotTheProblem() {
        String yaml = es("  target:\n    template:\n      data:\n        password: 'SENTINEL-{{ .k }}'\n"
                        + "      templateFrom:\n        - literal: 'SENTINEL'\n          target: Nowhere\n"
                        + "  data:\n    - secretKey: k\n      remoteRef: {key: '', property: SENTINEL}\n")
                + "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {k: SENTINEL}\n";

        InvalidSpecException invalid = (InvalidSpecException) catchThrowable(() -> Manifests.parse("s.yaml", yaml));

        assertThat(invalid.problems()).hasSize(2);
        assertThat(invalid.getMessage()).doesNotContain("SENTINEL");
    }
}
