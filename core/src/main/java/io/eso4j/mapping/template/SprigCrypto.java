package io.eso4j.mapping.template;

import static io.eso4j.mapping.template.Functions.add;
import static io.eso4j.mapping.template.Functions.str;

import io.eso4j.mapping.template.Functions.Param;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sprig's {@code encryptAES} / {@code decryptAES} ({@code sprig/crypto.go}) on the JDK: AES-256-CBC, the password
 * zero-padded or cut to 32 bytes as the key, PKCS#7 padding, a random IV before the ciphertext, base64. Stateless.
 */
final class SprigCrypto {

    /** Seeded on first use: creating a {@code SecureRandom} costs start-up time. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    private SprigCrypto() {}

    private static SecretKeySpec key(String password) {
        byte[] key = new byte[32];
        byte[] p = GoBytes.bytes(password);
        System.arraycopy(p, 0, key, 0, Math.min(32, p.length));
        return new SecretKeySpec(key, "AES");
    }

    /** Go's {@code base64.StdEncoding.DecodeString}: CR/LF ignored, padding required. */
    static byte[] strictBase64(String text) {
        String clean = text.replace("\r", "").replace("\n", "");
        try {
            if (clean.length() % 4 != 0) {
                throw new IllegalArgumentException();
            }
            return Base64.getDecoder().decode(clean);
        } catch (IllegalArgumentException e) {
            throw new TemplateExecException("illegal base64 data at input byte " + firstBad(clean));
        }
    }

    private static int firstBad(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
            if (!ok && !(c == '=' && i >= s.length() - 2)) {
                return i;
            }
        }
        return s.length() / 4 * 4;
    }

    static void register() {
        Param s = Param.STRING;
        add("encryptAES", List.of(s, s), null, args -> {
            String plaintext = str(args, 1);
            if (plaintext.isEmpty()) {
                return "";
            }
            byte[] iv = new byte[16];
            Random.INSTANCE.nextBytes(iv);
            try {
                Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
                cipher.init(Cipher.ENCRYPT_MODE, key(str(args, 0)), new IvParameterSpec(iv));
                byte[] body = cipher.doFinal(GoBytes.bytes(plaintext));
                byte[] out = new byte[16 + body.length];
                System.arraycopy(iv, 0, out, 0, 16);
                System.arraycopy(body, 0, out, 16, body.length);
                return Base64.getEncoder().encodeToString(out);
            } catch (GeneralSecurityException e) {
                throw new TemplateExecException("crypto/aes: encryption failed");
            }
        });
        add("decryptAES", List.of(s, s), null, args -> {
            String crypt64 = str(args, 1);
            if (crypt64.isEmpty()) {
                return "";
            }
            byte[] crypt = strictBase64(crypt64);
            if (crypt.length < 16) {
                throw new TemplateExecException(
                        "runtime error: slice bounds out of range [:16] with capacity " + crypt.length);
            }
            if ((crypt.length - 16) % 16 != 0) {
                throw new TemplateExecException("crypto/cipher: input not full blocks");
            }
            try {
                Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key(str(args, 0)), new IvParameterSpec(crypt, 0, 16));
                byte[] plain = cipher.doFinal(crypt, 16, crypt.length - 16);
                if (plain.length == 0) {
                    throw new TemplateExecException("runtime error: index out of range [-1]");
                }
                int pad = plain[plain.length - 1] & 0xff;
                if (pad > plain.length) {
                    throw new TemplateExecException("runtime error: slice bounds out of range");
                }
                byte[] out = new byte[plain.length - pad];
                System.arraycopy(plain, 0, out, 0, out.length);
                return GoBytes.string(out);
            } catch (GeneralSecurityException e) {
                throw new TemplateExecException("crypto/aes: decryption failed");
            }
        });
    }
}
