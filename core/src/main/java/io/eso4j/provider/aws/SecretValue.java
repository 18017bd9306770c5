package io.eso4j.provider.aws;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One version of a remote secret as Secrets Manager returned it: at most one of {@code string} and {@code binary} is
 * non-null (AWS always sends one; ESO reports a response with neither when mapping, so it is kept as such). Immutable: {@link #binary()} returns a copy. {@link #toString()} names the secret and version, never
 * the value.
 */
public final class SecretValue {

    private final String name;
    private final String arn;
    private final String versionId;
    private final List<String> versionStages;
    private final String string;
    private final byte[] binary;

    public SecretValue(
            String name, String arn, String versionId, List<String> versionStages, String string, byte[] binary) {
        if (string != null && binary != null) {
            throw new IllegalArgumentException("at most one of string and binary may be given");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.arn = arn == null ? "" : arn;
        this.versionId = versionId == null ? "" : versionId;
        this.versionStages = versionStages == null ? List.of() : List.copyOf(versionStages);
        this.string = string;
        this.binary = binary == null ? null : binary.clone();
    }

    /** The secret's name (never the ARN). */
    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    public String versionId() {
        return versionId;
    }

    public List<String> versionStages() {
        return versionStages;
    }

    /** The {@code SecretString}, or {@code null} for a binary secret. */
    public String string() {
        return string;
    }

    /** A copy of the {@code SecretBinary}, or {@code null} for a string secret. */
    public byte[] binary() {
        return binary == null ? null : binary.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue that
                && name.equals(that.name)
                && arn.equals(that.arn)
                && versionId.equals(that.versionId)
                && versionStages.equals(that.versionStages)
                && Objects.equals(string, that.string)
                && Arrays.equals(binary, that.binary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, versionId);
    }

    @Override
    public String toString() {
        return "SecretValue[" + name + " version " + versionId + " " + versionStages + ", "
                + (string != null ? "string value redacted]" : binary != null ? "binary value redacted]" : "no value]");
    }
}
