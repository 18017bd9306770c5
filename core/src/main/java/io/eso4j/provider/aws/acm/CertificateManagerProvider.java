package io.eso4j.provider.aws.acm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.eso4j.SecretAccessDeniedException;
import io.eso4j.SecretNotFoundException;
import io.eso4j.SecretsException;
import io.eso4j.TransientAwsException;
import io.eso4j.provider.SecretsProvider;
import io.eso4j.provider.aws.FetchResult;
import io.eso4j.provider.aws.FindQuery;
import io.eso4j.provider.aws.SdkFailures;
import io.eso4j.provider.aws.SecretValue;
import io.eso4j.provider.aws.SecretVersionRef;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateExport;
import software.amazon.awssdk.services.acm.model.ExportCertificateResponse;
import software.amazon.awssdk.services.acm.model.GetCertificateResponse;

/**
 * The {@link SecretsProvider} for {@code spec.provider.aws.service: CertificateManager}, ESO's {@code GetSecret} of
 * {@code providers/v1/aws/certificatemanager/certificatemanager.go}: {@code remoteRef.key} is the certificate ARN
 * (the store's {@code prefix} does not apply, as in ESO, where it only names pushed certificates); the value is the
 * PEM bundle of the certificate, its chain and its private key, each with trailing line breaks removed, joined by a
 * line break and ended by one. The private key is exported with a fresh random passphrase and decrypted here (the
 * JDK's PKCS#8 PBES2 support), so it is an unencrypted {@code PRIVATE KEY} block, as ESO writes it.
 *
 * <p>Calls per read: {@code GetCertificate} (the fingerprint: SHA-256 of the certificate and chain PEM), then, unless
 * the export cached for that ARN has the same fingerprint, {@code DescribeCertificate} (refusing a certificate whose
 * {@code Options.Export} is not {@code ENABLED}, before the paid export) and {@code ExportCertificate}. The cache holds
 * 128 exports for 24 hours, as ESO's. A value's {@link SecretValue#versionId()} is the fingerprint, so an unchanged
 * certificate re-maps nothing; a renewed one is exported again.
 *
 * <p>{@code remoteRef.version}, {@code property} and {@code metadataPolicy} are ignored, as in ESO (its
 * {@code GetSecret} reads only {@code ref.Key}): the value is always the PEM bundle. {@code dataFrom.extract} and
 * {@code find} fail with ESO's "operation not supported by AWS Certificate Manager provider". Thread-safe; the client and executor belong to
 * the caller. Messages name ARNs and AWS error codes, never a key, a passphrase or a certificate.
 */
public final class CertificateManagerProvider implements SecretsProvider {

    /** ESO's {@code errNotImplemented}. */
    static final String NOT_SUPPORTED = "operation not supported by AWS Certificate Manager provider";

    private static final int PASSPHRASE_LENGTH = 32;
    private static final char[] PASSPHRASE_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final String ENCRYPTED_KEY = "ENCRYPTED PRIVATE KEY";
    private static final String PLAIN_KEY = "PRIVATE KEY";

    private record Export(String fingerprint, String pem) {}

    private final AcmClient client;
    private final Executor executor;
    private final BooleanSupplier reloadCredentials;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Export> exports = Caffeine.newBuilder()
            .maximumSize(128)
            .expireAfterWrite(Duration.ofHours(24))
            .build();

    /**
     * A provider issuing the reads of one fetch in parallel on {@code executor}.
     *
     * @param client the ACM client, already configured with region and credentials
     * @param executor runs the calls; must not be the thread calling {@link #getValues}
     * @param reloadCredentials re-reads the client's credentials after AWS rejected them; true when they changed
     */
    public CertificateManagerProvider(AcmClient client, Executor executor, BooleanSupplier reloadCredentials) {
        this.client = client;
        this.executor = executor;
        this.reloadCredentials = reloadCredentials;
    }

    /** A provider issuing its calls one after another on the calling thread. */
    public CertificateManagerProvider(AcmClient client) {
        this(client, Runnable::run, () -> false);
    }

    /** ESO ignores {@code remoteRef.version} for ACM: every spelling of an ARN is its current certificate. */
    @Override
    public SecretVersionRef normalise(SecretVersionRef ref) {
        return SecretVersionRef.current(ref.key());
    }

