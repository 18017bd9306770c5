package io.eso4j.cli;

import io.eso4j.integration.TemplateChecks;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code eso4j validate}: loads and validates manifests without calling AWS. Every problem is reported at once, each
 * as {@code <file>#<document> <field path>: <reason>} on standard error, with exit code 2.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Validates SecretStore, ClusterSecretStore and ExternalSecret manifests; no AWS call.",
            "Reports every problem with its file, document and field path; exit code 2 when any."
        })
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    private ManifestOptions manifests;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Manifests loaded = manifests.load(spec.commandLine().getErr());
        // Every template must parse (syntax, unknown functions), so a manifest that cannot render never passes.
        PrintWriter err = spec.commandLine().getErr();
        int templateProblems = 0;
        for (ExternalSecret es : loaded.externalSecrets()) {
            for (String problem : TemplateChecks.problems(es)) {
                err.println("error: ExternalSecret " + es.name() + " " + problem);
                templateProblems++;
            }
        }
        if (templateProblems > 0) {
            err.flush();
            return Eso4j.INVALID;
        }
        out.println("valid: " + count(loaded.externalSecrets().size(), "ExternalSecret") + ", "
                + count(loaded.stores().size(), "SecretStore") + ", "
                + count(loaded.clusterStores().size(), "ClusterSecretStore") + ", "
                + count(loaded.otherDocuments().size(), "other document"));
        out.flush();
        return Eso4j.OK;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
