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
    private static final Set<String> KNOWN_MISSING = Set.of(
            "bcrypt",
            "buildCustomCert",
            "call",
            "decryptAES",
            "derivePassword",
            "encryptAES",
            "fullPemToPkcs12",
            "fullPemToPkcs12Pass",
            "genCA",
            "genCAWithKey",
            "genPrivateKey",
            "genSelfSignedCert",
            "genSelfSignedCertWithKey",
            "genSignedCert",
            "genSignedCertWithKey",
            "html",
            "htpasswd",
            "js",
            "pemToPkcs12",
            "pemToPkcs12Pass",
            "pemTruststoreToPKCS12",
            "pemTruststoreToPKCS12Pass",
            "pkcs12cert",
            "pkcs12certPass",
            "pkcs12key",
            "pkcs12keyPass",
            "semver",
            "semverCompare",
            "urlquery");

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
            if (Functions.lookup(name) == null) {
                missing.add(name);
            }
        }
        assertThat(missing).containsExactlyInAnyOrderElementsOf(new TreeSet<>(KNOWN_MISSING));
    }

    @Test
    void knownMissingNamesAreRejectedAtParseTimeAsUnsupported() {
        for (String name : KNOWN_MISSING) {
            assertThat(Functions.isKnownUnsupported(name)).as(name).isTrue();
        }
    }
}
