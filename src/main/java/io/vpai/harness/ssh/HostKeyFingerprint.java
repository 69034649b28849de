package io.vpai.harness.ssh;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * A host key as people compare it: {@code ssh-ed25519 SHA256:…}, the exact form {@code ssh-keygen -lf} prints,
 * so an operator can hold the message next to what they verified out of band.
 */
public final class HostKeyFingerprint {
    private HostKeyFingerprint() {
    }

    /** {@code SHA256:} and the unpadded base64 of the SHA-256 over the key's SSH wire encoding. */
    public static String sha256(PublicKey key) {
        return sha256(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    }

    /** The same over an already encoded key blob (the base64 field of a known_hosts or .pub line, decoded). */
    public static String sha256(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** {@code ssh-ed25519 SHA256:…}. */
    public static String describe(PublicKey key) {
        return KeyType.fromKey(key) + " " + sha256(key);
    }
}
