package io.eso4j.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@code eso:} import that cannot be read ({@link EsoImportSyntaxException}) with the import's syntax.
 * Registered through {@code spring.factories}; stateless.
 */
public final class EsoImportFailureAnalyzer extends AbstractFailureAnalyzer<EsoImportSyntaxException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EsoImportSyntaxException cause) {
        return new FailureAnalysis(
                "An eso: config import cannot be read: " + cause.getMessage(),
                "Write the import as spring.config.import=eso:<location>[;<location>...] (Spring resource locations of"
                        + " SecretStore and ExternalSecret manifests, for example eso:classpath:eso/app.yaml) or"
                        + " eso:aws:<secret id>[;<secret id>...] (the short form, against the store of eso4j.store.*);"
                        + " each item may end in ?prefix=<prefix>, and optional: before eso: lets the application start"
                        + " without it.",
                cause);
    }
}
