package io.eso4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.spec.SecretKeySelector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyResolverTest {

    @TempDir
    Path root;

    @Test
    void mountedSecretsReadTheKeyFileOfTheSecretFolderWithoutItsTrailingNewline() throws IOException {
        Files.createDirectories(root.resolve("aws-creds"));
        Files.writeString(root.resolve("aws-creds/access-key"), "AKIDEXAMPLE\n");

        SecretKeyResolver resolver = SecretKeyResolver.mountedSecrets(root);

        assertThat(resolver.resolve("ns", new SecretKeySelector("aws-creds", "access-key", null)))
                .contains("AKIDEXAMPLE");
        assertThat(resolver.resolve("ns", new SecretKeySelector("aws-creds", "missing", null)))
                .isEmpty();
    }

    @Test
    void mountedSecretsNeverReadOutsideTheRoot() throws IOException {
        Path outside = Files.writeString(root.getParent().resolve("outside-" + root.getFileName()), "x");
        try {
            SecretKeyResolver resolver = SecretKeyResolver.mountedSecrets(root);
            assertThat(resolver.resolve(
                            "",
                            new SecretKeySelector("..", outside.getFileName().toString(), null)))
                    .isEmpty();
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void mountedSecretsUnderARelativeRootThatNormalisesToNothingStillResolve() throws IOException {
        // "--secrets-dir ." used to resolve nothing: "." normalises to the empty path, and no file starts with it.
        // "target/.." is the working directory spelled so that it normalises to the empty path, like ".".
        Path file = Path.of("target", "eso4j-relative-root-test");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "from-a-relative-root\n");
        try {
            for (Path root : new Path[] {Path.of("target", ".."), Path.of("."), Path.of("")}) {
                assertThat(SecretKeyResolver.mountedSecrets(root)
                                .resolve("", new SecretKeySelector("target", "eso4j-relative-root-test", null)))
                        .as(root.toString())
                        .contains("from-a-relative-root");
            }
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void mountedSecretsAnswerNothingForANameThatIsNoPath() {
        assertThat(SecretKeyResolver.mountedSecrets(root).resolve("", new SecretKeySelector("a\0b", "key", null)))
                .isEmpty();
    }

    @Test
    void mapPrefersTheNamespaceQualifiedKey() {
        SecretKeyResolver resolver = SecretKeyResolver.fromMap(Map.of(
                "creds/key", "plain",
                "team-a/creds/key", "qualified"));

        assertThat(resolver.resolve("team-a", new SecretKeySelector("creds", "key", null)))
                .contains("qualified");
        assertThat(resolver.resolve("team-b", new SecretKeySelector("creds", "key", null)))
                .contains("plain");
        assertThat(resolver.resolve("", new SecretKeySelector("creds", "other", null)))
                .isEmpty();
    }

    @Test
    void orElseAsksTheNextResolverOnlyForWhatTheFirstDoesNotKnow() {
        SecretKeyResolver first = SecretKeyResolver.fromMap(Map.of("a/k", "first"));
        SecretKeyResolver second = SecretKeyResolver.fromMap(Map.of("a/k", "second", "b/k", "second"));

        SecretKeyResolver chain = first.orElse(second);

        assertThat(chain.resolve("", new SecretKeySelector("a", "k", null))).contains("first");
        assertThat(chain.resolve("", new SecretKeySelector("b", "k", null))).contains("second");
        assertThat(SecretKeyResolver.none().resolve("", new SecretKeySelector("a", "k", null)))
                .isEmpty();
    }
}
