package dev.credbroker.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The link between two events of a chain: SHA-256 over the previous event's hash, a newline and the event's
 * stored JSON text, as lowercase hex. Changing, removing or reordering a stored event changes every hash after it.
 */
public final class ChainHash {
    /** The "previous hash" of a chain's first event. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String link(String previousHash, String detail) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(detail.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
