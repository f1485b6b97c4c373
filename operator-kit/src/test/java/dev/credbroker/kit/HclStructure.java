package dev.credbroker.kit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bracket and string balance of an HCL file. hcl4j recovers silently from an unclosed {@code [} or a stray
 * {@code }}, which Vault and Terraform reject, so parsing alone would let such a file through.
 */
final class HclStructure {
    private static final Pattern HEREDOC = Pattern.compile("<<-?([A-Za-z_][A-Za-z0-9_]*)\\r?\\n");
    private static final char INTERPOLATION = '$';

    private HclStructure() {
    }

    /** The first imbalance found, as "line N: what", or empty when every bracket and string closes. */
    static Optional<String> firstError(String text) {
        Deque<Character> open = new ArrayDeque<>();
        boolean inString = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                } else if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
                    i += 2; // escaped, literal text
                } else if ((c == '$' || c == '%') && i + 1 < n && text.charAt(i + 1) == '{') {
                    open.push(INTERPOLATION);
                    inString = false;
                    i++;
                } else if (c == '\n') {
                    return error(text, i, "string not closed on its line");
                }
                continue;
            }
            Matcher heredoc = HEREDOC.matcher(text).region(i, n);
            if (c == '#' || text.startsWith("//", i)) {
                i = endOf(text, "\n", i);
            } else if (text.startsWith("/*", i)) {
                i = endOf(text, "*/", i) + 1;
            } else if (c == '<' && heredoc.lookingAt()) {
                Matcher end = Pattern.compile("(?m)^\\s*" + heredoc.group(1) + "\\s*$").matcher(text);
                if (!end.find(heredoc.end())) {
                    return error(text, i, "heredoc " + heredoc.group(1) + " not closed");
                }
                i = end.end() - 1;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[' || c == '(') {
                open.push(c);
            } else if (c == '}' || c == ']' || c == ')') {
                if (open.isEmpty()) {
                    return error(text, i, "'" + c + "' closes nothing");
                }
                char top = open.pop();
                if (top == INTERPOLATION && c == '}') {
                    inString = true;
                } else if (closerOf(top) != c) {
                    return error(text, i, "'" + c + "' where '" + closerOf(top) + "' was expected");
                }
            }
        }
        if (inString) {
            return Optional.of("end of file: string not closed");
        }
        return open.isEmpty() ? Optional.empty()
                : Optional.of("end of file: '" + closerOf(open.peek()) + "' missing");
    }

    private static char closerOf(char opener) {
        return switch (opener) {
            case '{', INTERPOLATION -> '}';
            case '[' -> ']';
            default -> ')';
        };
    }

    private static int endOf(String text, String terminator, int from) {
        int end = text.indexOf(terminator, from + 1);
        return end < 0 ? text.length() : end;
    }

    private static Optional<String> error(String text, int index, String what) {
        long line = text.substring(0, index).chars().filter(ch -> ch == '\n').count() + 1;
        return Optional.of("line " + line + ": " + what);
    }
}
