/**
 * A Go {@code text/template} engine with ESO's whole template function map: Go's built-ins, ESO's helpers
 * ({@code runtime/template/v2/template.go}) and ESO's vendored Sprig ({@code runtime/template/v2/sprig}, without
 * {@code env}, {@code expandenv}, {@code getHostByName}). Entry point: {@link io.eso4j.mapping.template.GoTemplate}.
 * The checked-in list {@code eso-function-names.txt} (245 names, taken from ESO's source) is enumerated by a test.
 *
 * <p>Execution follows ESO: option {@code missingkey=error}, and the data context ({@code .} and {@code $}) is a
 * {@code map[string]string} of secret key to value, so keys containing {@code .} or {@code -} need
 * {@code index . "a.b"}. Values are Go strings: bytes, carried losslessly ({@link
 * io.eso4j.mapping.template.GoBytes}), so binary secrets pass through {@code b64dec}, {@code pkcs12key} or a rendered
 * value byte for byte.
 *
 * <h2>Syntax and actions</h2>
 *
 * <ul>
 *   <li>Text and actions {@code {{ }}}; trim markers {@code {{- } and {@code -}}}; comments.
 *   <li>Operands: {@code .}, fields {@code .a.b} on maps (and Sprig's {@code certificate} fields {@code .Cert}
 *       {@code .Key}), {@code $}, variables, parenthesised pipelines with fields, string/raw/character/number
 *       constants, {@code true}, {@code false}, {@code nil}; pipelines; {@code $x :=} / {@code $x =}.
 *   <li>{@code if}/{@code else if}/{@code else}, {@code with}/{@code else with}, {@code range} over lists, maps
 *       (sorted keys) and integers, {@code break}, {@code continue}, {@code define}, {@code template}, {@code block}
 *       (a fresh variable scope; Go's "multiple definition" rule), with Go's parse and execution error texts.
 * </ul>
 *
 * <p>Rejected: custom delimiters, method calls (a field given arguments, such as {@code (semver "1.2.3").Compare};
 * the three Sprig vectors that use it are pending in {@code conformance/template-vectors.json}), complex numbers.
 *
 * <p>Conformance: {@code conformance/template-vectors.json} holds 320 cases from Sprig's and ESO's own Go tests
 * ({@code runtime/template/v2/template_test.go}), run end to end by core's golden test.
 *
 * <h2>Functions by group</h2>
 *
 * <ul>
 *   <li><b>Go built-ins</b>: {@code and or not index len print printf println eq ne lt le gt ge html js urlquery
 *       call}; {@code slice} is Sprig's (it replaces Go's in ESO's map). {@code call} reports Go's non-function error
 *       (template data holds no functions).
 *   <li><b>ESO</b>: {@code filterPEM filterCertChain certSANs jwkPublicKeyPem jwkPrivateKeyPem rsaDecrypt toYaml
 *       fromYaml} in core (JDK, byte-exact on ESO's tests); {@code pkcs12key pkcs12keyPass pkcs12cert
 *       pkcs12certPass pemToPkcs12 pemToPkcs12Pass fullPemToPkcs12 fullPemToPkcs12Pass pemTruststoreToPKCS12
 *       pemTruststoreToPKCS12Pass} from {@code eso4j-template-crypto}.
 *   <li><b>Strings</b>: {@code abbrev abbrevboth trunc trim upper lower title untitle substr repeat trimall trimAll
 *       trimSuffix trimPrefix nospace initials swapcase shuffle snakecase camelcase kebabcase wrap wrapWith contains
 *       hasPrefix hasSuffix quote squote cat indent nindent replace plural toString split splitList splitn
 *       toStrings join sortAlpha hello}.
 *   <li><b>Numbers</b>: {@code atoi int64 int float64 seq toDecimal until untilStep add1 add sub div mod mul randInt
 *       add1f addf subf divf mulf biggest max min maxf minf ceil floor round}.
 *   <li><b>Dates</b> (Go layouts such as {@code 2006-01-02T15:04:05Z07:00}): {@code now date dateInZone
 *       date_in_zone dateModify date_modify mustDateModify must_date_modify ago duration durationRound htmlDate
 *       htmlDateInZone toDate mustToDate unixEpoch}.
 *   <li><b>Defaults and JSON</b>: {@code default empty coalesce all any compact mustCompact fromJson toJson
 *       toPrettyJson toRawJson mustFromJson mustToJson mustToPrettyJson mustToRawJson ternary deepCopy
 *       mustDeepCopy required fail}.
 *   <li><b>Reflection</b>: {@code typeOf typeIs typeIsLike kindOf kindIs deepEqual}. <b>Paths</b>: {@code base dir
 *       clean ext isAbs osBase osClean osDir osExt osIsAbs} (ESO runs on Linux: {@code os*} are the same).
 *       <b>Encodings</b>: {@code b64enc b64dec b32enc b32dec hexdec}. <b>URLs</b>: {@code urlParse urlJoin}.
 *   <li><b>Lists and dicts</b>: {@code list tuple dict get set unset hasKey pluck keys pick omit merge
 *       mergeOverwrite mustMerge mustMergeOverwrite values append push mustAppend mustPush prepend mustPrepend first
 *       mustFirst rest mustRest last mustLast initial mustInitial reverse mustReverse uniq mustUniq without
 *       mustWithout has mustHas slice mustSlice concat dig chunk mustChunk}.
 *   <li><b>Regular expressions</b> on RE2/J (Go's RE2 syntax, linear time): {@code regexMatch regexFindAll
 *       regexFind regexReplaceAll regexReplaceAllLiteral regexSplit} and their {@code must} forms,
 *       {@code regexQuoteMeta}; Go's empty-match rules and {@code $1}/{@code ${name}} expansion.
 *   <li><b>Crypto and random</b>: {@code sha1sum sha256sum sha512sum adler32sum encryptAES decryptAES randBytes
 *       randAlphaNum randAlpha randAscii randNumeric uuidv4} in core; {@code bcrypt htpasswd derivePassword
 *       genPrivateKey buildCustomCert genCA genCAWithKey genSelfSignedCert genSelfSignedCertWithKey genSignedCert
 *       genSignedCertWithKey} from {@code eso4j-template-crypto}. Without that artifact, a template naming one of
 *       its functions fails to parse with a message naming the artifact.
 *   <li><b>Semver</b> (Masterminds v3 rules): {@code semver semverCompare}; a version has the fields {@code Major
 *       Minor Patch Prerelease Metadata Original}. {@code required} is an eso4j extension (Helm's), not in ESO's
 *       map.
 * </ul>
 *
 * <h2>Limits</h2>
 *
 * <ul>
 *   <li>Nesting of blocks and parentheses: 100 levels; nested {@code template} calls: 100.
 *   <li>Execution: 1,000,000 steps; producing values costs a step per 256 characters or list elements.
 *   <li>One intermediate value (a function result): 16 Mi characters; arguments of one call: 64 Mi characters; a
 *       list built by a function: 1,000,000 elements; rendered output: 64 Mi characters. Exceeding a limit is a
 *       clean error naming the function, never an {@code OutOfMemoryError}.
 * </ul>
 *
 * <h2>Differences from ESO</h2>
 *
 * <ul>
 *   <li>Random and time-dependent functions ({@code now}, {@code ago}, {@code rand*}, {@code uuidv4},
 *       {@code randBytes}, {@code encryptAES}, {@code bcrypt}, {@code htpasswd} with bcrypt, {@code genPrivateKey},
 *       {@code gen*Cert*}, the {@code *ToPkcs12*} salts) are tested by property (format, length, validity, the key
 *       pair matches) and cannot equal ESO's bytes.
 *   <li>What {@code now} means for change detection: ESO renders at each reconcile, which its refresh interval
 *       gates ({@code shouldRefresh}; the Secret update it writes is seen, but the data-hash matches, so it does
 *       not reconcile again): a template calling {@code now} changes the Secret once per refresh interval, no
 *       storm. eso4j renders an ExternalSecret again only when a remote version it reads changes (or on every
 *       refresh when its data cannot be pinned by versions: {@code find}, {@code metadataPolicy: Fetch}, or
 *       template sources read from the cluster), so {@code now} is the time of the refresh that first saw the
 *       current data; a change event (and a Kubernetes write, which the data-hash gates) happens at most once per
 *       refresh interval per ExternalSecret, and listeners' mailboxes are bounded and coalesce. Keep such
 *       templates off short refresh intervals.
 *   <li>Template errors carry ESO's wrappers ({@code could not execute template: ... unable to execute template at
 *       key K: ...}, {@code error fetching templateFrom data: ...}), but a {@code KeysAndValues} template (a
 *       {@code literal}, or an item with {@code templateAs: KeysAndValues}) is named by its field path where ESO
 *       uses its whole text, which can embed secrets. eso4j's execution error column counts from 1; Go's from 0.
 *   <li>Go's "Local" zone is UTC (ESO's images have no zone data); {@code time.Time} prints without Go's monotonic
 *       clock suffix.
 *   <li>Sprig's {@code int64} results ({@code add}, {@code int64}, ...) are Go {@code int} here: {@code typeOf}
 *       says {@code int}, and passing them to an {@code int} parameter works where Go would report a type error.
 *   <li>{@code snakecase}, {@code kebabcase} and {@code camelcase} follow xstrings' word splitting for ASCII words;
 *       unusual mixes of digits and capitals may split differently.
 *   <li>{@code mustFromJson} does not quote the offending character (it is secret data); messages of {@code fail}
 *       and {@code required} are shown only when they are template constants.
 * </ul>
 */
package io.eso4j.mapping.template;
