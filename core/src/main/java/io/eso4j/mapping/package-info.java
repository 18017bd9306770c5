/**
 * ESO's post-fetch pipeline as pure functions: property paths (gjson), {@code extract}, {@code find}, metadata,
 * decoding, key conversion, rewrites, key validation and templating, in ESO's order, with ESO's error texts.
 *
 * <p>The entry point is {@link io.eso4j.mapping.SecretMapper}; it reads remote data through
 * {@link io.eso4j.mapping.RemoteSecrets} and renders templates through {@link io.eso4j.mapping.TemplateRenderer},
 * and produces a {@link io.eso4j.mapping.MappedSecret}. No I/O happens in this package. Go-specific behaviours are
 * reproduced where a naive Java port would differ: padded-only base64 that skips CR/LF, Go's {@code $name}
 * expansion and RE2 syntax in regexp rewrites and {@code find.name.regexp} (on RE2/J, through
 * {@link io.eso4j.spec.GoRegexp}: Go's syntax and errors, linear-time matching), gjson's number rendering and its
 * bounded wildcard matching, Go's JSON encoding.
 */
package io.eso4j.mapping;
