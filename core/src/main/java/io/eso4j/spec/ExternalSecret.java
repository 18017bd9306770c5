package io.eso4j.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ESO {@code ExternalSecret}: which remote secrets to read, how to map them, and the Secret they become.
 *
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}; empty when the manifest has none
 * @param labels {@code metadata.labels}
 * @param annotations {@code metadata.annotations}
 * @param refreshInterval {@code spec.refreshInterval}; ESO's default is one hour, zero means fetch once
 * @param refreshPolicy {@code spec.refreshPolicy}
 * @param secretStoreRef {@code spec.secretStoreRef}, or {@code null} when every entry names its own store
 * @param target {@code spec.target}
 * @param data {@code spec.data}, applied after {@code dataFrom} and overriding it
 * @param dataFrom {@code spec.dataFrom}, applied in order
 */
public record ExternalSecret(
        String name,
        String namespace,
        Map<String, String> labels,
        Map<String, String> annotations,
        Duration refreshInterval,
        RefreshPolicy refreshPolicy,
        SecretStoreRef secretStoreRef,
        Target target,
        List<ExternalSecretData> data,
        List<DataFrom> dataFrom) {

    /** ESO's CRD default for {@code spec.refreshInterval}. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofHours(1);

    public ExternalSecret {
        name = Specs.text(name);
        namespace = Specs.text(namespace);
        labels = Specs.map(labels);
        annotations = Specs.map(annotations);
        refreshInterval = Objects.requireNonNullElse(refreshInterval, DEFAULT_REFRESH_INTERVAL);
        refreshPolicy = Objects.requireNonNullElse(refreshPolicy, RefreshPolicy.PERIODIC);
        target = Objects.requireNonNullElse(target, Target.DEFAULT);
        data = Specs.list(data);
        dataFrom = Specs.list(dataFrom);
    }

    /** The target Secret's name: {@code spec.target.name}, or this ExternalSecret's name. */
    public String targetName() {
        return target.name().isEmpty() ? name : target.name();
    }
}
