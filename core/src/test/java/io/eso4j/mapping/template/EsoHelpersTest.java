package io.eso4j.mapping.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.SecretMappingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * ESO's own helpers against ESO's own test tables: {@code runtime/template/v2/pem_test.go} (TestFilterPEM,
 * TestFilterCertChain, TestCertSANs) and {@code template_test.go} (TestExecute cases). Inputs and expected outputs are
 * the Go tests' data ({@code eso-template-test-data.json}, {@code testdata/} = ESO's {@code _testdata/}).
 */
class EsoHelpersTest {

    private static final JsonNode DATA = load();

    private static JsonNode load() {
        try (InputStream in = EsoHelpersTest.class.getResourceAsStream("eso-template-test-data.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String d(String name) {
        return DATA.get(name).asText();
    }

    static String file(String name) {
        try (InputStream in = EsoHelpersTest.class.getResourceAsStream("testdata/" + name)) {
            return GoBytes.string(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(String template, Map<String, String> data) {
        return GoTemplate.parse(template).execute(data);
    }

    private static String filterPem(String type, String input) {
        return render("{{ .input | filterPEM .type }}", Map.of("input", input, "type", type));
    }

    @TestFactory
    Stream<DynamicTest> filterPemMatchesTestFilterPEM() {
        String cert = d("certData");
        String key = d("keyData");
        String other = d("otherCert");
        String c = d("filterCert");
        String k = d("filterPrivateKey");
        List<List<String>> rows = List.of(
                List.of("extract cert / cert first", cert + key, c, cert),
                List.of("extract cert / key first", key + cert, c, cert),
                List.of("extract multiple certs", key + cert + key + other, c, cert + other),
                List.of("extract key", key + cert, k, key),
                List.of("key with junk", cert + key + "some ---junk---", k, key),
                List.of("begin/end with junk", "some junk" + cert + key + "some ---junk---", k, key));
        return Stream.concat(
                rows.stream()
                        .map(r -> DynamicTest.dynamicTest(
                                r.get(0),
                                () -> assertThat(filterPem(r.get(2), r.get(1))).isEqualTo(r.get(3)))),
                Stream.of(
                        DynamicTest.dynamicTest(
                                "interleaved junk",
                                () -> assertThatThrownBy(() -> filterPem(k, cert + "some junk" + key))
                                        .hasMessageContaining("error filtering pem: found junk")),
                        DynamicTest.dynamicTest(
                                "err when junk",
                                () -> assertThatThrownBy(() -> filterPem(k, "---junk---"))
                                        .hasMessageContaining("error filtering pem: found junk"))));
    }

    private static String chain(String type, String... files) {
        StringBuilder in = new StringBuilder();
        for (String f : files) {
            in.append(file(f));
        }
        return render("{{ .input | filterCertChain .type }}", Map.of("input", in.toString(), "type", type));
    }

    @TestFactory
    Stream<DynamicTest> filterCertChainMatchesTestFilterCertChain() {
        String leaf = "foo.crt";
        String mid = "intermediate-ca.crt";
        String root = "root-ca.crt";
        List<Object[]> rows = List.of(
                new Object[] {"extract leaf cert / leaf cert only", "leaf", new String[] {leaf}, file(leaf)},
                new Object[] {
                    "extract leaf cert / cert chain without root", "leaf", new String[] {leaf, mid}, file(leaf)
                },
                new Object[] {"extract leaf cert / root cert only", "leaf", new String[] {root}, ""},
                new Object[] {"extract leaf cert / full cert chain", "leaf", new String[] {leaf, mid, root}, file(leaf)
                },
                new Object[] {"extract intermediate cert / leaf cert only", "intermediate", new String[] {leaf}, ""},
                new Object[] {
                    "extract intermediate cert / cert chain without root",
                    "intermediate",
                    new String[] {leaf, mid},
                    file(mid)
                },
                new Object[] {
                    "extract intermediate cert / full cert chain",
                    "intermediate",
                    new String[] {leaf, mid, root},
                    file(mid)
                },
                new Object[] {"extract root cert / leaf cert only", "root", new String[] {leaf}, ""},
                new Object[] {"extract root cert / root cert only", "root", new String[] {root}, file(root)},
                new Object[] {"extract root cert / full cert chain", "root", new String[] {leaf, mid, root}, file(root)
                });
        Stream<DynamicTest> ok = rows.stream()
                .map(r -> DynamicTest.dynamicTest(
                        (String) r[0],
                        () -> assertThat(chain((String) r[1], (String[]) r[2])).isEqualTo(r[3])));
        Stream<DynamicTest> errors = Stream.of(
                DynamicTest.dynamicTest(
                        "extract leaf cert / empty cert chain",
                        () -> assertThatThrownBy(() -> chain("leaf"))
                                .hasMessageContaining("no leaf certificate found")),
                DynamicTest.dynamicTest(
                        "extract leaf cert / cert chain with pkey",
                        () -> assertThatThrownBy(() -> chain("leaf", leaf, "root-ca.key"))
                                .hasMessageContaining("x509: malformed certificate")));
        return Stream.concat(ok, errors);
    }

    private static String sans(String input) {
        return render("{{ .input | certSANs | toJson }}", Map.of("input", input));
    }

    @Test
    void certSansMatchesTestCertSANs() {
        assertThat(sans(d("certData"))).isEqualTo("[\"gooble.com\"]");
        assertThat(sans("some junk\n" + d("certData"))).isEqualTo("[\"gooble.com\"]");
        assertThat(sans(file("sans.crt")))
                .isEqualTo("[\"example.com\",\"www.example.com\",\"192.168.1.10\",\"10.0.0.1\",\"admin@example.com\","
                        + "\"https://example.com\"]");
        assertThatThrownBy(() -> sans("not a pem")).hasMessageContaining("failed to decode PEM block");
        assertThatThrownBy(() -> sans("")).hasMessageContaining("failed to decode PEM block");
    }

    @Test
    void certSansCasesOfTestExecute() {
        Map<String, String> cert = Map.of("certificate", d("pkcs12Cert"));
        assertThat(render("{{ .certificate | certSANs | join \",\" }}", cert)).isEqualTo("gooble.com");
        assertThat(render("{{ index (.certificate | certSANs) 0 }}", cert)).isEqualTo("gooble.com");
        assertThat(render("{{ .certificate | certSANs | toJson }}", cert)).isEqualTo("[\"gooble.com\"]");
        assertThat(render(
                        "{{ .secret | filterPEM \"CERTIFICATE\" | certSANs | join \",\" }}",
                        Map.of("secret", d("pkcs12Key") + d("pkcs12Cert"))))
                .isEqualTo("gooble.com");
        assertThatThrownBy(() -> render("{{ .certificate | certSANs }}", Map.of("certificate", "not-a-pem")))
                .isInstanceOf(SecretMappingException.class)
                .hasMessageContaining("failed to decode PEM block");
    }

    @Test
    void jwkCasesOfTestExecute() {
        assertThat(render("{{ .secret | jwkPublicKeyPem }}", Map.of("secret", d("jwkPubRSA"))))
                .isEqualTo(d("jwkPubRSAPKIX"));
        assertThat(render("{{ .secret | jwkPrivateKeyPem }}", Map.of("secret", d("jwkPrivRSA"))))
                .isEqualTo(d("jwkPrivRSAPKCS8"));
        assertThat(render("{{ .secret | jwkPublicKeyPem }}", Map.of("secret", d("jwkPubEC"))))
                .isEqualTo(d("jwkPubECPKIX"));
        assertThat(render("{{ .secret | jwkPrivateKeyPem }}", Map.of("secret", d("jwkPrivEC"))))
                .isEqualTo(d("jwkPrivECPKCS8"));
    }

    @Test
    void rsaDecryptCasesOfTestExecute() {
        Map<String, String> pkcs8 = new LinkedHashMap<>();
        pkcs8.put("private_key", d("rsaDecryptPKRSAPKCS8"));
        pkcs8.put("data_crypted_base64", d("rsaDecryptDataPKCS8Base64"));
        assertThat(render(
                        "{{ .private_key | rsaDecrypt \"RSA-OAEP\" \"SHA1\" (.data_crypted_base64 | b64dec) }}", pkcs8))
                .isEqualTo("a1b2c3d4");
        Map<String, String> pkcs1 = new LinkedHashMap<>();
        pkcs1.put("private_key", d("rsaDecryptPKRSAPKCS1"));
        pkcs1.put("data_crypted_base64", d("rsaDecryptDataPKCS1Base64"));
        assertThat(render(
                        "{{ .private_key | rsaDecrypt \"RSA-OAEP\" \"SHA256\" (.data_crypted_base64 | b64dec) }}",
                        pkcs1))
                .isEqualTo("hellopkcs1sha256");
        assertThatThrownBy(() -> render(
                        "{{ .private_key | rsaDecrypt \"RSA-OAEP\" \"SHA512\" (.data_crypted_base64 | b64dec) }}",
                        pkcs1))
                .hasMessageContaining("error decrypting data with RSA: crypto/rsa: decryption error");
        assertThatThrownBy(() -> render("{{ rsaDecrypt \"RSA-PKCS1\" \"SHA1\" \"x\" \"y\" }}", Map.of()))
                .hasMessageContaining("decryption scheme RSA-PKCS1 is not supported");
        assertThat(render("{{ rsaDecrypt \"None\" \"SHA1\" \"plain\" \"y\" }}", Map.of()))
                .isEqualTo("plain");
    }

    @Test
    void hexdecCaseOfTestExecuteKeepsBinaryBytes() {
        assertThat(render("{{ .example | sha256sum | hexdec | b64enc }}", Map.of("example", "example")))
                .isEqualTo("UNhY4JhezH9gQYqvDMWrWH9CwlcKiECVqejMrND2VFw=");
        assertThat(render("{{ \"123412341234\" | b64enc | b64dec }}", Map.of())).isEqualTo("123412341234");
    }

    @Test
    void binaryStringsRoundTripByteForByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertThat(GoBytes.bytes(GoBytes.string(all))).isEqualTo(all);
        byte[] invalid = {(byte) 0xed, (byte) 0xa0, (byte) 0x80, 'a', (byte) 0xc3};
        assertThat(GoBytes.bytes(GoBytes.string(invalid))).isEqualTo(invalid);
        assertThat(GoBytes.string("héllo €".getBytes(StandardCharsets.UTF_8))).isEqualTo("héllo €");
    }
}
