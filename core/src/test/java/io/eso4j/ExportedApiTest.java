package io.eso4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exported API of eso4j-core, as a checked-in list: the packages {@code module-info.java} exports, their public
 * types and each type's public and protected members. A change to the list fails here with a diff, so that API
 * grows or shrinks only on purpose; the list is then regenerated with the command in the failure message (and the
 * change named in the changelog).
 */
class ExportedApiTest {

    /** The checked-in list, relative to the module's directory (surefire's working directory). */
    static final Path LIST = Path.of("src/test/resources/io/eso4j/exported-api.txt");

    static final String REGENERATE = "./mvnw -B -o -q -pl core -am test -Dtest=ExportedApiTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Deso4j.exportedApi.write=true";

    @Test
    void theExportedApiIsTheCheckedInList() throws IOException {
        List<String> actual = describe();
        if (Boolean.getBoolean("eso4j.exportedApi.write")) {
            Files.write(LIST, actual, StandardCharsets.UTF_8);
            return;
        }
        List<String> expected = Files.readAllLines(LIST, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail("The exported API of eso4j-core changed (- listed, + now):\n"
                    + diff(expected, actual)
                    + "\nIf this is intended, regenerate " + LIST + " with\n  " + REGENERATE
                    + "\nand commit it; say in CHANGELOG.md what users gain or must change.");
        }
    }

    @Test
    void everyExportedPackageHasPublicTypesAndNoInternalPackageIsExported() {
        Set<String> exported = exportedPackages();
        assertThat(exported).isNotEmpty().noneMatch(p -> p.contains(".internal"));
        for (String pkg : exported) {
            assertThat(publicTypes(pkg)).as(pkg).isNotEmpty();
        }
    }

    /** Most public types (top-level and member) the application tier may have: issue 12's exported-API target. */
    static final int APPLICATION_TIER_LIMIT = 35;

    /**
     * Who an exported package is for. Only the application tier is what applications call; the others are the
     * manifest model, the layer integrations (Spring Boot starter, CLI, Kubernetes writer) are built on, and the
     * template function SPI. A package not named here fails {@link #everyExportedPackageHasATier()}.
     */
    enum Tier {
        APPLICATION("io.eso4j", "io.eso4j.auth", "io.eso4j.refresh"),
        SPEC("io.eso4j.spec"),
        INTEGRATION_SPI("io.eso4j.integration"),
        TEMPLATE_SPI("io.eso4j.mapping.template");

        final Set<String> packages;

        Tier(String... packages) {
            this.packages = Set.of(packages);
        }

        static Tier of(String pkg) {
            return Arrays.stream(values())
                    .filter(t -> t.packages.contains(pkg))
                    .findFirst()
                    .orElse(null);
        }

        /** The tier's exported public types, member types included. */
        List<Class<?>> types() {
            return exportedPackages().stream()
                    .filter(packages::contains)
                    .flatMap(p -> publicTypes(p).stream())
                    .collect(Collectors.toList());
        }
    }

    @Test
    void everyExportedPackageHasATier() {
        assertThat(exportedPackages())
                .allSatisfy(p -> assertThat(Tier.of(p)).as(p).isNotNull());
    }

    @Test
    void theApplicationTierStaysSmall() {
        List<String> names =
                Tier.APPLICATION.types().stream().map(Class::getName).collect(Collectors.toList());
        assertThat(names)
                .as("application-tier types (move types that serve only integrations to io.eso4j.integration)")
                .hasSizeLessThanOrEqualTo(APPLICATION_TIER_LIMIT);
    }

