package io.eso4j.internal.auth;

import io.eso4j.SecretsException;
import io.eso4j.auth.SecretKeyResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the small files credentials come from (key files, token files) with a size limit. Stateless. */
public final class BoundedFiles {

    private BoundedFiles() {}

    /**
     * The file's UTF-8 text, read only when it is at most {@link SecretKeyResolver#MAX_FILE_BYTES} bytes (checked
     * before and while reading, so a file that grows meanwhile is refused too): a 3 GiB key file meant an
     * {@link OutOfMemoryError}.
     *
     * @param what names the file in messages, e.g. {@code "mounted secret file"}
     * @throws SecretsException naming the file and the limit, or the I/O error's class; never the contents
     */
    public static String read(Path file, String what) {
        int limit = SecretKeyResolver.MAX_FILE_BYTES;
        try {
            if (Files.size(file) > limit) {
                throw tooLarge(file, what, limit);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(limit + 1);
            }
            if (bytes.length > limit) {
                throw tooLarge(file, what, limit);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SecretsException(
                    "cannot read " + what + " " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static SecretsException tooLarge(Path file, String what, int limit) {
        return new SecretsException(what + " " + file + " is larger than the limit of " + limit + " bytes; not read");
    }
}
