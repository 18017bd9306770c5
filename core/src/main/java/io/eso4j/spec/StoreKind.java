package io.eso4j.spec;

/** Kind of a store reference: {@code SecretStore} (namespaced, the default) or {@code ClusterSecretStore}. */
public enum StoreKind implements SpecEnum {
    SECRET_STORE("SecretStore"),
    CLUSTER_SECRET_STORE("ClusterSecretStore");

    private final String specName;

    StoreKind(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
