package io.eso4j.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** This ExternalSecret's namespace and name. */
    public ExternalSecretId id() {
        return ExternalSecretId.of(namespace, name);
    }

    /** A builder for ExternalSecrets built in code; every option starts at ESO's default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this ExternalSecret. */
    public Builder toBuilder() {
        Builder builder = new Builder()
                .name(name)
                .namespace(namespace)
                .labels(labels)
                .annotations(annotations)
                .refreshInterval(refreshInterval)
                .refreshPolicy(refreshPolicy)
                .secretStoreRef(secretStoreRef)
                .target(target);
        data.forEach(builder::data);
        dataFrom.forEach(builder::dataFrom);
        return builder;
    }

    /**
     * Fluent builder of {@link ExternalSecret}. {@link #build()} validates with {@link SpecValidator} and throws
     * {@link io.eso4j.InvalidSpecException} listing every problem; {@code null} arguments are programming errors
     * ({@link NullPointerException}). Not thread-safe.
     */
    public static final class Builder {

        private String name = "";
        private String namespace = "";
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
        private RefreshPolicy refreshPolicy = RefreshPolicy.PERIODIC;
        private SecretStoreRef secretStoreRef;
        private Target target = Target.DEFAULT;
        private final List<ExternalSecretData> data = new ArrayList<>();
        private final List<DataFrom> dataFrom = new ArrayList<>();

        private Builder() {}

        /** {@code metadata.name}, required. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** {@code metadata.namespace}; default empty. */
        public Builder namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            labels.forEach(this::label);
            return this;
        }

        public Builder annotation(String key, String value) {
            annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder annotations(Map<String, String> annotations) {
            annotations.forEach(this::annotation);
            return this;
        }

        /** {@code spec.refreshInterval}; default one hour, zero fetches once. */
        public Builder refreshInterval(Duration refreshInterval) {
            this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
            return this;
        }

        /** {@code spec.refreshInterval} as a Go duration such as {@code 1h30m}. */
        public Builder refreshInterval(String goDuration) {
            return refreshInterval(GoDuration.parse(Objects.requireNonNull(goDuration, "goDuration")));
        }

        /** {@code spec.refreshPolicy}; default {@link RefreshPolicy#PERIODIC}. */
        public Builder refreshPolicy(RefreshPolicy refreshPolicy) {
            this.refreshPolicy = Objects.requireNonNull(refreshPolicy, "refreshPolicy");
            return this;
        }

        /** {@code spec.secretStoreRef}; {@code null} when every entry names its own store. */
        public Builder secretStoreRef(SecretStoreRef secretStoreRef) {
            this.secretStoreRef = secretStoreRef;
            return this;
        }

        /** Reads from the namespaced SecretStore {@code storeName}. */
        public Builder secretStore(String storeName) {
            return secretStoreRef(new SecretStoreRef(storeName, StoreKind.SECRET_STORE));
        }

        /** Reads from the ClusterSecretStore {@code storeName}. */
        public Builder clusterSecretStore(String storeName) {
            return secretStoreRef(new SecretStoreRef(storeName, StoreKind.CLUSTER_SECRET_STORE));
        }

        /** {@code spec.target}; default {@link Target#DEFAULT}. */
        public Builder target(Target target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /** Adds a {@code spec.data[]} entry. */
        public Builder data(ExternalSecretData entry) {
            data.add(Objects.requireNonNull(entry, "entry"));
            return this;
        }

        /** Adds a {@code spec.data[]} entry: the value at {@code remoteRef} becomes {@code secretKey}. */
        public Builder data(String secretKey, RemoteRef remoteRef) {
            return data(ExternalSecretData.of(secretKey, remoteRef));
        }

        /** Adds a {@code spec.data[]} entry for the current value of the remote secret {@code remoteKey}. */
        public Builder data(String secretKey, String remoteKey) {
            return data(secretKey, RemoteRef.of(remoteKey));
        }

        /** Adds a {@code spec.dataFrom[]} entry. */
        public Builder dataFrom(DataFrom entry) {
            dataFrom.add(Objects.requireNonNull(entry, "entry"));
            return this;
        }

        /** Adds a {@code spec.dataFrom[].extract} entry for the current value of {@code remoteKey}. */
        public Builder extract(String remoteKey) {
            return dataFrom(DataFrom.extract(RemoteRef.of(remoteKey)));
        }

        /**
         * The ExternalSecret, validated.
         *
         * @throws io.eso4j.InvalidSpecException listing every problem
         */
        public ExternalSecret build() {
            ExternalSecret externalSecret = new ExternalSecret(
                    name,
                    namespace,
                    labels,
                    annotations,
                    refreshInterval,
                    refreshPolicy,
                    secretStoreRef,
                    target,
                    data,
                    dataFrom);
            SpecValidator.validate(externalSecret);
            return externalSecret;
        }
    }
}
