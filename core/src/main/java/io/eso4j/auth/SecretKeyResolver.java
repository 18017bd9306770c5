package io.eso4j.auth;

import io.eso4j.internal.auth.BoundedFiles;
import io.eso4j.spec.SecretKeySelector;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the value of a Kubernetes Secret key that a store's {@code auth.secretRef} names, without a cluster. The
 * stock resolvers read mounted secrets or a map; the k8s-writer module adds one that reads the cluster.
 *
 * <p>Implementations must be thread-safe and must never log or print the values they return.
 */
@FunctionalInterface
public interface SecretKeyResolver {

    /**
     * The value of {@code selector}'s key, or empty when this resolver does not know it.
     *
     * @param namespace the namespace the key is looked up in (the selector's own, else the store's)
     */
    Optional<String> resolve(String namespace, SecretKeySelector selector);

    /** Knows nothing: every lookup is empty. */
    static SecretKeyResolver none() {
        return (namespace, selector) -> Optional.empty();
    }

    /**
     * The largest key file {@link #mountedSecrets} reads (and the largest web identity token file), 64 KiB: AWS keys
     * are tens of bytes and session tokens a few KiB, and Kubernetes caps a whole Secret at 1 MiB.
     */
    int MAX_FILE_BYTES = 64 * 1024;

    /**
     * Secrets mounted the way Kubernetes mounts them: the value of key {@code k} of Secret {@code s} is the file
     * {@code <root>/<s>/<k>}, read as UTF-8 with one trailing newline removed. The namespace is ignored. A file
     * larger than {@link #MAX_FILE_BYTES} is refused with a {@link io.eso4j.SecretsException} naming it, unread.
     */
    static SecretKeyResolver mountedSecrets(Path root) {
        Objects.requireNonNull(root, "root");
        // Absolute first: "." normalises to the empty path, which no resolved file "startsWith", so a relative root
        // such as "--secrets-dir ." used to resolve nothing.
        Path base = root.toAbsolutePath().normalize();
        return (namespace, selector) -> {
            Path file;
            try {
                file = base.resolve(selector.name()).resolve(selector.key()).normalize();
            } catch (InvalidPathException e) {
                return Optional.empty(); // e.g. a NUL in the name: no such file; the caller names the field
            }
            if (!file.startsWith(base) || file.equals(base) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String value = BoundedFiles.read(file, "mounted secret file");
            return Optional.of(value.endsWith("\n") ? value.substring(0, value.length() - 1) : value);
        };
    }

    /**
     * Values from a map, for application properties or environment: the key {@code <secret-name>/<key>} or, when
     * several namespaces need telling apart, {@code <namespace>/<secret-name>/<key>} (tried first).
     */
    static SecretKeyResolver fromMap(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return (namespace, selector) -> {
            String local = selector.name() + "/" + selector.key();
            String qualified = namespace.isEmpty() ? null : copy.get(namespace + "/" + local);
            return Optional.ofNullable(qualified != null ? qualified : copy.get(local));
        };
    }

    /** This resolver, then {@code next} for what it does not know. */
    default SecretKeyResolver orElse(SecretKeyResolver next) {
        Objects.requireNonNull(next, "next");
        return (namespace, selector) -> {
            Optional<String> value = resolve(namespace, selector);
            return value.isPresent() ? value : next.resolve(namespace, selector);
        };
    }
}
