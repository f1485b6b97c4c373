package dev.credbroker.support;

/**
 * A JSON string literal written by hand, for the two outputs that must not depend on a mapper's settings: audit
 * events (hashed into the chain, so their bytes must be stable) and JSON log lines.
 */
public final class JsonText {
    private JsonText() {
    }

    /**
     * RFC 8259 §7: quote, backslash and control characters escaped; line and paragraph separators too, so a line
     * stays one line anywhere; a lone surrogate escaped, so the output is still valid UTF-8 text. {@code null}
     * becomes JSON {@code null}.
     */
    public static void append(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                            && !pairedSurrogate(value, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean pairedSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
