/**
 * AWS Systems Manager Parameter Store access with ESO's semantics (ESO's
 * {@code providers/v1/aws/parameterstore/parameterstore.go}): store prefix, {@code name:version} / {@code name:label}
 * notation, tags through {@code ListTagsForResource}, {@code find} by path ({@code GetParametersByPath}, with ESO's
 * {@code DescribeParameters} fallback) and by tags, and ESO's error texts. Unlike ESO, values are read with
 * {@code GetParameters} in parallel chunks of ten, deduplicated, and each value carries its version number for
 * change detection.
 *
 * <p>{@link io.eso4j.provider.aws.ssm.ParameterStoreProvider} is the {@link io.eso4j.provider.SecretsProvider} the
 * engine uses for {@code spec.provider.aws.service: ParameterStore}.
 */
package io.eso4j.provider.aws.ssm;
