package io.eso4j.cli;

import io.eso4j.ExternalSecrets;
import io.eso4j.InvalidSpecException;
import io.eso4j.ResolvedSecret;
import io.eso4j.SecretsException;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.integration.GenericTarget;
import io.eso4j.integration.TargetSecretPlan;
import io.eso4j.spec.CreationPolicy;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eso4j render}: resolves the ExternalSecrets of a set of manifests and prints the Secrets ESO would write.
 *
 * <p>Every ExternalSecret is resolved even when some fail ({@code failOnError(false)}); a failed one prints nothing
 * on standard output and its error on standard error, and the exit code is then 1 (2 when the failure is an invalid
 * spec, or when the inputs hold no ExternalSecret or a document of ESO's API group eso4j does not read).
 * ExternalSecrets for which ESO would write no Secret ({@code creationPolicy: None}, or no data under
 * {@code deletionPolicy: Delete} or {@code Retain}) are left out with a note on standard error.
 */
@Command(
        name = "render",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Resolves every ExternalSecret against AWS Secrets Manager / Parameter Store (or a fixture) and prints the",
            "Kubernetes Secrets ESO would write, with ESO's managed label and data-hash annotation."
        })
final class RenderCommand implements Callable<Integer> {

    @Mixin
    private ManifestOptions manifests;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "yaml",
            description = "yaml (default), json, env (KEY='value' lines) or keys (names and sizes only).")
    private OutputFormat output;

    @Option(
            names = "--external-secret",
            paramLabel = "NAME",
            description = "Print only this ExternalSecret (name, or namespace/name).")
    private String externalSecret;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NAMESPACE",
            defaultValue = "",
            description = "Namespace for ExternalSecrets whose manifest has none; also the application's namespace"
                    + " that ClusterExternalSecrets and ClusterSecretStore conditions are resolved for.")
    private String namespace;

    @Option(
            names = "--namespace-label",
            paramLabel = "KEY=VALUE",
            description = "A label of the --namespace namespace, for ClusterExternalSecret namespaceSelectors and"
                    + " ClusterSecretStore conditions. Repeatable.")
    private java.util.Map<String, String> namespaceLabels = new java.util.LinkedHashMap<>();

    @Option(
            names = "--secrets-dir",
            paramLabel = "DIR",
            description = "Mounted secrets for auth.secretRef: the key k of Secret s is the file DIR/s/k."
                    + " Secret manifests among the -f inputs are tried first.")
    private Path secretsDir;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "Secrets Manager and Parameter Store endpoint. Default: the SDK's"
                    + " (AWS_ENDPOINT_URL_SECRETS_MANAGER / AWS_ENDPOINT_URL_SSM, AWS_ENDPOINT_URL, else AWS).")
    private URI endpointUrl;

    @Option(
            names = "--fixture",
            paramLabel = "FILE",
            description = "Serve secrets from this fixture (JSON with a remote and/or parameters array, e.g. a"
                    + " conformance vector) through the in-process fake AWS (Secrets Manager, Parameter Store and"
                    + " STS, every auth shape) instead of calling AWS: no network connection is made.")
    private Path fixture;

    @Option(
            names = "--vector",
            paramLabel = "ID",
            description = "With --fixture on a file holding an array of vectors: the id of the one to serve.")
    private String vector;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkOptions();
        Manifests loaded = manifests.load(err, namespace, namespaceLabels);
        List<ExternalSecret> selected = select(loaded);
        SecretKeyResolver keys = SecretManifests.resolver(loaded.otherDocuments());
        if (secretsDir != null) {
            keys = keys.orElse(SecretKeyResolver.mountedSecrets(secretsDir.toAbsolutePath()));
        }
        ExternalSecrets.Builder builder = ExternalSecrets.builder()
                .manifests(loaded)
                .secretKeyResolver(keys)
                .failOnError(false);
        AutoCloseable fake = null;
        try {
            if (fixture != null) {
                fake = FixtureAws.start(fixture, vector, loaded, keys, builder);
            } else if (endpointUrl != null) {
                builder.endpointOverride(endpointUrl);
            }
            try (ExternalSecrets resolved = builder.build()) {
                return print(selected, resolved, out, err);
            }
        } finally {
            if (fake != null) {
                fake.close();
            }
        }
    }

    private void checkOptions() {
        if (vector != null && fixture == null) {
            throw new Eso4j.UsageException("--vector needs --fixture");
        }
        if (fixture != null && endpointUrl != null) {
            throw new Eso4j.UsageException("--fixture and --endpoint-url exclude each other");
        }
        if (fixture != null && !Files.isRegularFile(fixture)) {
            throw new Eso4j.UsageException("fixture " + fixture + " is not a file");
        }
        if (secretsDir != null && !Files.isDirectory(secretsDir)) {
            throw new Eso4j.UsageException("--secrets-dir " + secretsDir + " is not a directory");
        }
    }

    private List<ExternalSecret> select(Manifests loaded) {
        if (loaded.externalSecrets().isEmpty()) {
            throw new Eso4j.UsageException("the inputs hold no ExternalSecret, so there is nothing to render");
        }
        if (externalSecret == null) {
            return loaded.externalSecrets();
        }
        List<ExternalSecret> matches = loaded.externalSecrets().stream()
                .filter(es -> externalSecret.equals(es.name()) || externalSecret.equals(key(es)))
                .toList();
        if (matches.isEmpty()) {
            throw new Eso4j.UsageException("no ExternalSecret named " + Printable.quoted(externalSecret) + "; known: "
                    + loaded.externalSecrets().stream()
                            .map(es -> Printable.name(key(es)))
                            .toList());
        }
        return matches;
    }

    private int print(List<ExternalSecret> selected, ExternalSecrets resolved, PrintWriter out, PrintWriter err) {
        Map<String, SecretsException> failures = resolved.failures();
        List<KubernetesSecret> secrets = new ArrayList<>();
        int exitCode = Eso4j.OK;
        for (ExternalSecret es : selected) {
            SecretsException failure = failures.get(key(es));
            if (failure != null) {
                err.println("error: " + Printable.line(String.valueOf(failure.getMessage())));
                boolean invalid =
                        failure instanceof InvalidSpecException || failure.getCause() instanceof InvalidSpecException;
                exitCode = Math.max(exitCode, invalid ? Eso4j.INVALID : Eso4j.RESOLUTION_ERROR);
                continue;
            }
            ResolvedSecret secret = resolved.get(es.namespace(), es.name());
            if (GenericTarget.applies(es)) {
                try {
                    secrets.add(KubernetesSecret.generic(es, secret, namespace));
                } catch (SecretsException e) {
                    err.println("error: ExternalSecret " + Printable.name(key(es)) + ": "
                            + Printable.line(String.valueOf(e.getMessage())));
                    exitCode = Math.max(exitCode, Eso4j.RESOLUTION_ERROR);
                }
                continue;
            }
            String skipped = skipReason(es, secret);
            if (skipped != null) {
                err.println("note: ExternalSecret " + Printable.name(key(es)) + ": " + skipped);
                continue;
            }
            if (es.target().creationPolicy() == CreationPolicy.MERGE) {
                err.println("note: ExternalSecret " + Printable.name(key(es))
                        + ": creationPolicy=Merge, ESO merges these keys into an existing Secret "
                        + Printable.name(secret.targetName()) + " and never creates it");
            }
            secrets.add(KubernetesSecret.of(es, secret, namespace));
        }
        err.flush();
        if (!secrets.isEmpty()) {
            out.print(output.format(secrets, err));
            out.flush();
        }
        return exitCode;
    }

    /**
     * Why ESO would write no Secret for a resolved ExternalSecret, or {@code null}: core's {@link TargetSecretPlan}
     * decision that needs no cluster read (the Kubernetes writer takes the same one).
     */
    private static String skipReason(ExternalSecret es, ResolvedSecret secret) {
        TargetSecretPlan.Decision decision =
                TargetSecretPlan.withoutReading(TargetSecretPlan.Desired.of(es, secret, ""));
        if (decision == null) {
            return null;
        }
        return switch (decision.action()) {
            case SKIP -> decision.message();
            case REFUSE -> decision.message() + ": " + decision.detail();
            default -> "no data; " + decision.message();
        };
    }

    private static String key(ExternalSecret es) {
        return es.id().toString();
    }
}
