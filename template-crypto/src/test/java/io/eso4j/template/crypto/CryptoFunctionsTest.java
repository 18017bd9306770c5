package io.eso4j.template.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.SecretMappingException;
import io.eso4j.mapping.template.GoBytes;
import io.eso4j.mapping.template.GoTemplate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/**
 * The functions of this artifact through eso4j's template engine, against ESO's tests:
 * {@code runtime/template/v2/template_test.go} (TestExecute "base64 pkcs12 extract…", "htpasswd with sha1",
 * TestPkcs12certPass) and {@code pkcs12_test.go} (TestPemToPkcs12, TestFullPemToPkcs12, TestPemTruststoreToPKCS12:
 * their expected PFX use a mocked random source, so the output is checked by decoding it instead).
 */
class CryptoFunctionsTest {

    private static final JsonNode DATA = json();

    private static JsonNode json() {
        try (InputStream in = CryptoFunctionsTest.class.getResourceAsStream("eso-template-test-data.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String d(String name) {
        return DATA.get(name).asText();
    }

    private static String file(String name) {
        try (InputStream in = CryptoFunctionsTest.class.getResourceAsStream(name)) {
            return GoBytes.string(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String render(String template, Map<String, String> data) {
        return GoTemplate.parse(template).execute(data);
    }

    @Test
    void base64Pkcs12ExtractWithAndWithoutPassword() {
        Map<String, String> noPass = Map.of("secret", d("pkcs12ContentNoPass"));
        assertThat(render("{{ .secret | b64dec | pkcs12key }}", noPass)).isEqualTo(d("pkcs12Key"));
        assertThat(render("{{ .secret | b64dec | pkcs12cert }}", noPass)).isEqualTo(d("pkcs12Cert"));
        Map<String, String> withPass = Map.of("secret", d("pkcs12ContentWithPass"));
        assertThat(render("{{ .secret | b64dec | pkcs12keyPass \"123456\" }}", withPass))
                .isEqualTo(d("pkcs12Key"));
        assertThat(render("{{ .secret | b64dec | pkcs12certPass \"123456\" }}", withPass))
                .isEqualTo(d("pkcs12Cert"));
    }

    @Test
    void pkcs12WrongPasswordFails() {
        Map<String, String> withPass = Map.of("secret", d("pkcs12ContentWithPass"));
        assertThatThrownBy(() -> render("{{ .secret | b64dec | pkcs12keyPass \"wrong\" }}", withPass))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("unable to decode pkcs12 with password: pkcs12: decryption password incorrect");
        assertThatThrownBy(() -> render("{{ .secret | b64dec | pkcs12certPass \"wrong\" }}", withPass))
                .hasMessageContaining("unable to decode pkcs12 certificate with password");
    }

    private String chain(String... files) {
        StringBuilder out = new StringBuilder();
        for (String f : files) {
            out.append(file(f));
        }
        return out.toString();
    }

    @Test
    void pkcs12CertPassOrdersTheChainLikeTestPkcs12certPass() {
        String full = chain("foo.crt", "intermediate-ca.crt", "root-ca.crt");
        assertThat(render("{{ .p | pkcs12certPass \"\" }}", Map.of("p", file("foo-nopass.pfx"))))
                .isEqualTo(full);
        assertThat(render("{{ .p | pkcs12certPass \"1234\" }}", Map.of("p", file("foo-withpass-1234.pfx"))))
                .isEqualTo(full);
        assertThat(render("{{ .p | pkcs12certPass \"\" }}", Map.of("p", file("foo-multibag-nopass.pfx"))))
                .isEqualTo(full);
        assertThat(render("{{ .p | pkcs12certPass \"\" }}", Map.of("p", file("foo-disjunct-nopass.pfx"))))
                .isEqualTo(chain("foo.crt", "root-ca.crt", "intermediate-ca.crt", "disjunct-root-ca.crt"));
        assertThatThrownBy(() ->
                        render("{{ .p | pkcs12certPass \"wrongpass\" }}", Map.of("p", file("foo-withpass-1234.pfx"))))
                .hasMessageContaining("unable to decode pkcs12 certificate with password");
    }

    private static KeyStore load(String base64, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(Base64.getDecoder().decode(base64)), password.toCharArray());
        return ks;
    }

    @Test
    void pemToPkcs12RoundTripsLikeTestPemToPkcs12() throws Exception {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("cert", d("certData"));
        data.put("other", d("otherCert"));
        data.put("key", d("keyData"));
        String pfx = render("{{ pemToPkcs12Pass .cert .key \"password\" }}", data);
        KeyStore ks = load(pfx, "password");
        String alias = Collections.list(ks.aliases()).get(0);
        assertThat(render("{{ .p | b64dec | pkcs12keyPass \"password\" }}", Map.of("p", pfx)))
                .isEqualTo(render("{{ .p | b64dec | pkcs12keyPass \"password\" }}", Map.of("p", d("expectedPfx"))));
        assertThat(((X509Certificate) ks.getCertificate(alias)).getEncoded())
                .isEqualTo(((X509Certificate) load(d("expectedPfx"), "password").getCertificate(alias)).getEncoded());
        // Same profile as go-pkcs12's Modern encoder: PBES2 / AES-256-CBC, SHA-256 MAC, 2048 iterations.
        String structure = asn1Oids(Base64.getDecoder().decode(pfx));
        assertThat(structure).isEqualTo(asn1Oids(Base64.getDecoder().decode(d("expectedPfx"))));

        String full = render("{{ fullPemToPkcs12Pass (print .cert \"\\n\" .other) .key \"password\" }}", data);
        assertThat(render("{{ .p | b64dec | pkcs12certPass \"password\" }}", Map.of("p", full)))
                .isEqualTo(render("{{ .p | b64dec | pkcs12certPass \"password\" }}", Map.of("p", d("expectedPfxCa"))));

        String trust = render("{{ pemTruststoreToPKCS12Pass (print .cert \"\\n\" .other) \"password\" }}", data);
        KeyStore ts = load(trust, "password");
        assertThat(Collections.list(ts.aliases())).hasSize(2);
        for (String a : Collections.list(ts.aliases())) {
            assertThat(ts.isCertificateEntry(a)).isTrue();
        }
        assertThat(asn1Oids(Base64.getDecoder().decode(trust)))
                .isEqualTo(asn1Oids(Base64.getDecoder().decode(d("expectedPfxCAs"))));
    }

    /** The object identifiers of a DER structure in order: the algorithm profile without salts, IVs or keys. */
    private static String asn1Oids(byte[] der) throws IOException {
        StringBuilder out = new StringBuilder();
        walk(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der), out, 0);
        return out.toString();
    }

    private static void walk(org.bouncycastle.asn1.ASN1Encodable node, StringBuilder out, int depth) {
        if (depth > 20) {
            return;
        }
        org.bouncycastle.asn1.ASN1Primitive p = node.toASN1Primitive();
        if (p instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
            out.append(oid.getId()).append(' ');
        } else if (p instanceof org.bouncycastle.asn1.ASN1Sequence seq) {
            for (org.bouncycastle.asn1.ASN1Encodable e : seq) {
                walk(e, out, depth + 1);
            }
        } else if (p instanceof org.bouncycastle.asn1.ASN1Set set) {
            for (org.bouncycastle.asn1.ASN1Encodable e : set) {
                walk(e, out, depth + 1);
            }
        } else if (p instanceof org.bouncycastle.asn1.ASN1TaggedObject tagged) {
            walk(tagged.getBaseObject(), out, depth + 1);
        } else if (p instanceof org.bouncycastle.asn1.ASN1Integer i) {
            if (i.getValue().bitLength() < 16) {
                out.append('#').append(i.getValue()).append(' ');
            }
        } else if (p instanceof org.bouncycastle.asn1.ASN1OctetString octets) {
            // Only a SEQUENCE is structure (PKCS#7 data content); salts, IVs and MACs are random bytes that now and
            // then happen to parse as some other DER value, which made this walk flaky.
            org.bouncycastle.asn1.ASN1Primitive inner = null;
            try {
                inner = org.bouncycastle.asn1.ASN1Primitive.fromByteArray(octets.getOctets());
            } catch (IOException | RuntimeException notDer) {
                // random bytes
            }
            if (inner instanceof org.bouncycastle.asn1.ASN1Sequence) {
                walk(inner, out, depth + 1);
            } else {
                out.append("[octets] ");
            }
        }
    }

    @Test
    void htpasswdWithSha1AndBcrypt() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("username", "foo1");
        data.put("password", "FZ4jR;l]ON;pHKi=_'zh79P");
        assertThat(render("{{ htpasswd .username .password \"sha\" }}", data))
                .isEqualTo("foo1:{SHA}wtdJD6OIjUniEJkTlewnKzfFxA4=");
        String bcrypt = render("{{ htpasswd .username .password \"bcrypt\" }}", data);
        assertThat(bcrypt).startsWith("foo1:$2a$10$").hasSize("foo1:".length() + 60);
        assertThat(OpenBSDBCrypt.checkPassword(
                        bcrypt.substring(5), data.get("password").toCharArray()))
                .isTrue();
        assertThat(render("{{ htpasswd \"a:b\" \"x\" \"sha\" }}", Map.of())).isEqualTo("invalid username: a:b");
        assertThat(render("{{ bcrypt \"secret\" }}", Map.of())).matches("\\$2a\\$10\\$[./A-Za-z0-9]{53}");
    }

    @Test
    void generatorsProduceValidKeysAndCertificates() throws Exception {
        assertThat(render("{{ genPrivateKey \"ecdsa\" }}", Map.of())).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
        assertThat(render("{{ genPrivateKey \"ed25519\" }}", Map.of())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(render("{{ genPrivateKey \"nope\" }}", Map.of())).isEqualTo("Unknown type nope");
        String tpl =
                "{{ $ca := genCA \"my-ca\" 30 }}{{ $c := genSignedCert \"svc\" (list \"10.0.0.1\") (list \"svc.local\")"
                        + " 30 $ca }}{{ $c.Cert }}|{{ $ca.Cert }}";
        String[] parts = render(tpl, Map.of()).split("\\|");
        java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509");
        X509Certificate leaf = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(parts[0].getBytes()));
        X509Certificate ca = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(parts[1].getBytes()));
        leaf.verify(ca.getPublicKey());
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=svc");
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(List.copyOf(leaf.getSubjectAlternativeNames()).toString()).contains("svc.local", "10.0.0.1");
        String self = render("{{ (genSelfSignedCert \"me\" nil nil 1).Cert }}", Map.of());
        assertThat(self).startsWith("-----BEGIN CERTIFICATE-----\n");
    }

    @Test
    void derivePasswordIsDeterministic() {
        String a = render("{{ derivePassword 1 \"long\" \"password\" \"user\" \"example.com\" }}", Map.of());
        assertThat(a)
                .hasSize(14)
                .isEqualTo(render("{{ derivePassword 1 \"long\" \"password\" \"user\" \"example.com\" }}", Map.of()));
        assertThat(render("{{ derivePassword 1 \"nope\" \"p\" \"u\" \"s\" }}", Map.of()))
                .isEqualTo("cannot find password template nope");
    }
}
