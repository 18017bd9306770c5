package io.eso4j.template.crypto;

import io.eso4j.mapping.template.EsoCertificates;
import io.eso4j.mapping.template.TemplateFunctionException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * ESO's PKCS#12 helpers ({@code runtime/template/v2/pkcs12.go}, on {@code software.sslmate.com/src/go-pkcs12}):
 * decoding a PFX into Go's PKCS#8 key PEM or its certificate chain, and encoding PEM into a PFX with go-pkcs12's
 * {@code Modern} profile (PBES2: PBKDF2-HMAC-SHA-256 and AES-256-CBC, 2048 iterations; an HMAC-SHA-256 MAC).
 * Error texts are go-pkcs12's and ESO's. Stateless.
 */
final class Pkcs12 {

    private static final int ITERATIONS = 2048;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Pkcs12() {}

    /** What go-pkcs12's {@code DecodeChain} returns. */
    record Decoded(PrivateKeyInfo key, byte[] leaf, List<byte[]> caCerts) {}

    static Decoded decode(String input, String password) {
        char[] pw = password.toCharArray();
        PKCS12PfxPdu pfx;
        try {
            pfx = new PKCS12PfxPdu(Bc.bytes(input));
        } catch (IOException | RuntimeException e) {
            throw new TemplateFunctionException("pkcs12: error reading P12 data: asn1: structure error");
        }
        try {
            if (pfx.hasMac() && !macValid(pfx, password)) {
                throw new TemplateFunctionException("pkcs12: decryption password incorrect");
            }
            try {
                return bags(pfx, decryptor(pw, false));
            } catch (org.bouncycastle.pkcs.PKCSException e) {
                if (!password.isEmpty()) {
                    throw e;
                }
                // The empty password as a NUL-terminated BMPString (two zero bytes), as Go writes it.
                return bags(pfx, decryptor(pw, true));
            }
        } catch (TemplateFunctionException e) {
            throw e;
        } catch (Exception e) {
            // Decryption with a wrong password surfaces as a padding or structure error.
            throw new TemplateFunctionException("pkcs12: decryption password incorrect");
        }
    }

    private static InputDecryptorProvider decryptor(char[] pw, boolean zeroBmp) {
        return new JcePKCSPBEInputDecryptorProviderBuilder()
                .setProvider(Bc.PROVIDER)
                .setTryWrongPKCS12Zero(zeroBmp)
                .build(pw);
    }

