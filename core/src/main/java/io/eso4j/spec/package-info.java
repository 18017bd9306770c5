/**
 * The ESO spec model: immutable records for {@code SecretStore}, {@code ClusterSecretStore} and
 * {@code ExternalSecret} (AWS Secrets Manager provider), in ESO's own terms.
 *
 * <p>Records normalise absent values to ESO's defaults (empty strings, empty lists, the default enum constant) so
 * code that reads them never checks for {@code null} except where the spec makes absence meaningful
 * ({@code secretStoreRef}, {@code storeRef}, {@code template}, {@code extract}/{@code find}). They do not judge the
 * values: that is the validator's job, which reports every problem with its file, document and field path.
 *
 * <p>Entry points: {@link io.eso4j.spec.Manifests} loads {@code external-secrets.io/v1} and {@code v1beta1}
 * manifests (files, strings, streams) and resolves store references; {@link io.eso4j.spec.SpecValidator} checks
 * records built in code; {@code ExternalSecret.builder()} and {@code SecretStore.builder()} build validated
 * records; {@link io.eso4j.spec.GoDuration} parses Go durations; {@link io.eso4j.spec.GoRegexp} compiles and runs
 * Go regexps (RE2 on RE2/J), for the validator and the mapping engine alike. Parsing engines are package-private.
 * Names are checked with Kubernetes' rules (RFC 1123 subdomains for object and Secret names, labels for namespaces,
 * {@code [-._a-zA-Z0-9]+} for keys), and manifest sources are bounded (see {@link io.eso4j.spec.Manifests}).
 */
package io.eso4j.spec;
