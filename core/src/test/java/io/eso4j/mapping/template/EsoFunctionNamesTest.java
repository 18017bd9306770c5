package io.eso4j.mapping.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * ESO's whole template function map ({@code eso-function-names.txt}, taken from ESO's {@code template.go}, its
 * vendored Sprig's {@code functions.go} and Go's built-ins) against what eso4j implements.
 */
class EsoFunctionNamesTest {

    /** Names eso4j does not implement yet. The goal is an empty set; a name implemented must leave it. */
    static final Set<String> KNOWN_MISSING = Set.of();

    @Test
    void theCheckedInListHasEveryNameOfEsosMap() {
        // 18 ESO helpers + 209 Sprig names (env, expandenv, getHostByName removed; hexdec added) + Go's 19 built-ins,
        // 'slice' shared by Sprig and Go: 245 names.
        assertThat(Functions.esoNames()).hasSize(245).contains("filterPEM", "pkcs12key", "regexReplaceAll", "call");
        assertThat(Functions.esoNames()).doesNotContain("env", "expandenv", "getHostByName");
    }

    @Test
    void everyEsoFunctionIsImplementedExceptTheKnownMissing() {
        Set<String> missing = new TreeSet<>();
        for (String name : Functions.esoNames()) {
            if (Functions.lookup(name) == null && !Functions.CRYPTO_ARTIFACT_NAMES.contains(name)) {
                missing.add(name);
            }
        }
        assertThat(missing).containsExactlyInAnyOrderElementsOf(new TreeSet<>(KNOWN_MISSING));
    }

    @Test
    void cryptoFunctionsNameTheArtifactThatProvidesThemWhenItIsMissing() {
        // core's tests run without eso4j-template-crypto on the class path.
        assertThat(Functions.CRYPTO_ARTIFACT_NAMES).hasSize(21).allMatch(Functions.esoNames()::contains);
        for (String name : Functions.CRYPTO_ARTIFACT_NAMES) {
            assertThat(Functions.lookup(name)).as(name).isNull();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoTemplate.parse("{{ .p | pkcs12key }}"))
                .isInstanceOf(io.eso4j.SecretMappingException.class)
                .hasMessage("template: 1:9: function \"pkcs12key\" needs the artifact io.eso4j:eso4j-template-crypto"
                        + " on the class path (it brings Bouncy Castle)");
    }

    @Test
    void knownMissingNamesAreRejectedAtParseTimeAsUnsupported() {
        for (String name : KNOWN_MISSING) {
            assertThat(Functions.isKnownUnsupported(name)).as(name).isTrue();
        }
    }
}
