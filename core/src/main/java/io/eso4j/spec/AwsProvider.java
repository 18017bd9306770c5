package io.eso4j.spec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * ESO {@code spec.provider.aws} of a SecretStore or ClusterSecretStore.
 *
 * @param service {@code SecretsManager} (the only one eso4j reads)
 * @param region the AWS region, required
 * @param role role assumed last, with {@code externalID}, {@code sessionTags} and {@code transitiveTagKeys}; may be empty
 * @param additionalRoles roles assumed in order before {@code role}, without external id or tags
 * @param externalId sent as {@code ExternalId} on the AssumeRole for {@code role}
 * @param sessionTags session tags on the AssumeRole for {@code role} when {@code sessionTagsPolicy} is {@code None}
 * @param transitiveTagKeys transitive tag keys on the AssumeRole for {@code role}
 * @param prefix prepended verbatim to every remote key
 * @param auth how base credentials are obtained
 * @param sessionTagsPolicy which session tags the AssumeRole for {@code role} carries; default
 *     {@link SessionTagsPolicy#NONE}
 * @param customSessionTags the extra tags of {@link SessionTagsPolicy#CUSTOM}, kept sorted by key; empty by default
 */
public record AwsProvider(
        AwsService service,
        String region,
        String role,
        List<String> additionalRoles,
        String externalId,
        List<Tag> sessionTags,
        List<String> transitiveTagKeys,
        String prefix,
        AwsAuthSpec auth,
        SessionTagsPolicy sessionTagsPolicy,
        Map<String, String> customSessionTags) {

    /** The tag keys ESO adds under {@code Simple} and {@code Custom}, which {@code customSessionTags} may not use. */
    public static final List<String> RESERVED_SESSION_TAG_KEYS =
            List.of("esoNamespace", "esoStoreName", "esoStoreKind");

    /** Defaults and copies. */
    public AwsProvider {
        service = Objects.requireNonNullElse(service, AwsService.SECRETS_MANAGER);
        region = Specs.text(region);
        role = Specs.text(role);
        additionalRoles = Specs.list(additionalRoles);
        externalId = Specs.text(externalId);
        sessionTags = Specs.list(sessionTags);
        transitiveTagKeys = Specs.list(transitiveTagKeys);
        prefix = Specs.text(prefix);
        auth = Objects.requireNonNullElse(auth, AwsAuthSpec.DEFAULT_CHAIN);
        sessionTagsPolicy = Objects.requireNonNullElse(sessionTagsPolicy, SessionTagsPolicy.NONE);
        customSessionTags = customSessionTags == null || customSessionTags.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(customSessionTags));
    }

    /** A provider with {@code sessionTagsPolicy: None} (the form before ESO had the policy). */
    public AwsProvider(
            AwsService service,
            String region,
            String role,
            List<String> additionalRoles,
            String externalId,
            List<Tag> sessionTags,
            List<String> transitiveTagKeys,
            String prefix,
            AwsAuthSpec auth) {
        this(
                service,
                region,
                role,
                additionalRoles,
                externalId,
                sessionTags,
                transitiveTagKeys,
                prefix,
                auth,
                SessionTagsPolicy.NONE,
                Map.of());
    }

    /**
     * The session tags the AssumeRole for {@code role} sends when {@code store} is used from {@code namespace}, as
     * ESO's {@code buildSessionTags} ({@code providers/v1/aws/provider.go}) makes them: {@code sessionTags} under
     * {@code None}; otherwise {@code customSessionTags} (under {@code Custom}, without empty keys or values) with
     * {@code esoNamespace}, {@code esoStoreName} and {@code esoStoreKind} set over them. ESO's order is a Go map's;
     * eso4j's is by key.
     *
     * @param storeName the store's {@code metadata.name}
     * @param storeKind {@code SecretStore} or {@code ClusterSecretStore}
     * @param namespace the ExternalSecret's namespace
     */
    public List<Tag> sessionTagsFor(String storeName, String storeKind, String namespace) {
        if (sessionTagsPolicy == SessionTagsPolicy.NONE) {
            return sessionTags;
        }
        Map<String, String> tags = new TreeMap<>();
        if (sessionTagsPolicy == SessionTagsPolicy.CUSTOM) {
            customSessionTags.forEach((key, value) -> {
                if (!key.isEmpty() && value != null && !value.isEmpty()) {
                    tags.put(key, value);
                }
            });
        }
        tags.put("esoNamespace", namespace);
        tags.put("esoStoreName", storeName);
        tags.put("esoStoreKind", storeKind);
        return tags.entrySet().stream()
                .map(e -> new Tag(e.getKey(), e.getValue()))
                .toList();
    }
}
