package io.eso4j.template.crypto;

import io.eso4j.mapping.template.TemplateFunctionException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.SCrypt;

/** Sprig's {@code bcrypt}, {@code htpasswd} and {@code derivePassword} ({@code sprig/crypto.go}). Stateless. */
final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    /** Go's {@code bcrypt.GenerateFromPassword(p, DefaultCost)}: {@code $2a$10$...}; errors as Sprig prints them. */
    static String bcrypt(String input) {
        byte[] password = Bc.bytes(input);
        if (password.length > 72) {
            return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        // OpenBSDBCrypt appends the NUL terminator itself; Go's bcrypt does the same for passwords under 72 bytes.
        return OpenBSDBCrypt.generate("2a", password, salt, 10);
    }

    static String htpasswd(String username, String password, String algorithm) {
        if (username.contains(":")) {
            return "invalid username: " + username;
        }
        if (algorithm.equals("sha")) {
            try {
                byte[] sum = MessageDigest.getInstance("SHA-1").digest(Bc.bytes(password));
                return username + ":{SHA}" + Base64.getEncoder().encodeToString(sum);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-1 is required by every Java platform", e);
            }
        }
        return username + ":" + bcrypt(password);
    }

    private static final String SEED = "com.lyndir.masterpassword";

    private static final Map<String, List<String>> TEMPLATES = Map.of(
            "maximum", List.of("anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"),
            "long",
                    List.of(
                            "CvcvnoCvcvCvcv",
                            "CvcvCvcvnoCvcv",
                            "CvcvCvcvCvcvno",
                            "CvccnoCvcvCvcv",
                            "CvccCvcvnoCvcv",
                            "CvccCvcvCvcvno",
                            "CvcvnoCvccCvcv",
                            "CvcvCvccnoCvcv",
                            "CvcvCvccCvcvno",
                            "CvcvnoCvcvCvcc",
                            "CvcvCvcvnoCvcc",
                            "CvcvCvcvCvccno",
                            "CvccnoCvccCvcv",
                            "CvccCvccnoCvcv",
                            "CvccCvccCvcvno",
                            "CvcvnoCvccCvcc",
                            "CvcvCvccnoCvcc",
                            "CvcvCvccCvccno",
                            "CvccnoCvcvCvcc",
                            "CvccCvcvnoCvcc",
                            "CvccCvcvCvccno"),
            "medium", List.of("CvcnoCvc", "CvcCvcno"),
            "short", List.of("Cvcn"),
            "basic", List.of("aaanaaan", "aannaaan", "aaannaaa"),
            "pin", List.of("nnnn"));

    private static final Map<Character, String> CHARACTERS = Map.of(
            'V', "AEIOU",
            'C', "BCDFGHJKLMNPQRSTVWXYZ",
            'v', "aeiou",
            'c', "bcdfghjklmnpqrstvwxyz",
            'A', "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
            'a', "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
            'n', "0123456789",
            'o', "@&%?,=[]_:-+*$#!'^~;()/.",
            'x', "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()");

    /** Sprig's {@code derivePassword}: the Master Password algorithm (scrypt N=32768, r=8, p=2, then HMAC-SHA-256). */
    static String derive(long counter, String type, String password, String user, String site) {
        List<String> templates = TEMPLATES.get(type);
        if (templates == null) {
            return "cannot find password template " + type;
        }
        if (counter < 0 || counter > 0xffffffffL) {
            throw new TemplateFunctionException("reflect: uint32 counter out of range");
        }
        byte[] userBytes = Bc.bytes(user);
        ByteArrayOutputStream salt = new ByteArrayOutputStream();
        salt.writeBytes(SEED.getBytes(StandardCharsets.UTF_8));
        salt.writeBytes(ByteBuffer.allocate(4).putInt(userBytes.length).array());
        salt.writeBytes(userBytes);
        byte[] key = SCrypt.generate(Bc.bytes(password), salt.toByteArray(), 32768, 8, 2, 64);
        byte[] siteBytes = Bc.bytes(site);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(SEED.getBytes(StandardCharsets.UTF_8));
        message.writeBytes(ByteBuffer.allocate(4).putInt(siteBytes.length).array());
        message.writeBytes(siteBytes);
        message.writeBytes(ByteBuffer.allocate(4).putInt((int) counter).array());
        byte[] seed;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            seed = mac.doFinal(message.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
        String template = templates.get((seed[0] & 0xff) % templates.size());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            String chars = CHARACTERS.get(template.charAt(i));
            out.append(chars.charAt((seed[i + 1] & 0xff) % chars.length()));
        }
        return out.toString();
    }
}