    @Test
    void everyExportedTypeHasJavadoc() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String pkg : exportedPackages()) {
            for (Class<?> type : publicTypes(pkg)) {
                Class<?> top = type;
                while (top.getDeclaringClass() != null) {
                    top = top.getDeclaringClass();
                }
                Path source = Path.of("src/main/java", top.getName().replace('.', '/') + ".java");
                if (!hasJavadoc(Files.readString(source), type.getSimpleName())) {
                    missing.add(type.getName());
                }
            }
        }
        assertThat(missing).as("exported types without a javadoc comment").isEmpty();
    }

    @Test
    void theJavadocCheckTellsACommentFromNone() {
        assertThat(hasJavadoc("/** A. */\n@Deprecated\npublic final class A {}", "A"))
                .isTrue();
        assertThat(hasJavadoc("class B {\n    /** C. */\n    public record C(int x) {}\n}", "C"))
                .isTrue();
        assertThat(hasJavadoc("/* not javadoc */\npublic class A {}", "A")).isFalse();
        assertThat(hasJavadoc("import x;\n\npublic class A {}", "A")).isFalse();
    }

    /** Whether the declaration of {@code simpleName} in {@code source} follows a javadoc comment (annotations aside). */
    static boolean hasJavadoc(String source, String simpleName) {
        Matcher m = Pattern.compile(
                        "(?m)^[ \\t]*(?:public |protected |static |final |abstract |sealed |non-sealed |strictfp )*"
                                + "(?:class|interface|enum|record|@interface) " + Pattern.quote(simpleName)
                                + "\\b")
                .matcher(source);
        if (!m.find()) {
            return false;
        }
        String before = source.substring(0, m.start()).stripTrailing();
        while (before.substring(before.lastIndexOf('\n') + 1).strip().startsWith("@")) {
            before = before.substring(0, Math.max(before.lastIndexOf('\n'), 0)).stripTrailing();
        }
        int start = before.lastIndexOf("/*");
        return before.endsWith("*/") && start >= 0 && before.startsWith("/**", start);
    }

    /** The list: a header with the counts, then per exported package its public types, each with its members. */
    static List<String> describe() {
        List<String> types = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String pkg : exportedPackages()) {
            body.add("package " + pkg);
            for (Class<?> type : publicTypes(pkg)) {
                types.add(type.getName());
                body.add("  " + kind(type) + " " + type.getName() + supertypes(type));
                members(type).forEach(m -> body.add("    " + m));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("# eso4j-core exported API: " + exportedPackages().size() + " packages, " + types.size()
                + " public types ("
                + types.stream().filter(t -> !t.contains("$")).count() + " top-level)");
        for (Tier tier : Tier.values()) {
            List<Class<?>> tierTypes = tier.types();
            lines.add("# tier " + tier.name().toLowerCase(Locale.ROOT) + ": " + tierTypes.size()
                    + " public types ("
                    + tierTypes.stream()
                            .filter(t -> t.getDeclaringClass() == null)
                            .count()
                    + " top-level)" + (tier == Tier.APPLICATION ? ", at most " + APPLICATION_TIER_LIMIT : ""));
        }
        lines.add("# regenerate: " + REGENERATE);
        lines.addAll(body);
        return lines;
    }

    static Set<String> exportedPackages() {
        try (InputStream in = Files.newInputStream(classesRoot().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in).exports().stream()
                    .filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Public top-level and member types of one package (not its sub-packages), by name. */
    static List<Class<?>> publicTypes(String pkg) {
        Path dir = classesRoot().resolve(pkg.replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                    .map(n -> load(pkg + "." + n.substring(0, n.length() - ".class".length())))
                    .filter(ExportedApiTest::isApi)
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isApi(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static String kind(Class<?> type) {
        if (type.isAnnotation()) {
            return "@interface";
        }
        if (type.isInterface()) {
            return (type.isSealed() ? "sealed " : "") + "interface";
        }
        if (type.isEnum()) {
            return "enum";
        }
        if (type.isRecord()) {
            return "record";
        }
        String mods = Modifier.toString(type.getModifiers() & (Modifier.ABSTRACT | Modifier.FINAL));
        return (type.isSealed() ? "sealed " : "") + (mods.isEmpty() ? "" : mods + " ") + "class";
    }

    private static String supertypes(Class<?> type) {
        List<String> out = new ArrayList<>();
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            out.add(superclass.getTypeName());
        }
        Arrays.stream(type.getGenericInterfaces())
                .map(Type::getTypeName)
                .sorted()
                .forEach(out::add);
        return out.isEmpty() ? "" : " : " + String.join(", ", out);
    }

    private static List<String> members(Class<?> type) {
        Set<String> out = new TreeSet<>();
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                out.add(modifiers(f.getModifiers()) + f.getGenericType().getTypeName() + " " + f.getName());
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers()) && !c.isSynthetic()) {
                out.add(modifiers(c.getModifiers()) + type.getSimpleName() + parameters(c));
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                out.add(modifiers(m.getModifiers()) + m.getGenericReturnType().getTypeName() + " " + m.getName()
                        + parameters(m));
            }
        }
        return List.copyOf(out);
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String modifiers(int modifiers) {
        String s = Modifier.toString(modifiers & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC));
        return s.isEmpty() ? "" : s + " ";
    }

    private static String parameters(Executable e) {
        return Arrays.stream(e.getGenericParameterTypes())
                .map(Type::getTypeName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * A line diff (longest common subsequence): removed lines with "-", added lines with "+", each change under the
     * type it belongs to, so that a member line such as {@code toString()} names its type.
     */
    static String diff(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = expected.get(i).equals(actual.get(j))
                        ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        String type = "";
        String shown = null;
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                type = header(expected.get(i), type);
                i++;
                j++;
                continue;
            }
            boolean remove = j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1]);
            String line = remove ? expected.get(i++) : actual.get(j++);
            if (!line.startsWith("    ")) {
                type = header(line, type);
            } else if (!type.equals(shown)) {
                out.append("  in ").append(type.strip()).append('\n');
                shown = type;
            }
            out.append(remove ? "- " : "+ ").append(line).append('\n');
        }
        return out.toString();
    }

    private static String header(String line, String current) {
        return line.startsWith("    ") ? current : line;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ExportedApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path classesRoot() {
        return CoreDependenciesTest.classesRoot();
    }
}
