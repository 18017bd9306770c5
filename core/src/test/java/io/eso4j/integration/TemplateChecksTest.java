package io.eso4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Manifests;
import org.junit.jupiter.api.Test;

class TemplateChecksTest {

    private static ExternalSecret load(String template) {
        String yaml = "apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: s\nspec:\n"
                + "  provider:\n    aws:\n      service: SecretsManager\n      region: us-east-1\n---\n"
                + "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: es\nspec:\n"
                + "  secretStoreRef:\n    name: s\n  dataFrom:\n  - extract:\n      key: k\n"
                + "  target:\n    template:\n" + template;
        return Manifests.parse("test.yaml", yaml).externalSecrets().get(0);
    }

    @Test
    void everyTemplateThatCannotParseIsReportedWithItsFieldPath() {
        ExternalSecret es = load("      metadata:\n        labels:\n          l: '{{ .a | nosuch }}'\n"
                + "      templateFrom:\n      - literal: '{{ if }}'\n"
                + "      data:\n        tls.crt: '{{ .bundle | filterPEM \"CERTIFICATE\" }}'\n"
                + "        tls.key: '{{ .bundle | pkcs12key }}'\n");
        assertThat(TemplateChecks.problems(es))
                .containsExactly(
                        "spec.target.template.metadata.labels.l: template: 1:9: function \"nosuch\" not defined",
                        "spec.target.template.templateFrom[0].literal: template: 1:7: missing value for if",
                        "spec.target.template.data.tls.key: template: 1:14: function \"pkcs12key\" needs the artifact"
                                + " io.eso4j:eso4j-template-crypto on the class path (it brings Bouncy Castle)");
    }

    @Test
    void validTemplatesHaveNoProblems() {
        assertThat(TemplateChecks.problems(load("      data:\n        a: '{{ .x | upper }}'\n")))
                .isEmpty();
    }
}