    private static Decoded bags(PKCS12PfxPdu pfx, InputDecryptorProvider decryptor) throws Exception {
        PrivateKeyInfo key = null;
        byte[] leaf = null;
        List<byte[]> ca = new ArrayList<>();
        for (ContentInfo info : pfx.getContentInfos()) {
            PKCS12SafeBagFactory factory = info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)
                    ? new PKCS12SafeBagFactory(info, decryptor)
                    : new PKCS12SafeBagFactory(info);
            for (PKCS12SafeBag bag : factory.getSafeBags()) {
                if (bag.getType().equals(PKCSObjectIdentifiers.certBag)) {
                    byte[] der = ((X509CertificateHolder) bag.getBagValue()).getEncoded();
                    if (leaf == null) {
                        leaf = der;
                    } else {
                        ca.add(der);
                    }
                } else if (bag.getType().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
                    if (key != null) {
                        throw new TemplateFunctionException("pkcs12: expected exactly one key bag");
                    }
                    key = ((PKCS8EncryptedPrivateKeyInfo) bag.getBagValue()).decryptPrivateKeyInfo(decryptor);
                } else if (bag.getType().equals(PKCSObjectIdentifiers.keyBag)) {
                    if (key != null) {
                        throw new TemplateFunctionException("pkcs12: expected exactly one key bag");
                    }
                    key = (PrivateKeyInfo) bag.getBagValue();
                }
            }
        }
        if (leaf == null) {
            throw new TemplateFunctionException("pkcs12: certificate missing");
        }
        if (key == null) {
            throw new TemplateFunctionException("pkcs12: private key missing");
        }
        return new Decoded(key, leaf, ca);
    }

    /**
     * go-pkcs12's {@code verifyMac}: the PKCS#12 MAC key from the password as a NUL-terminated BMPString, and for the
     * empty password also from no bytes at all (what some writers use).
     */
    private static boolean macValid(PKCS12PfxPdu pfx, String password)
            throws IOException, org.bouncycastle.operator.OperatorCreationException {
        org.bouncycastle.asn1.pkcs.MacData macData = pfx.toASN1Structure().getMacData();
        byte[] content = org.bouncycastle.asn1.ASN1OctetString.getInstance(
                        pfx.toASN1Structure().getAuthSafe().getContent())
                .getOctets();
        List<byte[]> candidates = new ArrayList<>();
        candidates.add(org.bouncycastle.crypto.PBEParametersGenerator.PKCS12PasswordToBytes(password.toCharArray()));
        if (password.isEmpty()) {
            candidates.add(new byte[2]);
            candidates.add(new byte[0]);
        }
        ASN1ObjectIdentifier alg = macData.getMac().getAlgorithmId().getAlgorithm();
        for (byte[] pw : candidates) {
            org.bouncycastle.crypto.Digest digest = BcDefaultDigestProvider.INSTANCE.get(new AlgorithmIdentifier(alg));
            org.bouncycastle.crypto.generators.PKCS12ParametersGenerator gen =
                    new org.bouncycastle.crypto.generators.PKCS12ParametersGenerator(digest);
            gen.init(pw, macData.getSalt(), macData.getIterationCount().intValue());
            org.bouncycastle.crypto.params.KeyParameter key = (org.bouncycastle.crypto.params.KeyParameter)
                    gen.generateDerivedMacParameters(digest.getDigestSize() * 8);
            org.bouncycastle.crypto.macs.HMac hmac = new org.bouncycastle.crypto.macs.HMac(
                    BcDefaultDigestProvider.INSTANCE.get(new AlgorithmIdentifier(alg)));
            hmac.init(key);
            hmac.update(content, 0, content.length);
            byte[] out = new byte[hmac.getMacSize()];
            hmac.doFinal(out, 0);
            if (MessageDigest.isEqual(out, macData.getMac().getDigest())) {
                return true;
            }
        }
        return false;
    }

    static String key(String password, String input) {
        Decoded d;
        try {
            d = decode(input, password);
        } catch (TemplateFunctionException e) {
            throw new TemplateFunctionException("unable to decode pkcs12 with password: " + e.getMessage());
        }
        return EsoCertificates.pem("PRIVATE KEY", goPkcs8(d.key()));
    }

    static String cert(String password, String input) {
        Decoded d;
        try {
            d = decode(input, password);
        } catch (TemplateFunctionException e) {
            throw new TemplateFunctionException("unable to decode pkcs12 certificate with password: " + e.getMessage());
        }
        StringBuilder pem = new StringBuilder(EsoCertificates.pem("CERTIFICATE", d.leaf()));
        for (byte[] ca : d.caCerts()) {
            pem.append(EsoCertificates.pem("CERTIFICATE", ca));
        }
        return EsoCertificates.orderedChainOrInput(pem.toString());
    }

    /** Go's {@code x509.MarshalPKCS8PrivateKey} of the decoded key (RSA, ECDSA, Ed25519). */
    static byte[] goPkcs8(PrivateKeyInfo info) {
        try {
            ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
            if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                PrivateKey k =
                        KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
                return k.getEncoded();
            }
            if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                org.bouncycastle.asn1.sec.ECPrivateKey ec =
                        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
                ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(
                        info.getPrivateKeyAlgorithm().getParameters());
                X9ECParameters params = ECNamedCurveTable.getByOID(curve);
                BigInteger d = ec.getKey();
                byte[] point = params.getG().multiply(d).normalize().getEncoded(false);
                org.bouncycastle.asn1.sec.ECPrivateKey inner = new org.bouncycastle.asn1.sec.ECPrivateKey(
                        params.getN().bitLength(), d, new DERBitString(point), null);
                return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), inner)
                        .getEncoded(ASN1Encoding.DER);
            }
            return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey())
                    .getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new TemplateFunctionException("x509: unknown key type while marshaling PKCS#8");
        }
    }

    // ------------------------------------------------------------------ encode

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new TemplateFunctionException("x509: malformed certificate");
        }
    }

    private static byte[] firstDer(String pem) {
        EsoCertificates.Block b = EsoCertificates.first(pem);
        if (b == null) {
            // Go dereferences the nil block.
            throw new TemplateFunctionException("runtime error: invalid memory address or nil pointer dereference");
        }
        return b.der();
    }

    /** ESO's {@code parsePrivateKey} then Go's PKCS#8 form. */
    private static PrivateKeyInfo privateKey(String pem) {
        byte[] der = firstDer(pem);
        try {
            org.bouncycastle.asn1.ASN1Sequence seq = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
            if (seq.size() >= 9) {
                // PKCS #1
                return new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(seq));
            }
            try {
                return PrivateKeyInfo.getInstance(seq);
            } catch (IllegalArgumentException notPkcs8) {
                org.bouncycastle.asn1.sec.ECPrivateKey ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(seq);
                ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(ec.getParametersObject());
                return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), ec);
            }
        } catch (TemplateFunctionException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TemplateFunctionException("unable to parse private key type");
        }
    }

    private static List<byte[]> certs(String pem) {
        List<byte[]> out = EsoCertificates.blocks(pem);
        for (byte[] der : out) {
            certificate(der);
        }
        return out;
    }

    private static OutputEncryptor encryptor(char[] password) throws Exception {
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(Bc.PROVIDER)
                .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                .setIterationCount(ITERATIONS)
                .setRandom(RANDOM)
                .build(password);
    }

    private static String build(PKCS12PfxPduBuilder builder, char[] password) throws Exception {
        PKCS12PfxPdu pfx = builder.build(
                new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256)
                        .setProvider(Bc.PROVIDER)
                        .setIterationCount(ITERATIONS),
                password);
        return Base64.getEncoder().encodeToString(pfx.getEncoded(ASN1Encoding.DER));
    }

    /** ESO's {@code pemToPkcs12Pass} ({@code full}: {@code fullPemToPkcs12Pass}, the rest of the cert PEM as CAs). */
    static String fromPem(String certPem, String keyPem, String password, boolean full) {
        EsoCertificates.Block first = EsoCertificates.first(certPem);
        if (first == null) {
            throw new TemplateFunctionException("runtime error: invalid memory address or nil pointer dereference");
        }
        X509Certificate leaf = certificate(first.der());
        List<byte[]> cas = full ? certs(first.rest()) : List.of();
        PrivateKeyInfo key = privateKey(keyPem);
        char[] pw = password.toCharArray();
        try {
            byte[] localKeyId = MessageDigest.getInstance("SHA-1").digest(leaf.getEncoded());
            OutputEncryptor enc = encryptor(pw);
            List<PKCS12SafeBag> certBags = new ArrayList<>();
            PKCS12SafeBagBuilder leafBag = new PKCS12SafeBagBuilder(new X509CertificateHolder(leaf.getEncoded()));
            leafBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
            certBags.add(leafBag.build());
            for (byte[] ca : cas) {
                certBags.add(new PKCS12SafeBagBuilder(new X509CertificateHolder(ca)).build());
            }
            PKCS12SafeBagBuilder keyBag = new PKCS12SafeBagBuilder(PrivateKeyInfo.getInstance(goPkcs8(key)), enc);
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
            PKCS12PfxPduBuilder builder = new PKCS12PfxPduBuilder();
            builder.addEncryptedData(enc, certBags.toArray(new PKCS12SafeBag[0]));
            builder.addData(keyBag.build());
            return build(builder, pw);
        } catch (TemplateFunctionException e) {
            throw e;
        } catch (Exception e) {
            throw new TemplateFunctionException("pkcs12: error encoding the key store");
        }
    }

    /** ESO's {@code pemTruststoreToPKCS12Pass}: every certificate as a Java trusted-certificate entry. */
    static String trustStore(String certPem, String password) {
        List<byte[]> cas = certs(certPem);
        char[] pw = password.toCharArray();
        try {
            List<PKCS12SafeBag> bags = new ArrayList<>();
            for (byte[] ca : cas) {
                PKCS12SafeBagBuilder bag = new PKCS12SafeBagBuilder(new X509CertificateHolder(ca));
                // go-pkcs12's EncodeTrustStore: the Java trust-store attribute, any extended key usage.
                bag.addBagAttribute(
                        new ASN1ObjectIdentifier("2.16.840.1.113894.746875.1.1"),
                        KeyPurposeId.anyExtendedKeyUsage.toOID());
                bags.add(bag.build());
            }
            PKCS12PfxPduBuilder builder = new PKCS12PfxPduBuilder();
            builder.addEncryptedData(encryptor(pw), bags.toArray(new PKCS12SafeBag[0]));
            return build(builder, pw);
        } catch (Exception e) {
            throw new TemplateFunctionException("pkcs12: error encoding the trust store");
        }
    }
}
