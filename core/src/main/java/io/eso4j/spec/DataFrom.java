package io.eso4j.spec;

import java.util.List;

/**
 * One {@code spec.dataFrom[]} entry: exactly one of {@code extract}, {@code find} or {@code sourceRef.generatorRef},
 * then its {@code rewrite}s.
 *
 * @param extract the secret whose top-level JSON members become keys, or {@code null}
 * @param find the secrets to discover, or {@code null}
 * @param rewrite key rewrites applied in order; when present, {@code conversionStrategy} is skipped (as in ESO)
 * @param storeRef the entry's {@code sourceRef.storeRef}, or {@code null} for the ExternalSecret's store
 * @param generatorRef the entry's {@code sourceRef.generatorRef}, or {@code null}
 */
public record DataFrom(
        RemoteRef extract, Find find, List<Rewrite> rewrite, SecretStoreRef storeRef, GeneratorRef generatorRef) {

    public DataFrom {
        rewrite = Specs.list(rewrite);
    }

    /** An entry without a generator. */
    public DataFrom(RemoteRef extract, Find find, List<Rewrite> rewrite, SecretStoreRef storeRef) {
        this(extract, find, rewrite, storeRef, null);
    }

    /** An entry whose keys are what {@code generatorRef}'s generator returns. */
    public static DataFrom generator(GeneratorRef generatorRef) {
        return new DataFrom(null, null, List.of(), null, generatorRef);
    }

    public static DataFrom extract(RemoteRef extract) {
        return new DataFrom(extract, null, List.of(), null);
    }

    public static DataFrom find(Find find) {
        return new DataFrom(null, find, List.of(), null);
    }
}
