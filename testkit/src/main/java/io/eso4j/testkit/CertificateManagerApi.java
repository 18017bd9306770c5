package io.eso4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * The Certificate Manager read operations on the wire (awsJson1_1, {@code X-Amz-Target: CertificateManager.<Op>},
 * signing name {@code acm}): {@code GetCertificate}, {@code DescribeCertificate} and {@code ExportCertificate}, with
 * the model's member names ({@code Passphrase} is a base64 blob). Thread-safe.
 *
 * <p>Errors: an unknown ARN is {@code ResourceNotFoundException}, an ARN that is not an ACM certificate ARN
 * {@code InvalidArnException}, exporting a certificate whose export is not enabled, or with a passphrase shorter
 * than 4 bytes or holding {@code #}, {@code $} or {@code %}, {@code ValidationException}. The messages are the
 * fake's own wording (AWS's exact texts are not part of ESO's tests).
 */
final class CertificateManagerApi implements JsonService {

    static final String TARGET_PREFIX = "CertificateManager.";
    static final String SIGNING_NAME = "acm";
    private static final String CIPHER = "PBEWithHmacSHA256AndAES_256";
    private static final int ITERATIONS = 2048;

    private final ObjectMapper json;
    private final FakeCertificateManager certificates;
    private final SecureRandom random = new SecureRandom();

    CertificateManagerApi(ObjectMapper json, FakeCertificateManager certificates) {
        this.json = json;
        this.certificates = certificates;
    }

    @Override
    public String signingName() {
        return SIGNING_NAME;
    }

    @Override
    public String internalErrorCode() {
        return "InternalFailure";
    }

    @Override
    public List<String> resourceIds(JsonNode request) {
        JsonNode arn = request.get("CertificateArn");
        return arn != null && arn.isTextual() ? List.of(arn.asText()) : List.of();
    }

    @Override
    public ObjectNode handle(String operation, JsonNode request, String accessKeyId) {
        switch (operation) {
            case "GetCertificate":
                return getCertificate(certificate(request));
            case "DescribeCertificate":
                return describeCertificate(certificate(request));
            case "ExportCertificate":
                return exportCertificate(certificate(request), request.get("Passphrase"));
            default:
                throw ApiError.badRequest(
                        "UnknownOperationException", "The fake does not implement CertificateManager." + operation);
        }
    }

    private FakeCertificateManager.Certificate certificate(JsonNode request) {
        JsonNode arnNode = request.get("CertificateArn");
        if (arnNode == null || !arnNode.isTextual() || arnNode.asText().isEmpty()) {
            throw ApiError.badRequest(
                    "ValidationException",
                    "1 validation error detected: Value null at 'certificateArn' failed to satisfy constraint: Member"
                            + " must not be null");
        }
        String arn = arnNode.asText();
        if (!arn.startsWith("arn:aws:acm:") || !arn.contains(":certificate/")) {
            throw ApiError.badRequest("InvalidArnException", "String '" + arn + "' is not a valid ARN.");
        }
        FakeCertificateManager.Certificate certificate = certificates.get(arn);
        if (certificate == null) {
            throw ApiError.badRequest("ResourceNotFoundException", "Could not find certificate " + arn + ".");
        }
        return certificate;
    }

    private ObjectNode getCertificate(FakeCertificateManager.Certificate certificate) {
        ObjectNode out = json.createObjectNode();
        out.put("Certificate", certificate.certificate());
        // ESO's certificatemanager.go: a certificate imported without a chain still comes back with
        // CertificateChain equal to the certificate
        out.put("CertificateChain", certificate.chain() != null ? certificate.chain() : certificate.certificate());
        return out;
    }

    private ObjectNode describeCertificate(FakeCertificateManager.Certificate certificate) {
        ObjectNode out = json.createObjectNode();
        ObjectNode detail = out.putObject("Certificate");
        detail.put("CertificateArn", certificate.arn());
        detail.put("Status", "ISSUED");
        detail.put("Type", "IMPORTED");
        if (certificate.export() != FakeCertificateManager.Export.NO_OPTIONS) {
            ObjectNode options = detail.putObject("Options");
            options.put("CertificateTransparencyLoggingPreference", "ENABLED");
            options.put("Export", certificate.export().name());
        }
        return out;
    }

    private ObjectNode exportCertificate(FakeCertificateManager.Certificate certificate, JsonNode passphraseNode) {
        if (passphraseNode == null || !passphraseNode.isTextual()) {
            throw ApiError.badRequest(
                    "ValidationException",
                    "1 validation error detected: Value null at 'passphrase' failed to satisfy constraint: Member"
                            + " must not be null");
        }
        byte[] passphrase = Base64.getDecoder().decode(passphraseNode.asText());
        try {
            if (passphrase.length < 4) {
                throw ApiError.badRequest("ValidationException", "The passphrase must be at least 4 characters long.");
            }
            for (byte b : passphrase) {
                if (b == '#' || b == '$' || b == '%') {
                    throw ApiError.badRequest(
                            "ValidationException", "The passphrase must not contain the characters #, $ or %.");
                }
            }
            if (certificate.export() != FakeCertificateManager.Export.ENABLED) {
                throw ApiError.badRequest(
                        "ValidationException", "Certificate " + certificate.arn() + " is not exportable.");
            }
            ObjectNode out = json.createObjectNode();
            out.put("Certificate", certificate.certificate());
            if (certificate.chain() != null) {
                out.put("CertificateChain", certificate.chain());
            }
            if (certificate.privateKey() != null) {
                out.put("PrivateKey", encrypt(certificate.privateKey(), passphrase));
            }
            return out;
        } finally {
            Arrays.fill(passphrase, (byte) 0);
        }
    }

    /** The PKCS#8 key of {@code pem} as an {@code ENCRYPTED PRIVATE KEY} block under {@code passphrase}. */
    private String encrypt(String pem, byte[] passphrase) {
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("the fake's private key is not a PRIVATE KEY PEM block");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        char[] password = new String(passphrase, StandardCharsets.ISO_8859_1).toCharArray();
        try {
            byte[] salt = new byte[16];
            byte[] iv = new byte[16];
            random.nextBytes(salt);
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    SecretKeyFactory.getInstance(CIPHER).generateSecret(new PBEKeySpec(password)),
                    new PBEParameterSpec(salt, ITERATIONS, new IvParameterSpec(iv)));
            byte[] encrypted = cipher.doFinal(der);
            // the JDK names the cipher's parameters by the cipher; PKCS#8 names them PBES2 (OID 1.2.840.113549.1.5.13)
            AlgorithmParameters pbes2 = AlgorithmParameters.getInstance("PBES2");
            pbes2.init(cipher.getParameters().getEncoded());
            byte[] info = new EncryptedPrivateKeyInfo(pbes2, encrypted).getEncoded();
            return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(info)
                    + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the fake could not encrypt a private key", e);
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(der, (byte) 0);
        }
    }
}
