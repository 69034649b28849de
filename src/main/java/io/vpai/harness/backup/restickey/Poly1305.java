package io.vpai.harness.backup.restickey;

import java.math.BigInteger;

/**
 * The Poly1305 one-time authenticator (RFC 8439, section 2.5) with a 32-byte key r || s. The JDK only has it
 * inside ChaCha20-Poly1305; restic pairs it with AES (s = AES_k(nonce)). Key files are a few hundred bytes,
 * so plain BigInteger arithmetic is fast enough.
 */
final class Poly1305 {
    private static final BigInteger P = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));
    private static final BigInteger CLAMP = new BigInteger("0ffffffc0ffffffc0ffffffc0fffffff", 16);
    private static final BigInteger MOD_128 = BigInteger.ONE.shiftLeft(128);

    private Poly1305() {
    }

    static byte[] tag(byte[] key, byte[] message) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a Poly1305 key is 32 bytes, not " + key.length);
        }
        BigInteger r = littleEndian(key, 0, 16).and(CLAMP);
        BigInteger s = littleEndian(key, 16, 16);
        BigInteger accumulator = BigInteger.ZERO;
        for (int offset = 0; offset < message.length; offset += 16) {
            int length = Math.min(16, message.length - offset);
            // Each block is read with a 1 byte appended above its last one.
            BigInteger block = littleEndian(message, offset, length).setBit(8 * length);
            accumulator = accumulator.add(block).multiply(r).mod(P);
        }
        BigInteger tag = accumulator.add(s).mod(MOD_128);
        byte[] out = new byte[16];
        byte[] bigEndian = tag.toByteArray();
        for (int i = 0; i < 16 && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    private static BigInteger littleEndian(byte[] bytes, int offset, int length) {
        byte[] bigEndian = new byte[length + 1];
        for (int i = 0; i < length; i++) {
            bigEndian[length - i] = bytes[offset + i];
        }
        return new BigInteger(bigEndian);
    }
}
