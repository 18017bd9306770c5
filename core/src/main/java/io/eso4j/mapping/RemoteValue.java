package io.eso4j.mapping;

import java.util.Arrays;
import java.util.Objects;

/**
 * One fetched secret version as Secrets Manager returns it: {@code SecretString} or {@code SecretBinary}.
 * Normally exactly one is non-null; both {@code null} stands for AWS's "neither" answer, which ESO reports as
 * {@code invalid secret received. no secret string nor binary for key: <key>}. Binary bytes are copied in and
 * out, so an instance is immutable and thread-safe. {@link #toString()} never shows the value.
 *
 * @param string the {@code SecretString}, or {@code null}
 * @param binary the {@code SecretBinary} (raw bytes, not base64), or {@code null}
 */
public record RemoteValue(String string, byte[] binary) {

    public RemoteValue {
        binary = binary == null ? null : binary.clone();
    }

    /** A {@code SecretString} value. */
    public static RemoteValue ofString(String string) {
        return new RemoteValue(Objects.requireNonNull(string, "string"), null);
    }

    /** A {@code SecretBinary} value. */
    public static RemoteValue ofBinary(byte[] binary) {
        return new RemoteValue(null, Objects.requireNonNull(binary, "binary"));
    }

    /** A copy of the {@code SecretBinary} bytes, or {@code null}. */
    @Override
    public byte[] binary() {
        return binary == null ? null : binary.clone();
    }

    /** The binary bytes without a copy, for this package's read-only use. */
    byte[] binaryUnsafe() {
        return binary;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RemoteValue
                && Objects.equals(string, ((RemoteValue) other).string)
                && Arrays.equals(binary, ((RemoteValue) other).binary);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(string) + Arrays.hashCode(binary);
    }

    @Override
    public String toString() {
        if (string != null) {
            return "RemoteValue[string=<redacted>]";
        }
        return binary != null ? "RemoteValue[binary=<redacted>]" : "RemoteValue[empty]";
    }
}
