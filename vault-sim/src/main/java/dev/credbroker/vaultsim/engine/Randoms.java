package dev.credbroker.vaultsim.engine;

import java.security.SecureRandom;
import java.util.UUID;

/** Random identifiers and secrets for the engines, all from one {@link SecureRandom}. */
public final class Randoms {
    public static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    public static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    public static final String HEX = "0123456789abcdef";
    public static final String DIGITS = "0123456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Randoms() {
    }

    /** {@code length} characters drawn uniformly from {@code alphabet}. */
    public static String string(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    public static byte[] bytes(int length) {
        byte[] out = new byte[length];
        RANDOM.nextBytes(out);
        return out;
    }

    /** A random (version 4) UUID, as Azure and Vault use for object ids. */
    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    public static SecureRandom secureRandom() {
        return RANDOM;
    }
}
