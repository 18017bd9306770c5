package io.eso4j.spec;

/**
 * ESO's {@code spec.provider.aws.sessionTagsPolicy} ({@code apis/externalsecrets/v1/secretstore_aws_types.go}):
 * which STS session tags the AssumeRole of {@code role} carries. Only in {@code external-secrets.io/v1}.
 */
public enum SessionTagsPolicy implements SpecEnum {
    /** The default: the tags of {@code sessionTags}, nothing added. */
    NONE("None"),
    /**
     * {@code esoNamespace} (the ExternalSecret's namespace), {@code esoStoreName} and {@code esoStoreKind}; they
     * replace {@code sessionTags}, as in ESO's {@code newClient}.
     */
    SIMPLE("Simple"),
    /** The three tags of {@link #SIMPLE} plus {@code customSessionTags} (empty keys or values skipped). */
    CUSTOM("Custom");

    private final String specName;

    SessionTagsPolicy(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
