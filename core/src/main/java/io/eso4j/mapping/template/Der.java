package io.eso4j.mapping.template;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * The few DER pieces the ESO helpers need that the JDK does not expose: reading a TLV (key identifiers of X.509
 * extensions, the curve of a SEC 1 key) and writing the PKCS#8 structures Go's {@code x509} writes. Stateless.
 */
final class Der {

    private Der() {}

    /** One TLV: tag byte, content offsets. */
    record Tlv(int tag, int start, int end) {}

    /** Reads the TLV at {@code at}; throws {@link IllegalArgumentException} on malformed input. */
    static Tlv read(byte[] d, int at) {
        if (at + 2 > d.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        int tag = d[at] & 0xff;
        int len = d[at + 1] & 0xff;
        int start = at + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            if (n == 0 || n > 4 || start + n > d.length) {
                throw new IllegalArgumentException("bad DER length");
            }
            len = 0;
            for (int k = 0; k < n; k++) {
                len = len << 8 | (d[start + k] & 0xff);
            }
            start += n;
        }
        if (len < 0 || start + len > d.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        return new Tlv(tag, start, start + len);
    }

    static byte[] content(byte[] d, Tlv t) {
        byte[] out = new byte[t.end() - t.start()];
        System.arraycopy(d, t.start(), out, 0, out.length);
        return out;
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.write(p, 0, p.length);
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 6);
        out.write(tag);
        if (b.length < 0x80) {
            out.write(b.length);
        } else {
            byte[] len = BigInteger.valueOf(b.length).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - skip));
            out.write(len, skip, len.length - skip);
        }
        out.write(b, 0, b.length);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(0x30, parts);
    }

    static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray());
    }

    static byte[] octets(byte[] v) {
        return tlv(0x04, v);
    }

    static byte[] bits(byte[] v) {
        byte[] withPad = new byte[v.length + 1];
        System.arraycopy(v, 0, withPad, 1, v.length);
        return tlv(0x03, withPad);
    }

    /** An OID in dotted form. */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long v = Long.parseLong(parts[i]);
            int shift = (63 - Long.numberOfLeadingZeros(Math.max(v, 1))) / 7 * 7;
            for (int s = shift; s > 0; s -= 7) {
                out.write((int) (0x80 | (v >> s) & 0x7f));
            }
            out.write((int) (v & 0x7f));
        }
        return tlv(0x06, out.toByteArray());
    }

    /** Big-endian unsigned bytes of {@code v}, left-padded to {@code size}. */
    static byte[] fixed(BigInteger v, int size) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[size];
        int copy = Math.min(b.length, size);
        System.arraycopy(b, b.length - copy, out, size - copy, copy);
        return out;
    }
}
