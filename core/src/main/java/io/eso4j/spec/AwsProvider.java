package io.eso4j.spec;

import java.util.List;
import java.util.Objects;

/**
 * ESO {@code spec.provider.aws} of a SecretStore or ClusterSecretStore.
 *
 * @param service {@code SecretsManager} (the only one eso4j reads)
 * @param region the AWS region, required
 * @param role role assumed last, with {@code externalID}, {@code sessionTags} and {@code transitiveTagKeys}; may be empty
 * @param additionalRoles roles assumed in order before {@code role}, without external id or tags
 * @param externalId sent as {@code ExternalId} on the AssumeRole for {@code role}
 * @param sessionTags session tags on the AssumeRole for {@code role}
 * @param transitiveTagKeys transitive tag keys on the AssumeRole for {@code role}
 * @param prefix prepended verbatim to every remote key
 * @param auth how base credentials are obtained
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
        AwsAuthSpec auth) {

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
    }
}
