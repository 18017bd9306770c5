package io.eso4j.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code SecretStore} or {@code ClusterSecretStore} with an AWS provider.
 *
 * @param kind which of the two kinds
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}; empty for a ClusterSecretStore
 * @param aws {@code spec.provider.aws}
 * @param retrySettings {@code spec.retrySettings}, or {@code null} for the SDK's defaults
 * @param conditions a ClusterSecretStore's {@code spec.conditions}: the namespaces that may use it (any condition
 *     allowing is enough); empty means every namespace
 */
public record SecretStore(
        StoreKind kind,
        String name,
        String namespace,
        AwsProvider aws,
        RetrySettings retrySettings,
        List<StoreCondition> conditions) {

    /** A store without conditions. */
    public SecretStore(StoreKind kind, String name, String namespace, AwsProvider aws, RetrySettings retrySettings) {
        this(kind, name, namespace, aws, retrySettings, List.of());
    }

    /**
     * Whether an ExternalSecret in namespace {@code name} with these namespace {@code labels} may use this store
     * (ESO's {@code shouldProcessSecret}): always for a SecretStore or without conditions.
     */
    public boolean allowsNamespace(String name, Map<String, String> labels) {
        if (kind != StoreKind.CLUSTER_SECRET_STORE || conditions.isEmpty()) {
            return true;
        }
        Map<String, String> withName = new java.util.HashMap<>(labels);
        withName.putIfAbsent(StoreCondition.NAME_LABEL, name);
        return conditions.stream().anyMatch(condition -> condition.allows(name, withName));
    }

    /** Defaults and copies. */
    public SecretStore {
        kind = Objects.requireNonNullElse(kind, StoreKind.SECRET_STORE);
        name = Specs.text(name);
        namespace = Specs.text(namespace);
        Objects.requireNonNull(aws, "aws");
        conditions = Specs.list(conditions);
    }

    /** The reference an ExternalSecret uses to name this store. */
    public SecretStoreRef ref() {
        return new SecretStoreRef(name, kind);
    }

    /** A builder for stores built in code; a namespaced {@code SecretStore} for Secrets Manager by default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fluent builder of {@link SecretStore} with an AWS provider. {@link #build()} validates with
     * {@link SpecValidator} and throws {@link io.eso4j.InvalidSpecException} listing every problem; {@code null}
     * arguments are programming errors ({@link NullPointerException}). Not thread-safe.
     */
    public static final class Builder {

        private StoreKind kind = StoreKind.SECRET_STORE;
        private String name = "";
        private String namespace = "";
        private AwsService service = AwsService.SECRETS_MANAGER;
        private String region = "";
        private String role = "";
        private final List<String> additionalRoles = new ArrayList<>();
        private String externalId = "";
        private final List<Tag> sessionTags = new ArrayList<>();
        private final List<String> transitiveTagKeys = new ArrayList<>();
        private String prefix = "";
        private AwsAuthSpec auth = AwsAuthSpec.DEFAULT_CHAIN;
        private RetrySettings retrySettings;
        private SessionTagsPolicy sessionTagsPolicy = SessionTagsPolicy.NONE;
        private final java.util.Map<String, String> customSessionTags = new java.util.LinkedHashMap<>();

        private Builder() {}

        /** {@code SecretStore} (default) or {@code ClusterSecretStore}. */
        public Builder kind(StoreKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            return this;
        }

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

        /** {@code provider.aws.service}; default {@code SecretsManager}, the only one eso4j reads. */
        public Builder service(AwsService service) {
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /** {@code provider.aws.region}, required. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** {@code provider.aws.role}: the role assumed last; default none. */
        public Builder role(String roleArn) {
            this.role = Objects.requireNonNull(roleArn, "roleArn");
            return this;
        }

        /** Adds a role to {@code provider.aws.additionalRoles}, assumed in order before {@code role}. */
        public Builder additionalRole(String roleArn) {
            additionalRoles.add(Objects.requireNonNull(roleArn, "roleArn"));
            return this;
        }

        /** {@code provider.aws.externalID}; default none. */
        public Builder externalId(String externalId) {
            this.externalId = Objects.requireNonNull(externalId, "externalId");
            return this;
        }

        /** Adds a session tag for the AssumeRole of {@code role}. */
        public Builder sessionTag(String key, String value) {
            sessionTags.add(new Tag(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
            return this;
        }

        /** {@code provider.aws.sessionTagsPolicy}; default {@link SessionTagsPolicy#NONE}. */
        public Builder sessionTagsPolicy(SessionTagsPolicy policy) {
            this.sessionTagsPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Adds a {@code provider.aws.customSessionTags} entry (used with {@link SessionTagsPolicy#CUSTOM}). */
        public Builder customSessionTag(String key, String value) {
            customSessionTags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds a transitive tag key for the AssumeRole of {@code role}. */
        public Builder transitiveTagKey(String key) {
            transitiveTagKeys.add(Objects.requireNonNull(key, "key"));
            return this;
        }

        /** {@code provider.aws.prefix}, prepended verbatim to every remote key; default none. */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** {@code provider.aws.auth}; default {@link AwsAuthSpec#DEFAULT_CHAIN}. */
        public Builder auth(AwsAuthSpec auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** {@code spec.retrySettings}; {@code null} (default) keeps the SDK's retry defaults. */
        public Builder retrySettings(Integer maxRetries, Duration retryInterval) {
            this.retrySettings = new RetrySettings(maxRetries, retryInterval);
            return this;
        }

        /**
         * The store, validated.
         *
         * @throws io.eso4j.InvalidSpecException listing every problem
         */
        public SecretStore build() {
            AwsProvider aws = new AwsProvider(
                    service,
                    region,
                    role,
                    additionalRoles,
                    externalId,
                    sessionTags,
                    transitiveTagKeys,
                    prefix,
                    auth,
                    sessionTagsPolicy,
                    customSessionTags);
            SecretStore store = new SecretStore(kind, name, namespace, aws, retrySettings);
            SpecValidator.validate(store);
            return store;
        }
    }
}
