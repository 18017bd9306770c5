package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core stays framework-free and its packages depend on each other one way, as ARCHITECTURE.md draws them. Reads
 * the compiled classes: every class or member a class refers to is named in its constant pool.
 */
class CoreDependenciesTest {

    /**
     * Package (below io/eso4j/) to the sibling packages it must never refer to. The internal packages (not exported by
     * the module, see module-info.java) are drawn beside the exported package they serve: {@code internal/auth} with
     * {@code auth}, {@code internal/engine} only with the root package (see {@link
     * #theEngineIsReachedOnlyThroughTheFacade()}).
     */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "spec", List.of("mapping", "provider", "auth", "refresh", "integration", "internal"),
            "mapping", List.of("provider", "auth", "refresh", "integration", "internal"),
            "auth", List.of("mapping", "provider", "refresh", "integration", "internal/engine"),
            "internal/auth", List.of("mapping", "provider", "refresh", "integration", "internal/engine"),
            "provider", List.of("mapping", "refresh", "integration", "internal"),
            "refresh", List.of("spec", "mapping", "provider", "auth", "integration", "internal"),
            // integration holds the CLI's and the Kubernetes writer's ESO rules (markers, target plan, generic
            // targets, template checks), which sit on the mapping pipeline; mapping never refers back (above)
            "integration", List.of("provider", "internal"));

    @Test
    void coreClassesNeverReferToSpringOrFabric8() {
        for (Path classFile : coreClassFiles()) {
            String constants = read(classFile);
            assertThat(constants)
                    .as(classFile.toString())
                    .doesNotContain("org/springframework")
                    .doesNotContain("io/fabric8");
        }
    }

    @Test
    void coreDependenciesBringNeitherSpringNorFabric8() {
        assertThatThrownBy(() -> Class.forName("org.springframework.core.SpringVersion"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.fabric8.kubernetes.client.KubernetesClient"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void packagesDependOnEachOtherOneWay() {
        Path root = classesRoot().resolve("io/eso4j");
        FORBIDDEN.forEach((pkg, forbidden) -> {
            for (Path classFile : classFilesUnder(root.resolve(pkg))) {
                String constants = read(classFile);
                for (String other : forbidden) {
                    assertThat(constants)
                            .as("%s must not depend on io.eso4j.%s", root.relativize(classFile), other)
                            .doesNotContain("io/eso4j/" + other + "/");
                }
            }
        });
    }

    @Test
    void theRootPackageNeverDependsOnTheIntegrationLayer() {
        for (Path classFile : classFilesUnder(classesRoot().resolve("io/eso4j"))) {
            if (classFile.getParent().equals(classesRoot().resolve("io/eso4j"))) {
                assertThat(read(classFile))
                        .as("%s must not depend on io.eso4j.integration", classFile.getFileName())
                        .doesNotContain("io/eso4j/integration/");
            }
        }
    }

    @Test
    void theEngineIsReachedOnlyThroughTheFacade() {
        Path root = classesRoot().resolve("io/eso4j");
        Path engine = root.resolve("internal/engine");
        for (Path classFile : classFilesUnder(root)) {
            if (!classFile.getParent().equals(root) && !classFile.startsWith(engine)) {
                assertThat(read(classFile))
                        .as("%s must not depend on io.eso4j.internal.engine", root.relativize(classFile))
                        .doesNotContain("io/eso4j/internal/engine/");
            }
        }
    }

    @Test
    void templateEngineNeverReachesBackIntoTheMappingPipeline() {
        Path template = classesRoot().resolve("io/eso4j/mapping/template");
        assertThat(classFilesUnder(template)).isNotEmpty();
        for (Path classFile : classFilesUnder(template)) {
            assertThat(read(classFile))
                    .as("%s must not depend on io.eso4j.mapping outside template", classFile.getFileName())
                    .doesNotContainPattern("io/eso4j/mapping/(?!template/)");
        }
    }

    @Test
    void exceptionTreeDependsOnNothingElseInEso4j() {
        for (Class<?> type : List.of(
                SecretsException.class,
                SecretNotFoundException.class,
                SecretAccessDeniedException.class,
                SecretMappingException.class,
                InvalidSpecException.class,
                TransientAwsException.class,
                StoreConfigurationException.class,
                StoreConfigurationException.Setting.class)) {
            String constants = read(classesRoot().resolve(type.getName().replace('.', '/') + ".class"));
            assertThat(constants.replace("io/eso4j/" + type.getSimpleName(), ""))
                    .as(type.getName())
                    .doesNotContainPattern("io/eso4j/[a-z]+/");
        }
    }

    @Test
    void theScanSeesEveryCorePackage() {
        Path root = classesRoot().resolve("io/eso4j");
        for (String pkg : List.of("spec", "provider", "integration", "internal/auth", "internal/engine")) {
            assertThat(classFilesUnder(root.resolve(pkg))).as(pkg).isNotEmpty();
        }
    }

    private static List<Path> coreClassFiles() {
        return classFilesUnder(classesRoot());
    }

    private static List<Path> classFilesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".class")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory (or jar) core's main classes come from. */
    static Path classesRoot() {
        try {
            return Path.of(SecretsException.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class file as Latin-1 text: class names in the constant pool are plain ASCII inside it. */
    private static String read(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
