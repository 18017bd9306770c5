package io.eso4j.mapping.template;

import static io.eso4j.mapping.template.Functions.add;
import static io.eso4j.mapping.template.Functions.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eso4j.mapping.template.Functions.Param;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * ESO's own template helpers that the JDK can compute exactly ({@code runtime/template/v2/pem.go},
 * {@code pem_chain.go}, {@code jwk.go}, {@code decrypt.go}): {@code filterPEM}, {@code filterCertChain},
 * {@code certSANs}, {@code jwkPublicKeyPem}, {@code jwkPrivateKeyPem}, {@code rsaDecrypt}. Error texts are ESO's and
 * Go's; none carries key material. Stateless.
 */
final class EsoFunctions {

    /** Created on first use. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private EsoFunctions() {}

    static void register() {
        Param s = Param.STRING;
        add("filterPEM", List.of(s, s), null, args -> filterPem(str(args, 0), str(args, 1)));
        add("filterCertChain", List.of(s, s), null, args -> filterCertChain(str(args, 0), str(args, 1)));
        add("certSANs", List.of(s), null, args -> certSans(str(args, 0)));
        add("jwkPublicKeyPem", List.of(s), null, args -> jwkPem(str(args, 0), false));
        add("jwkPrivateKeyPem", List.of(s), null, args -> jwkPem(str(args, 0), true));
        add(
                "rsaDecrypt",
                List.of(s, s, s, s),
                null,
                args -> rsaDecrypt(str(args, 0), str(args, 1), str(args, 2), str(args, 3)));
    }

    // ----------------------------------------------------------------- pem.go

    /** ESO's {@code trimJunk}: the input from its first {@code -----BEGIN}. */
    private static String trimJunk(String input) {
        int at = input.indexOf("-----BEGIN");
        return at < 0 ? input : input.substring(at);
    }

    static String filterPem(String type, String input) {
        byte[] data = GoBytes.bytes(trimJunk(input));
        StringBuilder out = new StringBuilder();
        byte[] rest = data;
        while (true) {
            Pem.Decoded d = Pem.decode(data);
            rest = d.rest();
            data = d.rest();
            if (d.block() == null) {
                break;
            }
            if (d.block().type().equalsIgnoreCase(type)) {
                out.append(Pem.encode(d.block()));
            }
        }
        if (out.length() == 0 && rest.length != 0) {
            throw new TemplateExecException("error filtering pem: found junk");
        }
        return out.toString();
    }

    /** A parsed certificate with the key identifiers Go's {@code x509} exposes (null when absent). */
    record Cert(X509Certificate x509, byte[] der, byte[] authorityKeyId, byte[] subjectKeyId) {}

    static Cert parseCertificate(byte[] der) {
        try {
            X509Certificate x = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return new Cert(x, der, authorityKeyId(x), subjectKeyId(x));
        } catch (CertificateException | RuntimeException e) {
            throw new TemplateExecException("x509: malformed certificate");
        }
    }

    private static byte[] subjectKeyId(X509Certificate x) {
        byte[] ext = x.getExtensionValue("2.5.29.14");
        if (ext == null) {
            return null;
        }
        byte[] inner = Der.content(ext, Der.read(ext, 0));
        return Der.content(inner, Der.read(inner, 0));
    }

    private static byte[] authorityKeyId(X509Certificate x) {
        byte[] ext = x.getExtensionValue("2.5.29.35");
        if (ext == null) {
            return null;
        }
        byte[] inner = Der.content(ext, Der.read(ext, 0));
        Der.Tlv seq = Der.read(inner, 0);
        int at = seq.start();
        while (at < seq.end()) {
            Der.Tlv t = Der.read(inner, at);
            if (t.tag() == 0x80) {
                return Der.content(inner, t);
            }
            at = t.end();
        }
        return null;
    }

