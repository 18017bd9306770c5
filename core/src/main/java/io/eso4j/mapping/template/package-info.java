/**
 * A Go {@code text/template} engine for the subset of templates ESO manifests use, with the Sprig and ESO
 * functions listed below. Entry point: {@link io.eso4j.mapping.template.GoTemplate}.
 *
 * <p>Execution follows ESO: option {@code missingkey=error}, and the data context ({@code .} and {@code $}) is a
 * {@code map[string]string} of secret key to value, so keys containing {@code .} or {@code -} need
 * {@code index . "a.b"}. Anything outside the subset is rejected when the template is parsed, with a message naming
 * the construct (e.g. {@code function "pkcs12cert" is not supported by eso4j}); it is never rendered differently
 * from ESO.
 *
 * <h2>Syntax</h2>
 *
 * <ul>
 *   <li>Text and actions {@code {{ }}}; trim markers {@code {{- } and {@code -}}} (the dash must be next to a space);
 *       comments {@code {{/* ... *}{@code /}}}.
 *   <li>Operands: {@code .}, fields {@code .a.b} on maps, {@code $} (the root), variables {@code $x} with fields,
 *       parenthesised pipelines with fields {@code (pipeline).a}, string constants ({@code "..."} with Go escapes,
 *       raw {@code `...`}), character constants ({@code 'a'}), numbers (decimal, {@code 0x}, {@code 0o},
 *       {@code 0b}, floats with exponent), {@code true}, {@code false}, {@code nil}.
 *   <li>Pipelines {@code a | b | c}: the value of each command becomes the last argument of the next.
 *   <li>Variables: {@code $x := pipeline} declares, {@code $x = pipeline} assigns; scoped to the enclosing block.
 *   <li>{@code if}/{@code else if}/{@code else}/{@code end}, {@code with}/{@code else with}/{@code else}/{@code end}
 *       and {@code range}/{@code else}/{@code end} over lists (index, element), maps (key, element, keys in sorted
 *       order) and integers, with {@code $k, $v :=}. Truth is Go's: {@code false}, {@code 0}, nil and empty
 *       strings, lists and maps are false.
 * </ul>
 *
 * <p>Rejected: {@code define}, {@code template}, {@code block}, {@code break}, {@code continue}, custom delimiters,
 * method calls (a field or variable given arguments), complex numbers, and every function not listed here.
 *
 * <h2>Functions</h2>
 *
 * <ul>
 *   <li>Go built-ins: {@code and or not index len print printf println eq ne lt le gt ge}. {@code printf} renders
 *       like Go's {@code fmt} for {@code %s %v %d %q %x %X %f %e %g %t %c %b %o %T %%}, with flags, width and
 *       precision, and Go's {@code %!verb(type=value)} for mismatches. Floats print as Go does ({@code 1e+06}).
 *   <li>Sprig: {@code quote squote default empty coalesce upper lower title trim trimPrefix trimSuffix trimAll
 *       replace contains hasPrefix hasSuffix split splitList join b64enc b64dec toJson fromJson toString nospace
 *       indent nindent sha256sum list dict get hasKey keys fail}, with Sprig's argument order (the piped value
 *       last) and semantics: {@code default} treats empty strings, zero, false, nil and empty collections as
 *       empty; {@code b64dec} of invalid input returns Go's error text ({@code illegal base64 data at input byte
 *       N}) instead of failing; {@code toJson} escapes {@code < > &} as Go's {@code json.Marshal} does;
 *       {@code fromJson} returns nil for invalid JSON and decodes numbers as {@code float64}; {@code keys} returns
 *       keys sorted (Go's order is random).
 *   <li>ESO helpers: {@code toYaml} (go-yaml block style, sorted keys, no final newline) and {@code fromYaml}
 *       (a map; on a parse error a map with key {@code Error}).
 *   <li>eso4j extension: {@code required "msg" value} fails with {@code msg} when the value is nil or empty
 *       string. ESO's function map does not have it (it is Helm's), so templates using it do not run on ESO.
 * </ul>
 *
 * <h2>Limits and differences</h2>
 *
 * <ul>
 *   <li>Nesting of blocks and parentheses is limited to 100 levels, execution to 1,000,000 steps and 64 MiB of
 *       output; exceeding a limit is a clean error.
 *   <li>Values are Java strings, so {@code b64dec} of bytes that are not UTF-8 yields replacement characters
 *       where Go would keep raw bytes.
 *   <li>Messages of {@code fail} and {@code required} are shown only when they are a string constant of the
 *       template; computed messages are withheld because they could contain secret data.
 * </ul>
 */
package io.eso4j.mapping.template;
