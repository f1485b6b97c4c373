package dev.credbroker.kit;

import java.util.Comparator;

/**
 * A policy path as Vault reads it: a trailing {@code *} is a prefix match, a {@code +} segment matches exactly
 * one path segment, anything else (a {@code *} mid-path included) is literal.
 */
record VaultPathPattern(String pattern) {

    /**
     * Vault's precedence when several patterns of one policy match, most specific first. Vault applies only
     * the winner; it does not union them, so a narrow rule can take capabilities away from a broad one.
     */
    static final Comparator<VaultPathPattern> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt(VaultPathPattern::firstWildcard)
            .thenComparing(VaultPathPattern::glob, Comparator.reverseOrder())
            .thenComparing(VaultPathPattern::plusSegments, Comparator.reverseOrder())
            .thenComparingInt(p -> p.pattern.length())
            .thenComparing(VaultPathPattern::pattern)
            .reversed();

    boolean glob() {
        return pattern.endsWith("*");
    }

    boolean matches(String path) {
        String[] want = body().split("/", -1);
        String[] have = path.split("/", -1);
        if (glob() ? have.length < want.length : have.length != want.length) {
            return false;
        }
        int last = want.length - 1;
        for (int i = 0; i < last; i++) {
            if (!segmentMatches(want[i], have[i])) {
                return false;
            }
        }
        // under a glob the last segment of the pattern is only a prefix of the path's segment
        return glob() ? have[last].startsWith(want[last]) : segmentMatches(want[last], have[last]);
    }

    /** The first segment is the mount; a wildcard there reaches every engine and auth method. */
    boolean firstSegmentLiteral() {
        String first = body().split("/", -1)[0];
        boolean globInFirst = glob() && !body().contains("/");
        return !globInFirst && !first.isEmpty() && !first.equals("+") && !first.contains("*");
    }

    private String body() {
        return glob() ? pattern.substring(0, pattern.length() - 1) : pattern;
    }

    private static boolean segmentMatches(String want, String have) {
        return want.equals("+") ? !have.isEmpty() : want.equals(have);
    }

    private int firstWildcard() {
        int offset = 0;
        for (String segment : body().split("/", -1)) {
            if (segment.equals("+")) {
                return offset;
            }
            offset += segment.length() + 1;
        }
        return glob() ? pattern.length() - 1 : Integer.MAX_VALUE;
    }

    private int plusSegments() {
        int n = 0;
        for (String segment : body().split("/", -1)) {
            if (segment.equals("+")) {
                n++;
            }
        }
        return n;
    }
}
