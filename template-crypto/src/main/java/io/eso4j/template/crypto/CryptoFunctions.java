package io.eso4j.template.crypto;

import io.eso4j.mapping.template.TemplateFunctionProvider;
import java.util.List;

/**
 * ESO's template functions that need Bouncy Castle, registered into eso4j's template engine by
 * {@link java.util.ServiceLoader} when this artifact is on the class path: ESO's PKCS#12 helpers
 * ({@code runtime/template/v2/pkcs12.go}) and Sprig's bcrypt, htpasswd, key, password and certificate generators
 * ({@code runtime/template/v2/sprig/crypto.go}). Stateless and thread-safe.
 */
public final class CryptoFunctions implements TemplateFunctionProvider {

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public CryptoFunctions() {}

    @Override
    public void register(Registry registry) {
        Type s = Type.STRING;
        Type n = Type.INT;
        Type a = Type.ANY;
        registry.add("pkcs12key", List.of(s), null, args -> Pkcs12.key("", str(args, 0)));
        registry.add("pkcs12keyPass", List.of(s, s), null, args -> Pkcs12.key(str(args, 0), str(args, 1)));
        registry.add("pkcs12cert", List.of(s), null, args -> Pkcs12.cert("", str(args, 0)));
        registry.add("pkcs12certPass", List.of(s, s), null, args -> Pkcs12.cert(str(args, 0), str(args, 1)));
        registry.add("pemToPkcs12", List.of(s, s), null, args -> Pkcs12.fromPem(str(args, 0), str(args, 1), "", false));
        registry.add(
                "pemToPkcs12Pass",
                List.of(s, s, s),
                null,
                args -> Pkcs12.fromPem(str(args, 0), str(args, 1), str(args, 2), false));
        registry.add(
                "fullPemToPkcs12", List.of(s, s), null, args -> Pkcs12.fromPem(str(args, 0), str(args, 1), "", true));
        registry.add(
                "fullPemToPkcs12Pass",
                List.of(s, s, s),
                null,
                args -> Pkcs12.fromPem(str(args, 0), str(args, 1), str(args, 2), true));
        registry.add("pemTruststoreToPKCS12", List.of(s), null, args -> Pkcs12.trustStore(str(args, 0), ""));
        registry.add(
                "pemTruststoreToPKCS12Pass",
                List.of(s, s),
                null,
                args -> Pkcs12.trustStore(str(args, 0), str(args, 1)));
        registry.add("bcrypt", List.of(s), null, args -> Passwords.bcrypt(str(args, 0)));
        registry.add(
                "htpasswd",
                List.of(s, s, s),
                null,
                args -> Passwords.htpasswd(str(args, 0), str(args, 1), str(args, 2)));
        registry.add(
                "derivePassword",
                List.of(n, s, s, s, s),
                null,
                args -> Passwords.derive((Long) args.get(0), str(args, 1), str(args, 2), str(args, 3), str(args, 4)));
        registry.add("genPrivateKey", List.of(s), null, args -> Certificates.privateKey(str(args, 0)));
        registry.add("buildCustomCert", List.of(s, s), null, args -> Certificates.custom(str(args, 0), str(args, 1)));
        registry.add("genCA", List.of(s, n), null, args -> Certificates.ca(str(args, 0), (Long) args.get(1), null));
        registry.add(
                "genCAWithKey",
                List.of(s, n, s),
                null,
                args -> Certificates.ca(str(args, 0), (Long) args.get(1), str(args, 2)));
        registry.add(
                "genSelfSignedCert",
                List.of(s, a, a, n),
                null,
                args -> Certificates.selfSigned(str(args, 0), args.get(1), args.get(2), (Long) args.get(3), null));
        registry.add(
                "genSelfSignedCertWithKey",
                List.of(s, a, a, n, s),
                null,
                args -> Certificates.selfSigned(
                        str(args, 0), args.get(1), args.get(2), (Long) args.get(3), str(args, 4)));
        registry.add(
                "genSignedCert",
                List.of(s, a, a, n, a),
                null,
                args -> Certificates.signed(
                        str(args, 0), args.get(1), args.get(2), (Long) args.get(3), args.get(4), null));
        registry.add(
                "genSignedCertWithKey",
                List.of(s, a, a, n, a, s),
                null,
                args -> Certificates.signed(
                        str(args, 0), args.get(1), args.get(2), (Long) args.get(3), args.get(4), str(args, 5)));
    }

    private static String str(List<Object> args, int i) {
        return (String) args.get(i);
    }
}
