package io.eso4j.integration;

import io.eso4j.ExternalSecrets;
import io.eso4j.SecretMappingException;
import io.eso4j.SecretsException;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.ExternalSecretId;
import io.eso4j.spec.Manifests;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Resolves the {@code eso:} import items queued together in one {@link ExternalSecrets} (one plan, batched and
 * parallel calls), although a framework asks for them one at a time, and decides each item's outcome:
 *
 * <ul>
 *   <li>the manifests of every item, plus the {@link ShortForm} stores and ExternalSecrets for short-form items
 *       ({@code eso:aws:} and {@code eso:aws-parameterstore:}), are
 *       validated as one set ({@link Manifests#builder()}; nothing is serialised to text);
 *   <li>when that set is invalid and some items are {@code optional:}, the optional ones are dropped (each gets the
 *       failure) and the others are tried again alone; if they are still invalid, each gets that failure;
 *   <li>an {@code eso:aws:} item whose value is not a JSON object (ESO's {@code unable to unmarshal secret}) is read
 *       again as plain text under the last path segment of its id, as Spring Cloud AWS's {@code aws-secretsmanager:}
 *       import does ({@link ShortForm#plainTextExternalSecret}); the batch is then built a second time;
 *   <li>an item's ExternalSecrets are those its sources hold ({@link Manifests#externalSecretsOf(String)}); it fails
 *       with the first failure among them ({@link ExternalSecrets#failure}).
 * </ul>
 *
 * <p>Stateless; the caller keeps the results. Never prints a secret value: failures are eso4j's own exceptions.
 */
public final class ImportBatch {

    private ImportBatch() {}

    /**
     * The outcome of one item.
     *
     * @param secrets the instance resolved for the batch, or {@code null} when nothing was built
     * @param externalSecrets the ids of the item's ExternalSecrets, in manifest order; empty when the batch failed
     *     before building
     * @param failure why the item has no (or not all) values, or {@code null}; the caller decides what an optional
     *     item's failure means
     */
    public record Result(ExternalSecrets secrets, List<ExternalSecretId> externalSecrets, RuntimeException failure) {

        public Result {
            externalSecrets = List.copyOf(externalSecrets);
        }

        static Result failed(RuntimeException failure) {
            return new Result(null, List.of(), failure);
        }
    }

    /**
     * Resolves {@code batch} together.
     *
     * @param shortForm the short form's store settings, asked only when an item is of the short form
     * @param build builds the instance from the manifests (the caller adds key resolvers, auth, listeners, …); it
     *     should not fail on an ExternalSecret's error ({@code failOnError(false)}) so the other items keep theirs
     * @param warn receives the manifests' warnings and the note when optional items are dropped
     * @return every item of {@code batch} to its result, in batch order
     */
    public static Map<EsoImport, Result> resolve(
            List<EsoImport> batch,
            Supplier<ShortForm> shortForm,
            Function<Manifests, ExternalSecrets> build,
            Consumer<String> warn) {
        return resolve(batch, shortForm, build, ExternalSecrets::close, warn);
    }

    /**
     * Resolves {@code batch} together, as {@link #resolve(List, Supplier, Function, Consumer)}; an {@code eso:aws:}
     * item whose value is not a JSON object is read again as plain text (see {@link ShortForm#plainTextExternalSecret})
     * in a second instance, and the first one, which no item then uses, is given to {@code discard}.
     *
     * @param discard closes an instance {@code build} made that no result holds (the caller also forgets it)
     */
    public static Map<EsoImport, Result> resolve(
            List<EsoImport> batch,
            Supplier<ShortForm> shortForm,
            Function<Manifests, ExternalSecrets> build,
            Consumer<ExternalSecrets> discard,
            Consumer<String> warn) {
        Objects.requireNonNull(shortForm, "shortForm");
        Objects.requireNonNull(discard, "discard");
        Map<EsoImport, Result> results = new LinkedHashMap<>();
        List<EsoImport> included = new ArrayList<>(batch);
        Manifests manifests;
        try {
            manifests = manifests(included, shortForm);
        } catch (RuntimeException e) {
            included.removeIf(EsoImport::optional);
            if (included.size() == batch.size() || included.isEmpty()) {
                batch.forEach(item -> results.put(item, Result.failed(e)));
                return results;
            }
            warn.accept("optional eso: imports skipped, their manifests are invalid: " + e.getMessage());
            batch.stream().filter(EsoImport::optional).forEach(item -> results.put(item, Result.failed(e)));
            try {
                manifests = manifests(included, shortForm);
            } catch (RuntimeException again) {
                included.forEach(item -> results.put(item, Result.failed(again)));
                return ordered(batch, results);
            }
        }
        manifests.warnings().forEach(warn);
        if (!build(included, manifests, build, results)) {
            return ordered(batch, results);
        }
        Set<String> plainText = plainText(included, results);
        if (!plainText.isEmpty()) {
            // Spring Cloud AWS's aws-secretsmanager: maps a value that is not a JSON object to the last path segment
            // of the id; ESO's dataFrom.extract cannot, so those short-form items are read again with a data[] entry
            Manifests again;
            try {
                again = manifests(included, shortForm, plainText);
            } catch (RuntimeException e) {
                return ordered(batch, results); // e.g. a last segment that is no valid Secret key: keep the failure
            }
            results.values().stream()
                    .map(Result::secrets)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .ifPresent(discard);
            build(included, again, build, results);
        }
        return ordered(batch, results);
    }

    /** Builds {@code manifests} and puts each included item's result; false when building failed. */
    private static boolean build(
            List<EsoImport> included,
            Manifests manifests,
            Function<Manifests, ExternalSecrets> build,
            Map<EsoImport, Result> results) {
        ExternalSecrets secrets;
        try {
            secrets = build.apply(manifests);
        } catch (RuntimeException e) {
            included.forEach(item -> results.put(item, Result.failed(e)));
            return false;
        }
        for (EsoImport item : included) {
            List<ExternalSecretId> ids = externalSecretsOf(item, manifests);
            SecretsException failure = null;
            for (ExternalSecretId id : ids) {
                failure = secrets.failure(id).orElse(null);
                if (failure != null) {
                    break;
                }
            }
            results.put(item, new Result(secrets, ids, failure));
        }
        return true;
    }

    /**
     * The secret ids of the {@code eso:aws:} items that failed because their value is not a JSON object (ESO's
     * {@code unable to unmarshal secret}, pkg/utils: JSON into {@code map[string]json.RawMessage}).
     */
    private static Set<String> plainText(List<EsoImport> included, Map<EsoImport, Result> results) {
        Set<String> ids = new LinkedHashSet<>();
        for (EsoImport item : included) {
            if (item.isShortForm() && notJsonObject(results.get(item).failure())) {
                ids.add(item.awsSecretId());
            }
        }
        return ids;
    }

    private static boolean notJsonObject(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SecretMappingException
                    && t.getMessage() != null
                    && t.getMessage().contains("unable to unmarshal secret")) {
                return true;
            }
        }
        return false;
    }

    private static Manifests manifests(List<EsoImport> items, Supplier<ShortForm> shortForm) {
        return manifests(items, shortForm, Set.of());
    }

    private static Manifests manifests(List<EsoImport> items, Supplier<ShortForm> shortForm, Set<String> plainText) {
        Manifests.Builder builder = Manifests.builder();
        ShortForm store = null;
        Set<String> added = new HashSet<>(); // items may share a file or a secret id: each is read once
        boolean parameterStore = false;
        for (EsoImport item : items) {
            if (item.isParameterStoreShortForm()) {
                if (store == null) {
                    store = shortForm.get();
                }
                parameterStore = true;
                if (added.add(item.location())) {
                    builder.externalSecret(store.parameterStoreExternalSecret(item.parameterPath()));
                }
            } else if (item.isShortForm()) {
                if (store == null) {
                    store = shortForm.get();
                }
                if (added.add(item.location())) {
                    builder.externalSecret(
                            plainText.contains(item.awsSecretId())
                                    ? store.plainTextExternalSecret(item.awsSecretId())
                                    : store.externalSecret(item.awsSecretId()));
                }
            } else {
                item.manifests().forEach((source, text) -> {
                    if (added.add(source)) {
                        builder.parse(source, text);
                    }
                });
            }
        }
        if (store != null && items.stream().anyMatch(EsoImport::isShortForm)) {
            builder.store(store.store());
        }
        if (store != null && parameterStore) {
            builder.store(store.parameterStore());
        }
        return builder.build();
    }

    private static List<ExternalSecretId> externalSecretsOf(EsoImport item, Manifests manifests) {
        if (item.isShortForm()) {
            return List.of(ExternalSecretId.of("", ShortForm.name(item.awsSecretId())));
        }
        if (item.isParameterStoreShortForm()) {
            return List.of(ExternalSecretId.of("", ShortForm.parameterStoreName(item.parameterPath())));
        }
        List<ExternalSecretId> ids = new ArrayList<>();
        for (String source : item.manifests().keySet()) {
            manifests.externalSecretsOf(source).stream().map(ExternalSecret::id).forEach(ids::add);
        }
        return ids;
    }

    private static Map<EsoImport, Result> ordered(List<EsoImport> batch, Map<EsoImport, Result> results) {
        Map<EsoImport, Result> ordered = new LinkedHashMap<>();
        batch.forEach(item -> ordered.put(item, results.get(item)));
        return ordered;
    }
}
