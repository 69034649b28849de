package io.vpai.harness.backup.restickey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A key file of a restic repository, as restic's design document describes it ("Keys, Encryption and MAC") and
 * restic's {@code AddKey} writes it: the repository's master key as JSON, sealed under a user key that scrypt
 * derives from the password with the N, r and p the file names. Sealing is restic's: AES-256-CTR, then
 * Poly1305-AES over the ciphertext, stored as nonce || ciphertext || tag. The file's name is the SHA-256 of its
 * bytes.
 * <p>
 * Why the harness writes one: restic calibrates scrypt to about half a second of CPU when it creates a key, and
 * pays it again on every command that opens the repository. A key with a smaller N opens the same repository,
 * with the same master key, in milliseconds.
 */
public record ResticKeyFile(String name, byte[] content) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SALT_BYTES = 64;
    private static final int NONCE_BYTES = 16;

    /** scrypt's cost parameters, as the key file names them. */
    public record Kdf(int n, int r, int p) {
    }

    /**
     * Seals {@code masterKeyJson} (what {@code restic cat masterkey} prints) under {@code password} with a fresh
     * random salt and nonce.
     */
    public static ResticKeyFile seal(String masterKeyJson, String password, Kdf kdf, Instant created) {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] nonce = new byte[NONCE_BYTES];
        do {
            random.nextBytes(nonce);
        } while (Arrays.equals(nonce, new byte[NONCE_BYTES])); // restic refuses an all-zero nonce
        return seal(masterKeyJson, password, kdf, salt, nonce, created);
    }

    static ResticKeyFile seal(String masterKeyJson, String password, Kdf kdf, byte[] salt, byte[] nonce, Instant created) {
        byte[] userKey = Scrypt.derive(password.getBytes(StandardCharsets.UTF_8), salt, kdf.n(), kdf.r(), kdf.p(), 64);
        byte[] data = sealWith(userKey, nonce, compactMasterKey(masterKeyJson));
        ObjectNode file = JSON.createObjectNode();
        file.put("created", created.toString());
        file.put("username", "vpai-harness");
        file.put("hostname", "retention-drill");
        file.put("kdf", "scrypt");
        file.put("N", kdf.n());
        file.put("r", kdf.r());
        file.put("p", kdf.p());
        file.put("salt", Base64.getEncoder().encodeToString(salt));
        file.put("data", Base64.getEncoder().encodeToString(data));
        byte[] content;
        try {
            content = JSON.writeValueAsBytes(file);
            return new ResticKeyFile(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), content);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write a restic key file: " + e.getMessage(), e);
        }
    }

    /** restic's Seal: user key = encryption key (32) || MAC key k (16, AES-128) || MAC key r (16, Poly1305). */
    static byte[] sealWith(byte[] userKey, byte[] nonce, byte[] plaintext) {
        try {
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(userKey, 0, 32, "AES"), new IvParameterSpec(nonce));
            byte[] ciphertext = ctr.doFinal(plaintext);
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(userKey, 32, 16, "AES"));
            byte[] polyKey = new byte[32];
            System.arraycopy(userKey, 48, polyKey, 0, 16);
            System.arraycopy(aes.doFinal(nonce), 0, polyKey, 16, 16);
            byte[] tag = Poly1305.tag(polyKey, ciphertext);
            byte[] out = new byte[nonce.length + ciphertext.length + tag.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ciphertext, 0, out, nonce.length, ciphertext.length);
            System.arraycopy(tag, 0, out, nonce.length + ciphertext.length, tag.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is missing from this JDK", e);
        }
    }

    /**
     * The master key as restic marshals it before sealing ({"mac":{"k","r"},"encrypt"}), checked for the key
     * sizes restic requires; anything else is refused rather than sealed into a key restic would reject.
     */
    static byte[] compactMasterKey(String masterKeyJson) {
        JsonNode key;
        try {
            key = JSON.readTree(masterKeyJson);
        } catch (IOException e) {
            // Not the parser's message: it would quote the text, and that text may hold key material.
            throw new IllegalArgumentException("not a restic master key (no JSON)");
        }
        ObjectNode mac = JSON.createObjectNode();
        mac.put("k", base64Field(key.path("mac"), "k", 16));
        mac.put("r", base64Field(key.path("mac"), "r", 16));
        ObjectNode out = JSON.createObjectNode();
        out.set("mac", mac);
        out.put("encrypt", base64Field(key, "encrypt", 32));
        try {
            return JSON.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Field(JsonNode parent, String field, int bytes) {
        String value = parent.path(field).asText("");
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            decoded = new byte[0];
        }
        if (decoded.length != bytes) {
            throw new IllegalArgumentException("not a restic master key: field '" + field + "' must hold " + bytes
                    + " bytes in base64");
        }
        return value;
    }
}
