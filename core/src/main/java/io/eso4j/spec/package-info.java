/**
 * The ESO spec model: immutable records for {@code SecretStore}, {@code ClusterSecretStore} and
 * {@code ExternalSecret} (AWS Secrets Manager provider), in ESO's own terms.
 *
 * <p>Records normalise absent values to ESO's defaults (empty strings, empty lists, the default enum constant) so
 * code that reads them never checks for {@code null} except where the spec makes absence meaningful
 * ({@code secretStoreRef}, {@code storeRef}, {@code template}, {@code extract}/{@code find}). They do not judge the
 * values: that is the validator's job, which reports every problem with its file, document and field path.
 */
package io.eso4j.spec;
