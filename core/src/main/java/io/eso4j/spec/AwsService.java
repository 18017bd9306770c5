package io.eso4j.spec;

/** The AWS service of a store; eso4j supports {@link #SECRETS_MANAGER} only. */
public enum AwsService implements SpecEnum {
    SECRETS_MANAGER("SecretsManager"),
    PARAMETER_STORE("ParameterStore"),
    CERTIFICATE_MANAGER("CertificateManager");

    private final String specName;

    AwsService(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
