/**
 * AWS Secrets Manager access with ESO's semantics: version notation, store prefix, tag metadata, {@code find}
 * through {@code ListSecrets} or {@code BatchGetSecretValue}, deduplicated requests and classified errors.
 */
package io.eso4j.provider.aws;
