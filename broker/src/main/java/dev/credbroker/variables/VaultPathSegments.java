package dev.credbroker.variables;

import java.util.regex.Pattern;

/**
 * Validates names that end up in a Vault request path (invariant 5, docs/INVARIANTS.md): a role, roleset or static
 * account is one segment; a mount, auth path or namespace is one or more segments joined by {@code /}. Segments are
 * letters, digits and {@code _ . @ -}, never {@code .} or {@code ..}; so no empty segment, no leading or trailing
 * {@code /}, no percent-encoding, no whitespace, no traversal.
 */
public final class VaultPathSegments {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.@-]{1,128}");
    private static final int MAX_PATH = 512;

    /** What a segment may be, for error messages. */
    public static final String SEGMENT_RULE =
            "a single path segment of letters, digits and _ . @ - (not . or ..)";
    /** What a multi-segment path may be, for error messages. */
    public static final String PATH_RULE = "path segments of letters, digits and _ . @ - joined by / "
            + "(no empty, . or .. segment, no leading or trailing /)";

    private VaultPathSegments() {
    }

    /** One segment: a role, roleset or static account name. */
    public static boolean isSegment(String value) {
        return value != null && SEGMENT.matcher(value).matches() && !value.equals(".") && !value.equals("..");
    }

    /** A mount, auth path or namespace: segments joined by {@code /}. */
    public static boolean isPath(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_PATH) {
            return false;
        }
        for (String segment : value.split("/", -1)) {
            if (!isSegment(segment)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Joins a validated mount and validated segments into a Vault path, checking again: defence in depth for
     * callers that build paths from plans.
     *
     * @throws IllegalArgumentException if a part is not valid; the message carries no value
     */
    public static String join(String mount, String... segments) {
        if (!isPath(mount)) {
            throw new IllegalArgumentException("invalid Vault mount path");
        }
        StringBuilder path = new StringBuilder(mount);
        for (String segment : segments) {
            if (!isSegment(segment)) {
                throw new IllegalArgumentException("invalid Vault path segment");
            }
            path.append('/').append(segment);
        }
        return path.toString();
    }
}
