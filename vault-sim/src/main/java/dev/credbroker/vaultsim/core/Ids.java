package dev.credbroker.vaultsim.core;

import java.security.SecureRandom;

/** Random identifiers in Vault's alphabet: tokens {@code hvs.…}, accessors and lease suffixes. */
public final class Ids {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** Service tokens since Vault 1.10 carry the {@code hvs.} prefix. */
    public static String serviceToken() {
        return "hvs." + random(24);
    }
}
