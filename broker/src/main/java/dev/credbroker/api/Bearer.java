package dev.credbroker.api;

/** The credential of an {@code Authorization: Bearer …} header, or null when there is none. */
final class Bearer {
    private static final String PREFIX = "Bearer ";

    private Bearer() {
    }

    static String of(String authorization) {
        if (authorization == null || authorization.length() <= PREFIX.length()
                || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        return authorization.substring(PREFIX.length()).trim();
    }
}
