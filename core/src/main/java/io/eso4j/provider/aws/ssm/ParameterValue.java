package io.eso4j.provider.aws.ssm;

import java.util.Objects;

/**
 * One version of a parameter as Parameter Store returned it, decrypted. Immutable. {@link #toString()} names the
 * parameter and version, never the value.
 *
 * @param name the parameter's name (as AWS reports it, without selector)
 * @param arn the parameter's ARN
 * @param type {@code String}, {@code StringList} or {@code SecureString}
 * @param version the version number; it changes whenever the value does, so it serves change detection
 * @param value the value (a SecureString decrypted; a StringList comma-separated)
 */
public record ParameterValue(String name, String arn, String type, long version, String value) {

    /** Checks that name and value are present. */
    public ParameterValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        arn = arn == null ? "" : arn;
        type = type == null ? "" : type;
    }

    @Override
    public String toString() {
        return "ParameterValue[" + name + " version " + version + " " + type + ", value redacted]";
    }
}