    /** Go's {@code bytes.Equal}: nil equals empty. */
    private static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a == null ? new byte[0] : a, b == null ? new byte[0] : b);
    }

    private static boolean isRoot(Cert c) {
        return c.authorityKeyId() == null || same(c.authorityKeyId(), c.subjectKeyId());
    }

    /** ESO's {@code fetchX509CertChains}: leaf → intermediates → root by key identifiers (no trust checks). */
    static List<Cert> chain(byte[] data) {
        List<Cert> nodes = new ArrayList<>();
        for (Pem.Block block : Pem.all(data)) {
            nodes.add(parseCertificate(block.bytes()));
        }
        int n = nodes.size();
        int[] parent = new int[n];
        boolean[] isParent = new boolean[n];
        Arrays.fill(parent, -1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && same(nodes.get(i).authorityKeyId(), nodes.get(j).subjectKeyId())) {
                    isParent[j] = true;
                    parent[i] = j;
                    break;
                }
            }
        }
        int leaf = -1;
        for (int i = 0; i < n; i++) {
            if (!isParent[i]) {
                if (leaf >= 0) {
                    throw new TemplateExecException("found multiple leaf or disjunct certificates");
                }
                leaf = i;
            }
        }
        if (leaf < 0) {
            throw new TemplateExecException("no leaf certificate found");
        }
        List<Cert> ordered = new ArrayList<>();
        int processed = 0;
        for (int at = leaf; at >= 0; at = parent[at]) {
            if (++processed > n) {
                throw new TemplateExecException("constructing chain resulted in cycle");
            }
            ordered.add(nodes.get(at));
        }
        return ordered;
    }

    static String filterCertChain(String certType, String input) {
        List<Cert> ordered = chain(GoBytes.bytes(input));
        switch (certType) {
            case "leaf" -> {
                Cert c = ordered.get(0);
                if (c.authorityKeyId() != null && !same(c.authorityKeyId(), c.subjectKeyId())) {
                    return Pem.encode("CERTIFICATE", c.der());
                }
            }
            case "intermediate" -> {
                if (ordered.size() < 2) {
                    return "";
                }
                StringBuilder out = new StringBuilder();
                for (Cert c : ordered.subList(1, ordered.size())) {
                    if (isRoot(c)) {
                        break;
                    }
                    out.append(Pem.encode("CERTIFICATE", c.der()));
                }
                return out.toString();
            }
            case "root" -> {
                Cert c = ordered.get(ordered.size() - 1);
                if (isRoot(c)) {
                    return Pem.encode("CERTIFICATE", c.der());
                }
            }
            default -> {
                return "";
            }
        }
        return "";
    }

    static List<Object> certSans(String input) {
        Pem.Decoded d = Pem.decode(GoBytes.bytes(trimJunk(input)));
        if (d.block() == null) {
            throw new TemplateExecException("failed to decode PEM block");
        }
        Cert cert;
        try {
            cert = parseCertificate(d.block().bytes());
        } catch (TemplateExecException e) {
            throw new TemplateExecException("failed to parse certificate: " + e.getMessage());
        }
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        try {
            Collection<List<?>> names = cert.x509().getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    String value = String.valueOf(name.get(1));
                    switch (type) {
                        case 1 -> emails.add(value);
                        case 2 -> dns.add(value);
                        case 6 -> uris.add(value);
                        case 7 -> ips.add(goIp(value));
                        default -> {}
                    }
                }
            }
        } catch (CertificateException e) {
            throw new TemplateExecException("failed to parse certificate: x509: malformed extension");
        }
        List<String> sans = new ArrayList<>(dns);
        sans.addAll(ips);
        sans.addAll(emails);
        sans.addAll(uris);
        return new StringList(sans);
    }

    /** Go's {@code net.IP.String}: dotted IPv4 (also for IPv4-mapped), RFC 5952 IPv6. */
    static String goIp(String javaForm) {
        try {
            byte[] b = InetAddress.getByName(javaForm).getAddress();
            if (b.length == 4) {
                return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
            }
            int[] g = new int[8];
            for (int i = 0; i < 8; i++) {
                g[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
            }
            int bestStart = -1;
            int bestLen = 0;
            for (int i = 0; i < 8; ) {
                if (g[i] != 0) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    out.append("::");
                    i += bestLen - 1;
                    continue;
                }
                if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                    out.append(':');
                }
                out.append(Integer.toHexString(g[i]));
            }
            return out.toString();
        } catch (IOException e) {
            return javaForm;
        }
    }

    // ----------------------------------------------------------------- jwk.go

    private static BigInteger b64(JsonNode jwk, String field) {
        JsonNode v = jwk.get(field);
        if (v == null || !v.isTextual()) {
            throw new TemplateExecException("failed to parse JWK: required field " + field + " is missing");
        }
        try {
            return new BigInteger(1, Base64.getUrlDecoder().decode(v.asText().replace("=", "")));
        } catch (IllegalArgumentException e) {
            throw new TemplateExecException("failed to parse JWK: field " + field + " is not base64url");
        }
    }

    private static String curveName(String crv) {
        return switch (crv) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default ->
                throw new TemplateExecException("failed to parse JWK: unsupported curve " + GoStrings.quote(crv));
        };
    }

    private static String curveOid(String crv) {
        return switch (crv) {
            case "P-256" -> "1.2.840.10045.3.1.7";
            case "P-384" -> "1.3.132.0.34";
            default -> "1.3.132.0.35";
        };
    }

    static String jwkPem(String json, boolean privateKey) {
        JsonNode jwk;
        try {
            jwk = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new TemplateExecException("failed to unmarshal JSON into key hint: invalid JSON");
        }
        if (jwk == null || !jwk.isObject()) {
            throw new TemplateExecException("failed to unmarshal JSON into key hint: not a JSON object");
        }
        String kty = jwk.path("kty").asText("");
        try {
            switch (kty) {
                case "RSA" -> {
                    BigInteger n = b64(jwk, "n");
                    BigInteger e = b64(jwk, "e");
                    KeyFactory kf = KeyFactory.getInstance("RSA");
                    if (!privateKey) {
                        return Pem.encode(
                                "PUBLIC KEY",
                                kf.generatePublic(new RSAPublicKeySpec(n, e)).getEncoded());
                    }
                    BigInteger d = b64(jwk, "d");
                    PrivateKey key = jwk.has("p")
                            ? kf.generatePrivate(new RSAPrivateCrtKeySpec(
                                    n,
                                    e,
                                    d,
                                    b64(jwk, "p"),
                                    b64(jwk, "q"),
                                    b64(jwk, "dp"),
                                    b64(jwk, "dq"),
                                    b64(jwk, "qi")))
                            : kf.generatePrivate(new RSAPrivateKeySpec(n, d));
                    return Pem.encode("PRIVATE KEY", key.getEncoded());
                }
                case "EC" -> {
                    String crv = jwk.path("crv").asText("");
                    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                    params.init(new ECGenParameterSpec(curveName(crv)));
                    ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
                    BigInteger x = b64(jwk, "x");
                    BigInteger y = b64(jwk, "y");
                    KeyFactory kf = KeyFactory.getInstance("EC");
                    PublicKey pub = kf.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
                    if (!privateKey) {
                        return Pem.encode("PUBLIC KEY", pub.getEncoded());
                    }
                    BigInteger d = b64(jwk, "d");
                    kf.generatePrivate(new ECPrivateKeySpec(d, spec));
                    return Pem.encode("PRIVATE KEY", ecPkcs8(crv, spec, d, x, y));
                }
                default ->
                    throw new TemplateExecException(
                            "failed to parse JWK: invalid key type from JSON (" + GoStrings.quote(kty) + ")");
            }
        } catch (GeneralSecurityException e) {
            throw new TemplateExecException("failed to parse JWK: invalid key parameters");
        }
    }

    /** Go's {@code x509.MarshalPKCS8PrivateKey} for ECDSA: SEC 1 inside with the public key, no inner curve. */
    private static byte[] ecPkcs8(String crv, ECParameterSpec spec, BigInteger d, BigInteger x, BigInteger y) {
        int size = (spec.getCurve().getField().getFieldSize() + 7) / 8;
        byte[] point = new byte[1 + 2 * size];
        point[0] = 4;
        System.arraycopy(Der.fixed(x, size), 0, point, 1, size);
        System.arraycopy(Der.fixed(y, size), 0, point, 1 + size, size);
        byte[] sec1 = Der.sequence(
                Der.integer(BigInteger.ONE), Der.octets(Der.fixed(d, size)), Der.tlv(0xa1, Der.bits(point)));
        return Der.sequence(
                Der.integer(BigInteger.ZERO),
                Der.sequence(Der.oid("1.2.840.10045.2.1"), Der.oid(curveOid(crv))),
                Der.octets(sec1));
    }

    // ------------------------------------------------------------- decrypt.go

    /** ESO's {@code parsePrivateKey}: PKCS #1, then PKCS #8, then SEC 1. */
    static PrivateKey parsePrivateKey(byte[] der) {
        try {
            // PKCS #1 RSAPrivateKey: SEQUENCE { INTEGER version, INTEGER n, ... } — wrap it into PKCS #8.
            Der.Tlv seq = Der.read(der, 0);
            Der.Tlv version = Der.read(der, seq.start());
            Der.Tlv second = Der.read(der, version.end());
            if (seq.tag() == 0x30 && version.tag() == 0x02 && second.tag() == 0x02) {
                byte[] pkcs8 = Der.sequence(
                        Der.integer(BigInteger.ZERO),
                        Der.sequence(Der.oid("1.2.840.113549.1.1.1"), new byte[] {5, 0}),
                        Der.octets(der));
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // not PKCS #1
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "X25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next
            }
        }
        try {
            Der.Tlv seq = Der.read(der, 0);
            Der.Tlv version = Der.read(der, seq.start());
            Der.Tlv key = Der.read(der, version.end());
            if (seq.tag() == 0x30 && key.tag() == 0x04) {
                // A SEC 1 EC key: ESO only needs to know it is not RSA.
                return new NotRsa();
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new TemplateExecException("unable to parse private key type");
    }

    /** Marks a parsed private key that is not RSA. */
    private static final class NotRsa implements ECPrivateKey {
        private static final long serialVersionUID = 1L;

        @Override
        public BigInteger getS() {
            return BigInteger.ZERO;
        }

        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }

        @Override
        public ECParameterSpec getParams() {
            return null;
        }
    }

    static String rsaDecrypt(String scheme, String hash, String in, String privateKeyPem) {
        switch (scheme) {
            case "None":
                return in;
            case "RSA-OAEP":
                Pem.Decoded d = Pem.decode(GoBytes.bytes(privateKeyPem));
                if (d.block() == null) {
                    throw new TemplateExecException("failed to decode PEM block");
                }
                PrivateKey key;
                try {
                    key = parsePrivateKey(d.block().bytes());
                } catch (TemplateExecException e) {
                    throw new TemplateExecException("could not parse private key: " + e.getMessage());
                }
                if (!(key instanceof RSAPrivateKey)) {
                    throw new TemplateExecException("could not parse RSA private key");
                }
                String h = switch (hash) {
                    case "SHA1" -> "SHA-1";
                    case "SHA512" -> "SHA-512";
                    default -> "SHA-256";
                };
                try {
                    Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
                    cipher.init(
                            Cipher.DECRYPT_MODE,
                            key,
                            new OAEPParameterSpec(h, "MGF1", new MGF1ParameterSpec(h), PSource.PSpecified.DEFAULT));
                    return GoBytes.string(cipher.doFinal(GoBytes.bytes(in)));
                } catch (GeneralSecurityException e) {
                    throw new TemplateExecException("error decrypting data with RSA: crypto/rsa: decryption error");
                }
            default:
                throw new TemplateExecException("decryption scheme " + scheme + " is not supported");
        }
    }
}
