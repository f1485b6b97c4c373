package dev.credbroker.api;

/**
 * The {@code WWW-Authenticate} value of a 401: every one names the Bearer scheme and an {@code error}, so a client
 * library knows to get a new token rather than retry (RFC 9110 §15.5.2 requires the header on a 401).
 *
 * <p>Every refusal, including a missing token, says {@code invalid_token}: the broker has one kind of bearer and
 * the problem document's detail says which check failed. That detail is repeated as {@code error_description},
 * limited to the characters RFC 6750 allows there.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 */
final class BearerChallenge {
    static final String HEADER = "WWW-Authenticate";
    private static final int MAX_DESCRIPTION = 200;

    private BearerChallenge() {
    }

    static String of(String detail) {
        StringBuilder value = new StringBuilder("Bearer realm=\"credbroker\", error=\"invalid_token\"");
        if (detail != null && !detail.isBlank()) {
            value.append(", error_description=\"").append(description(detail)).append('"');
        }
        return value.toString();
    }

    /** RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E, so no quote, backslash or non-ASCII. */
    private static String description(String detail) {
        String d = detail.length() > MAX_DESCRIPTION ? detail.substring(0, MAX_DESCRIPTION) : detail;
        StringBuilder out = new StringBuilder(d.length());
        for (char c : d.toCharArray()) {
            boolean allowed = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
            out.append(allowed ? c : c == '"' ? '\'' : '?');
        }
        return out.toString();
    }
}