    @Override
    public FetchResult getValues(Collection<SecretVersionRef> refs) {
        Set<SecretVersionRef> asked = new LinkedHashSet<>();
        for (SecretVersionRef ref : refs) {
            asked.add(normalise(ref));
        }
        Map<SecretVersionRef, CompletableFuture<SecretValue>> pending = new LinkedHashMap<>();
        for (SecretVersionRef ref : asked) {
            pending.put(ref, CompletableFuture.supplyAsync(() -> readWithRetry(ref.key()), executor));
        }
        Map<SecretVersionRef, SecretValue> values = new LinkedHashMap<>();
        Map<SecretVersionRef, SecretsException> failures = new LinkedHashMap<>();
        pending.forEach((ref, future) -> {
            try {
                values.put(ref, future.join());
            } catch (java.util.concurrent.CompletionException e) {
                failures.put(
                        ref,
                        e.getCause() instanceof SecretsException secrets
                                ? secrets
                                : new SecretsException("reading certificate " + ref.key() + " failed", e.getCause()));
            }
        });
        return FetchResult.of(values, failures);
    }

    /** Tags are not read for ACM (ESO's provider has no metadata read). */
    @Override
    public Map<String, String> getTags(String key) {
        throw new SecretsException(NOT_SUPPORTED);
    }

    /**
     * ESO's {@code GetSecretMap} is not implemented for ACM (providers/v1/aws/certificatemanager/certificatemanager.go
     * returns {@code errNotImplemented}), so {@code dataFrom.extract} fails without reading the certificate.
     */
    @Override
    public void requireSecretMap() {
        throw new SecretsException(NOT_SUPPORTED);
    }

    /**
     * ESO's {@code GetSecret} for ACM (providers/v1/aws/certificatemanager/certificatemanager.go) reads only
     * {@code ref.Key}: {@code property} and {@code metadataPolicy} do not change the bundle.
     */
    @Override
    public boolean valueAsIs() {
        return true;
    }

    /** ESO's {@code GetAllSecrets} is not implemented for ACM. */
    @Override
    public Map<String, SecretValue> find(FindQuery query) {
        throw new SecretsException(NOT_SUPPORTED);
    }

    private SecretValue readWithRetry(String arn) {
        try {
            return read(arn);
        } catch (SecretsException e) {
            if (SdkFailures.rejectsCredentials(e) && reloadCredentials.getAsBoolean()) {
                return read(arn);
            }
            throw e;
        }
    }

