package dev.credbroker.cli.phase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@value PhaseDirectory#ENV_FILE} as {@link CredentialLayout#envFile} writes it: comment lines, then
 * {@code export NAME='value'} with POSIX single quotes ({@code '\''} for a quote). Read back to replace some values
 * (refreshed AWS keys) and keep the rest; a value may span lines.
 */
final class EnvFile {
    private final List<String> comments;
    private final Map<String, String> values;

    private EnvFile(List<String> comments, Map<String, String> values) {
        this.comments = comments;
        this.values = values;
    }

    static EnvFile parse(String text) {
        List<String> comments = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eol = text.indexOf('\n', i);
            if (text.startsWith("#", i)) {
                comments.add(text.substring(i, eol < 0 ? text.length() : eol));
                i = eol < 0 ? text.length() : eol + 1;
                continue;
            }
            int eq = text.indexOf('=', i);
            if (!text.startsWith("export ", i) || eq < 0) {
                throw unreadable();
            }
            String name = text.substring(i + "export ".length(), eq);
            StringBuilder value = new StringBuilder();
            i = eq + 1;
            do {
                if (i < text.length() && text.charAt(i) == '\\' && text.startsWith("\\'", i)) {
                    value.append('\'');
                    i += 2;
                }
                if (i >= text.length() || text.charAt(i) != '\'') {
                    throw unreadable();
                }
                int close = text.indexOf('\'', i + 1);
                if (close < 0) {
                    throw unreadable();
                }
                value.append(text, i + 1, close);
                i = close + 1;
            } while (text.startsWith("\\''", i));
            if (i < text.length() && text.charAt(i) != '\n') {
                throw unreadable();
            }
            values.put(name, value.toString());
            i++;
        }
        return new EnvFile(comments, values);
    }

    /** This file with {@code replaced}'s values instead (names it lacks are added at the end). */
    String with(Map<String, String> replaced) {
        Map<String, String> all = new LinkedHashMap<>(values);
        all.putAll(replaced);
        StringBuilder text = new StringBuilder();
        comments.forEach(c -> text.append(c).append('\n'));
        all.forEach((name, value) -> text.append("export ").append(name).append('=')
                .append(CredentialLayout.shellQuote(value)).append('\n'));
        return text.toString();
    }

    Map<String, String> values() {
        return values;
    }

    private static PhaseCliException unreadable() {
        // never quote the text: it holds credentials
        return PhaseCliException.failure(PhaseDirectory.ENV_FILE + " is not in the form 'phase open' writes");
    }
}
