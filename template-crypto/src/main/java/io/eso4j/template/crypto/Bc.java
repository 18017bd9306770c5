package io.eso4j.template.crypto;

import io.eso4j.mapping.template.GoBytes;
import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The Bouncy Castle provider instance this artifact uses (never installed globally) and byte helpers. */
final class Bc {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {}

    static byte[] bytes(String goString) {
        return GoBytes.bytes(goString);
    }

    static String string(byte[] bytes) {
        return GoBytes.string(bytes);
    }
}