    /** ESO's {@code GetSecret}. */
    SecretValue read(String arn) {
        if (arn.isEmpty()) {
            throw new SecretsException("certificate ARN must be specified in remoteRef.key");
        }
        GetCertificateResponse certificate = call(
                "GetCertificate",
                arn,
                "failed to get certificate " + arn + ": ",
                () -> client.getCertificate(b -> b.certificateArn(arn)));
        String fingerprint = fingerprint(certificate.certificate(), certificate.certificateChain());
        Export cached = exports.getIfPresent(arn);
        if (cached != null && cached.fingerprint().equals(fingerprint)) {
            return value(arn, cached);
        }
        CertificateDetail detail = call(
                        "DescribeCertificate",
                        arn,
                        "failed to describe certificate " + arn + ": ",
                        () -> client.describeCertificate(b -> b.certificateArn(arn)))
                .certificate();
        if (detail == null || detail.options() == null || detail.options().export() != CertificateExport.ENABLED) {
            throw new SecretsException("certificate " + arn + " is not exportable (Options.Export is not ENABLED)");
        }
        char[] passphrase = passphrase();
        try {
            byte[] passphraseBytes = new String(passphrase).getBytes(StandardCharsets.US_ASCII);
            ExportCertificateResponse exported = call(
                    "ExportCertificate",
                    arn,
                    "failed to export certificate " + arn + ": ",
                    () -> client.exportCertificate(
                            b -> b.certificateArn(arn).passphrase(SdkBytes.fromByteArray(passphraseBytes))));
            Arrays.fill(passphraseBytes, (byte) 0);
            List<String> parts = new ArrayList<>(3);
            if (exported.certificate() != null) {
                parts.add(trimLineBreaks(exported.certificate()));
            }
            if (exported.certificateChain() != null) {
                parts.add(trimLineBreaks(exported.certificateChain()));
            }
            if (exported.privateKey() != null) {
                parts.add(trimLineBreaks(decrypt(exported.privateKey(), passphrase)));
            }
            if (parts.isEmpty()) {
                throw new SecretsException("no data returned from ExportCertificate for " + arn);
            }
            Export export = new Export(fingerprint, String.join("\n", parts) + "\n");
            exports.put(arn, export);
            return value(arn, export);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static SecretValue value(String arn, Export export) {
        return new SecretValue(arn, arn, export.fingerprint(), List.of(), export.pem(), null);
    }

    /** ESO's {@code generatePassphrase}: 32 alphanumerics (ACM refuses {@code #}, {@code $} and {@code %}). */
    private char[] passphrase() {
        char[] out = new char[PASSPHRASE_LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = PASSPHRASE_CHARS[random.nextInt(PASSPHRASE_CHARS.length)];
        }
        return out;
    }

    /**
     * ESO's {@code decryptPKCS8PEM}: an {@code ENCRYPTED PRIVATE KEY} block decrypted with {@code passphrase} into a
     * {@code PRIVATE KEY} block; a {@code PRIVATE KEY} block as it is; anything else fails naming the block type.
     */
    static String decrypt(String pem, char[] passphrase) {
        String type = pemType(pem);
        if (type == null) {
            throw new SecretsException("failed to decrypt exported private key: failed to decode PEM block");
        }
        if (type.equals(PLAIN_KEY)) {
            return pem;
        }
        if (!type.equals(ENCRYPTED_KEY)) {
            throw new SecretsException("failed to decrypt exported private key: unexpected PEM type: " + type);
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(pemBody(pem, type));
            // For PBES2 the JDK's algorithm name is "PBES2" and its parameters name the cipher to use
            // (PBEWithHmacSHA256AndAES_256, say); other PBE schemes name their cipher directly.
            String algorithm = info.getAlgName().equals("PBES2") && info.getAlgParameters() != null
                    ? info.getAlgParameters().toString()
                    : info.getAlgName();
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(passphrase)),
                    info.getAlgParameters());
            byte[] der = info.getKeySpec(cipher).getEncoded();
            try {
                return pem(PLAIN_KEY, der);
            } finally {
                Arrays.fill(der, (byte) 0);
            }
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
            // the exception's text is the JDK's, naming algorithms only; its class says enough
            throw new SecretsException("failed to decrypt exported private key: failed to decrypt PKCS#8 private key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String pemType(String pem) {
        int begin = pem.indexOf("-----BEGIN ");
        if (begin < 0) {
            return null;
        }
        int end = pem.indexOf("-----", begin + 11);
        return end < 0 ? null : pem.substring(begin + 11, end);
    }

    private static byte[] pemBody(String pem, String type) {
        String header = "-----BEGIN " + type + "-----";
        int start = pem.indexOf(header) + header.length();
        int end = pem.indexOf("-----END " + type + "-----", start);
        if (end < 0) {
            throw new IllegalArgumentException("no END line");
        }
        return Base64.getMimeDecoder().decode(pem.substring(start, end));
    }

    /** Go's {@code pem.EncodeToMemory}: 64 base64 characters a line. */
    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Go's {@code strings.TrimRight(s, "\r\n")}. */
    static String trimLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\r' || text.charAt(end - 1) == '\n')) {
            end--;
        }
        return text.substring(0, end);
    }

    /** ESO's {@code computeCertFingerprint}: hex SHA-256 of the trimmed certificate, then the trimmed chain if any. */
    static String fingerprint(String certificate, String chain) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(trimLineBreaks(certificate == null ? "" : certificate).getBytes(StandardCharsets.UTF_8));
            String trimmedChain = trimLineBreaks(chain == null ? "" : chain);
            if (!trimmedChain.isEmpty()) {
                sha256.update(trimmedChain.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Call<T> {
        T run();
    }

    /** One ACM call, its failure classified and prefixed with ESO's context. */
    private static <T> T call(String operation, String arn, String context, Call<T> call) {
        try {
            return call.run();
        } catch (AwsServiceException e) {
            throw classify(operation, arn, e).withContext(context);
        } catch (SdkException e) {
            throw SdkFailures.clientFailure(operation + " " + arn, e).withContext(context);
        }
    }

    /** ACM's error codes as eso4j's exceptions: not found, denied (terminal), transient, or plain. */
    static SecretsException classify(String operation, String arn, AwsServiceException e) {
        String code = SdkFailures.errorCode(e);
        String message = SdkFailures.serviceMessage(e);
        String detail =
                operation + " " + arn + " failed" + (message.isEmpty() ? "" : ": " + message) + " (" + code + ")";
        switch (code) {
            case "ResourceNotFoundException":
                return new SecretNotFoundException(arn, "certificate not found: " + detail, e);
            case "AccessDeniedException":
                return new SecretAccessDeniedException(arn, detail, e);
            default:
                TransientAwsException transientFailure = SdkFailures.transientFailure(code, e.statusCode(), detail, e);
                return transientFailure != null ? transientFailure : new SecretsException(detail, e);
        }
    }

    @Override
    public String toString() {
        return "CertificateManagerProvider";
    }
}
