package io.vpai.harness.ship;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The identity of a rendered tree: SHA-256 over its {@link TreeListing} (one line per file — executable bit, SHA-256
 * of the bytes, path — sorted by path). The same bytes give the same hash on this machine and on any host, whatever
 * the file times, owners or the order a directory lists them in; one changed byte, file, name or executable bit
 * gives another.
 */
public record RenderHash(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public RenderHash {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("'" + hex + "' is not a render hash (64 lowercase hex digits)");
        }
    }

    static RenderHash of(String canonicalText) {
        return new RenderHash(sha256(canonicalText.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 12 digits: enough to tell renders apart in a message, as git's short ids do. */
    public String shortForm() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return shortForm();
    }
}
