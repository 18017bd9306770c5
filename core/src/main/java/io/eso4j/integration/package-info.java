/**
 * What any framework integration of eso4j needs, with no framework in it: the {@code eso:} import model and its
 * batching with the optional-import fallback ({@link io.eso4j.integration.ImportBatch}), the {@code eso:aws:} short
 * form built from spec records ({@link io.eso4j.integration.ShortForm}), settings to {@link
 * io.eso4j.auth.AuthOptions} ({@link io.eso4j.integration.StsSettings}), property naming and JSON flattening
 * ({@link io.eso4j.integration.SecretProperties}), health classification ({@link
 * io.eso4j.integration.SecretHealth}) and which setting names hold credentials ({@link
 * io.eso4j.integration.SensitiveKeys}). The Spring Boot starter is an adapter over this package; another framework
 * integration reuses it.
 *
 * <p>Depends on the facade, the spec model and auth; nothing else in core depends on it.
 */
package io.eso4j.integration;
