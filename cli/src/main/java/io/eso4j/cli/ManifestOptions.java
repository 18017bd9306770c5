package io.eso4j.cli;

import io.eso4j.InvalidSpecException;
import io.eso4j.spec.Manifests;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The manifest inputs shared by {@code render} and {@code validate}: {@code -f} files and directories. A directory
 * contributes its {@code .yaml}, {@code .yml} and {@code .json} files, sorted by name, not recursively (as
 * {@code kubectl -f dir} does).
 */
final class ManifestOptions {

    private static final String ESO_GROUP = "external-secrets.io/";

    @Option(
            names = {"-f", "--filename"},
            required = true,
            paramLabel = "FILE|DIR",
            description = "Manifest file (multi-document YAML or JSON) or directory of them. Repeatable.")
    private List<Path> inputs = new ArrayList<>();

    /**
     * Loads and validates every input; warnings go to {@code err}.
     *
     * @throws InvalidSpecException when a manifest is invalid, and also when a document of ESO's API group has a kind
     *     eso4j does not read ({@code PushSecret}, a typo such as
     *     {@code ExternalSecrets}): the loader keeps it as an other document with a warning, but a command that went
     *     on would report success for something it never looked at
     */
    Manifests load(PrintWriter err) {
        return load(err, null);
    }

    /**
     * Like {@link #load(PrintWriter)}, resolving ClusterExternalSecrets and ClusterSecretStore conditions for
     * {@code namespace} (the application's; {@code null} for none).
     */
    Manifests load(PrintWriter err, String namespace) {
        return load(err, namespace, java.util.Map.of());
    }

    /** With the labels of {@code namespace}, which ClusterExternalSecret selectors and store conditions match. */
    Manifests load(PrintWriter err, String namespace, java.util.Map<String, String> namespaceLabels) {
        Manifests.Builder builder = Manifests.builder();
        files().forEach(builder::load);
        if (namespace != null && !namespace.isEmpty()) {
            builder.namespace(namespace, namespaceLabels);
        }
        Manifests manifests = builder.build();
        manifests.warnings().forEach(warning -> err.println("warning: " + Printable.line(warning)));
        err.flush();
        List<String> notUnderstood = manifests.otherDocuments().stream()
                .filter(document -> document.apiVersion().startsWith(ESO_GROUP))
                .map(document -> document.source() + "#" + document.index() + " kind: "
                        + Printable.name(document.kind()) + " of " + Printable.name(document.apiVersion())
                        + " is not a kind eso4j reads (ExternalSecret, SecretStore, ClusterSecretStore,"
                        + " ClusterExternalSecret), so this"
                        + " document was not used")
                .toList();
        if (!notUnderstood.isEmpty()) {
            throw new InvalidSpecException(notUnderstood);
        }
        return manifests;
    }

    /** The files the inputs stand for; a path that does not exist is kept and reported by the loader. */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                files.add(input);
                continue;
            }
            try (Stream<Path> entries = Files.list(input)) {
                List<Path> manifests = entries.filter(Files::isRegularFile)
                        .filter(ManifestOptions::isManifest)
                        .sorted()
                        .toList();
                if (manifests.isEmpty()) {
                    throw new Eso4j.UsageException("directory " + input
                            + " holds no .yaml, .yml or .json files (subdirectories are not read)");
                }
                files.addAll(manifests);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list directory " + input, e);
            }
        }
        return files;
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }
}
