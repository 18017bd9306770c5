package io.eso4j.testkit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake AWS Certificate Manager's state, for tests to arrange and inspect certificates directly (no HTTP, no
 * signature). A certificate is its PEM, an optional chain PEM, an optional unencrypted PKCS#8 private key
 * ({@code -----BEGIN PRIVATE KEY-----}) and its {@code Options.Export} setting. Clients read it with an
 * {@code AcmClient} pointed at {@link FakeAws#endpoint()} ({@code GetCertificate}, {@code DescribeCertificate},
 * {@code ExportCertificate}); the export encrypts the key with the request's passphrase (PKCS#8 PBES2, PBKDF2 with
 * HMAC-SHA256 and AES-256-CBC, as an {@code ENCRYPTED PRIVATE KEY} block). Obtain it from
 * {@link FakeAws#certificates()}. Thread-safe; each call is atomic.
 */
public final class FakeCertificateManager {

    /** How a certificate's {@code Options.Export} reads in {@code DescribeCertificate}. */
    public enum Export {
        /** {@code Options.Export: ENABLED}: {@code ExportCertificate} is allowed. */
        ENABLED,
        /** {@code Options.Export: DISABLED}. */
        DISABLED,
        /** No {@code Options} member at all (older certificates). */
        NO_OPTIONS
    }

    /** One stored certificate; {@code toString} names the ARN only. */
    record Certificate(String arn, String certificate, String chain, String privateKey, Export export) {
        @Override
        public String toString() {
            return "Certificate[" + arn + "]";
        }
    }

    private final String region;
    private final String accountId;
    private final Map<String, Certificate> certificates = new ConcurrentHashMap<>();

    FakeCertificateManager(Clock clock, String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    /**
     * Imports a certificate under a new ARN ({@code arn:aws:acm:<region>:<account>:certificate/<uuid>}).
     *
     * @param certificatePem the certificate's PEM
     * @param chainPem the chain's PEM, or {@code null} for none
     * @param privateKeyPem the unencrypted PKCS#8 private key PEM, or {@code null} for none
     * @param export its {@code Options.Export}
     * @return the ARN
     */
    public String importCertificate(String certificatePem, String chainPem, String privateKeyPem, Export export) {
        String arn = "arn:aws:acm:" + region + ":" + accountId + ":certificate/" + UUID.randomUUID();
        put(arn, certificatePem, chainPem, privateKeyPem, export);
        return arn;
    }

    /**
     * Puts a certificate under {@code arn} (a new one, or a renewal of an existing one: its PEM changes, its ARN
     * stays).
     */
    public void put(String arn, String certificatePem, String chainPem, String privateKeyPem, Export export) {
        certificates.put(
                Objects.requireNonNull(arn, "arn"),
                new Certificate(
                        arn,
                        Objects.requireNonNull(certificatePem, "certificatePem"),
                        chainPem,
                        privateKeyPem,
                        Objects.requireNonNull(export, "export")));
    }

    /** Deletes the certificate {@code arn}; true if it existed. */
    public boolean delete(String arn) {
        return certificates.remove(arn) != null;
    }

    /** Whether a certificate {@code arn} exists. */
    public boolean exists(String arn) {
        return certificates.containsKey(arn);
    }

    Certificate get(String arn) {
        return certificates.get(arn);
    }

    Map<String, Certificate> snapshot() {
        return new LinkedHashMap<>(certificates);
    }

    void restore(Map<String, Certificate> snapshot) {
        certificates.clear();
        certificates.putAll(snapshot);
    }
}
