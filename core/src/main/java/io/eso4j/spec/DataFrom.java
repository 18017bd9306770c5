package io.eso4j.spec;

import java.util.List;

/**
 * One {@code spec.dataFrom[]} entry: exactly one of {@code extract} or {@code find}, then its {@code rewrite}s.
 *
 * @param extract the secret whose top-level JSON members become keys, or {@code null}
 * @param find the secrets to discover, or {@code null}
 * @param rewrite key rewrites applied in order; when present, {@code conversionStrategy} is skipped (as in ESO)
 * @param storeRef the entry's {@code sourceRef.storeRef}, or {@code null} for the ExternalSecret's store
 */
public record DataFrom(RemoteRef extract, Find find, List<Rewrite> rewrite, SecretStoreRef storeRef) {

    public DataFrom {
        rewrite = Specs.list(rewrite);
    }

    public static DataFrom extract(RemoteRef extract) {
        return new DataFrom(extract, null, List.of(), null);
    }

    public static DataFrom find(Find find) {
        return new DataFrom(null, find, List.of(), null);
    }
}
