package io.eso4j.template.crypto;

import io.eso4j.mapping.template.EsoCertificates;
import io.eso4j.mapping.template.TemplateFunctionException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Sprig's key and certificate generators ({@code genPrivateKey}, {@code buildCustomCert}, {@code genCA*},
 * {@code genSelfSignedCert*}, {@code genSignedCert*}): fresh random keys and serials, so never byte-equal to ESO's
 * output; the shapes follow Sprig (RSA 2048 for certificates, key PEM types as Go's {@code pemBlockForKey}). A
 * certificate value is a dict with {@code Cert} and {@code Key} (Sprig's {@code certificate} struct fields).
 */
final class Certificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {}

    private static KeyPair generate(String type) {
        try {
            return switch (type) {
                case "", "rsa" -> rsa(4096);
                case "dsa" -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("DSA");
                    g.initialize(2048, RANDOM);
                    yield g.generateKeyPair();
                }
                case "ecdsa" -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                    yield g.generateKeyPair();
                }
                case "ed25519" -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                default -> null;
            };
        } catch (java.security.GeneralSecurityException e) {
            throw new TemplateFunctionException(
                    "failed to generate private key: " + e.getClass().getSimpleName());
        }
    }

    private static KeyPair rsa(int bits) throws java.security.NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits, RANDOM);
        return g.generateKeyPair();
    }

    static String privateKey(String type) {
        KeyPair pair = generate(type);
        if (pair == null) {
            return "Unknown type " + type;
        }
        return keyPem(pair.getPrivate(), pair.getPublic());
    }

    /** Go's {@code pemBlockForKey}: PKCS #1 for RSA, SEC 1 for ECDSA, Sprig's DSA form, PKCS #8 otherwise. */
    static String keyPem(PrivateKey key, PublicKey pub) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            switch (key.getAlgorithm()) {
                case "RSA":
                    return EsoCertificates.pem(
                            "RSA PRIVATE KEY",
                            info.parsePrivateKey().toASN1Primitive().getEncoded(ASN1Encoding.DER));
                case "EC": {
                    PrivateKeyInfo go = PrivateKeyInfo.getInstance(Pkcs12.goPkcs8(info));
                    org.bouncycastle.asn1.sec.ECPrivateKey inner =
                            org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(go.parsePrivateKey());
                    org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                            256,
                            inner.getKey(),
                            inner.getPublicKey(),
                            go.getPrivateKeyAlgorithm().getParameters());
                    return EsoCertificates.pem("EC PRIVATE KEY", sec1.getEncoded(ASN1Encoding.DER));
                }
                case "DSA": {
                    DSAPrivateKey dsa = (DSAPrivateKey) key;
                    DSAPublicKey dsaPub = (DSAPublicKey) pub;
                    ASN1EncodableVector v = new ASN1EncodableVector();
                    v.add(new ASN1Integer(0));
                    v.add(new ASN1Integer(dsa.getParams().getP()));
                    v.add(new ASN1Integer(dsa.getParams().getQ()));
                    v.add(new ASN1Integer(dsa.getParams().getG()));
                    v.add(new ASN1Integer(dsaPub.getY()));
                    v.add(new ASN1Integer(dsa.getX()));
                    return EsoCertificates.pem("DSA PRIVATE KEY", new DERSequence(v).getEncoded(ASN1Encoding.DER));
                }
                default:
                    return EsoCertificates.pem("PRIVATE KEY", key.getEncoded());
            }
        } catch (java.io.IOException e) {
            throw new TemplateFunctionException("error pem-encoding key");
        }
    }

    /** Sprig's {@code parsePrivateKeyPEM} (PKCS #8, PKCS #1, SEC 1; DSA is not supported here). */
    static KeyPair parseKey(String pem) {
        EsoCertificates.Block block = EsoCertificates.first(pem);
        if (block == null) {
            throw new TemplateFunctionException("no PEM data in input");
        }
        try {
            if (block.type().equals("PRIVATE KEY")) {
                for (String alg : List.of("RSA", "EC", "Ed25519")) {
                    try {
                        PrivateKey k =
                                KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(block.der()));
                        Object parsed = new PEMParser(new java.io.StringReader(pem)).readObject();
                        if (parsed instanceof PrivateKeyInfo info) {
                            return new KeyPair(publicOf(info, k), k);
                        }
                        return new KeyPair(null, k);
                    } catch (java.security.GeneralSecurityException e) {
                        // next
                    }
                }
                throw new TemplateFunctionException("decoding PEM as PKCS#8: x509: failed to parse private key");
            }
            if (!block.type().endsWith(" PRIVATE KEY")) {
                throw new TemplateFunctionException("no private key data in PEM block of type " + block.type());
            }
            Object parsed = new PEMParser(new java.io.StringReader(pem)).readObject();
            if (parsed instanceof PEMKeyPair pair) {
                return new JcaPEMKeyConverter().setProvider(Bc.PROVIDER).getKeyPair(pair);
            }
            throw new TemplateFunctionException("invalid private key type " + block.type());
        } catch (java.io.IOException e) {
            throw new TemplateFunctionException("invalid private key type " + block.type());
        }
    }

    private static PublicKey publicOf(PrivateKeyInfo info, PrivateKey k) {
        try {
            if (k instanceof java.security.interfaces.RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(
                                new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            PrivateKeyInfo go = PrivateKeyInfo.getInstance(Pkcs12.goPkcs8(info));
            if (k.getAlgorithm().equals("EC")) {
                org.bouncycastle.asn1.sec.ECPrivateKey ec =
                        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(go.parsePrivateKey());
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki =
                        new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
                                go.getPrivateKeyAlgorithm(), ec.getPublicKey().getBytes());
                return KeyFactory.getInstance("EC")
                        .generatePublic(new java.security.spec.X509EncodedKeySpec(spki.getEncoded()));
            }
            return new JcaPEMKeyConverter()
                    .setProvider(Bc.PROVIDER)
                    .getPublicKey(new org.bouncycastle.openssl.PEMKeyPair(null, info).getPublicKeyInfo());
        } catch (Exception e) {
            throw new TemplateFunctionException("unable to get public key for type " + k.getAlgorithm());
        }
    }

    private static Map<String, Object> certificate(String cert, String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Cert", cert);
        out.put("Key", key);
        return out;
    }

    static Map<String, Object> custom(String b64cert, String b64key) {
        byte[] cert;
        byte[] key;
        try {
            cert = Base64.getDecoder().decode(b64cert);
        } catch (IllegalArgumentException e) {
            throw new TemplateFunctionException("unable to decode base64 certificate");
        }
        try {
            key = Base64.getDecoder().decode(b64key);
        } catch (IllegalArgumentException e) {
            throw new TemplateFunctionException("unable to decode base64 private key");
        }
        EsoCertificates.Block block = EsoCertificates.first(Bc.string(cert));
        if (block == null) {
            throw new TemplateFunctionException("unable to decode certificate");
        }
        try {
            new X509CertificateHolder(block.der());
        } catch (java.io.IOException | RuntimeException e) {
            throw new TemplateFunctionException(
                    "error parsing certificate: decodedCert.Bytes: x509: malformed certificate");
        }
        try {
            parseKey(Bc.string(key));
        } catch (TemplateFunctionException e) {
            throw new TemplateFunctionException("error parsing private key: " + e.getMessage());
        }
        return certificate(Bc.string(cert), Bc.string(key));
    }

    private static KeyPair keyFor(String pem) {
        if (pem == null) {
            try {
                return rsa(2048);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("RSA is required by every Java platform", e);
            }
        }
        try {
            return parseKey(pem);
        } catch (TemplateFunctionException e) {
            throw new TemplateFunctionException("parsing private key: " + e.getMessage());
        }
    }

    static Map<String, Object> ca(String cn, long days, String keyPem) {
        KeyPair pair = keyFor(keyPem);
        return build(cn, List.of(), List.of(), days, pair, null, null, true);
    }

    static Map<String, Object> selfSigned(String cn, Object ips, Object dns, long days, String keyPem) {
        KeyPair pair = keyFor(keyPem);
        return build(cn, list(ips, "ip"), list(dns, "dns"), days, pair, null, null, false);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> signed(String cn, Object ips, Object dns, long days, Object ca, String keyPem) {
        if (!(ca instanceof Map<?, ?> caMap)
                || !(caMap.get("Cert") instanceof String)
                || !(caMap.get("Key") instanceof String)) {
            throw new TemplateFunctionException("wrong type for value; expected sprig.certificate");
        }
        Map<String, Object> signer = (Map<String, Object>) caMap;
        EsoCertificates.Block block = EsoCertificates.first((String) signer.get("Cert"));
        if (block == null) {
            throw new TemplateFunctionException("unable to decode certificate");
        }
        X509CertificateHolder parent;
        try {
            parent = new X509CertificateHolder(block.der());
        } catch (java.io.IOException | RuntimeException e) {
            throw new TemplateFunctionException(
                    "error parsing certificate: decodedSignerCert.Bytes: x509: malformed certificate");
        }
        KeyPair signerKey;
        try {
            signerKey = parseKey((String) signer.get("Key"));
        } catch (TemplateFunctionException e) {
            throw new TemplateFunctionException("error parsing private key: " + e.getMessage());
        }
        KeyPair pair = keyFor(keyPem);
        return build(cn, list(ips, "ip"), list(dns, "dns"), days, pair, parent, signerKey, false);
    }

    private static List<String> list(Object v, String what) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> l)) {
            throw new TemplateFunctionException("wrong type for value; expected []interface {}");
        }
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw new TemplateFunctionException("error processing " + what + " list: expected string");
            }
            out.add(s);
        }
        return out;
    }

    private static Map<String, Object> build(
            String cn,
            List<String> ips,
            List<String> dns,
            long days,
            KeyPair pair,
            X509CertificateHolder parent,
            KeyPair signer,
            boolean isCa) {
        try {
            List<GeneralName> sans = new ArrayList<>();
            for (String ip : ips) {
                if (!ip.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
                    throw new TemplateFunctionException("error parsing ip: " + ip);
                }
                InetAddress.getByName(ip);
                sans.add(new GeneralName(GeneralName.iPAddress, ip));
            }
            for (String d : dns) {
                sans.add(new GeneralName(GeneralName.dNSName, d));
            }
            X500Name subject =
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
            Instant now = Instant.now();
            BigInteger serial = new BigInteger(128, RANDOM);
            X500Name issuer = parent == null ? subject : parent.getSubject();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    serial,
                    Date.from(now),
                    Date.from(now.plus(Duration.ofHours(24 * days))),
                    subject,
                    pair.getPublic());
            int usage = KeyUsage.keyEncipherment | KeyUsage.digitalSignature | (isCa ? KeyUsage.keyCertSign : 0);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
            }));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            if (isCa) {
                builder.addExtension(
                        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            }
            if (parent != null && parent.getExtension(Extension.subjectKeyIdentifier) != null) {
                byte[] ski = org.bouncycastle.asn1.x509.SubjectKeyIdentifier.getInstance(
                                parent.getExtension(Extension.subjectKeyIdentifier)
                                        .getParsedValue())
                        .getKeyIdentifier();
                builder.addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(ski));
            }
            if (!sans.isEmpty()) {
                builder.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            PrivateKey signingKey = signer == null ? pair.getPrivate() : signer.getPrivate();
            String sigAlg = switch (signingKey.getAlgorithm()) {
                case "EC" -> "SHA256withECDSA";
                case "Ed25519", "EdDSA" -> "Ed25519";
                case "DSA" -> "SHA256withDSA";
                default -> "SHA256withRSA";
            };
            X509CertificateHolder cert = builder.build(
                    new JcaContentSignerBuilder(sigAlg).setProvider(Bc.PROVIDER).build(signingKey));
            return certificate(
                    EsoCertificates.pem("CERTIFICATE", cert.getEncoded()), keyPem(pair.getPrivate(), pair.getPublic()));
        } catch (TemplateFunctionException e) {
            throw e;
        } catch (Exception e) {
            throw new TemplateFunctionException(
                    "error creating certificate: " + e.getClass().getSimpleName());
        }
    }
}
