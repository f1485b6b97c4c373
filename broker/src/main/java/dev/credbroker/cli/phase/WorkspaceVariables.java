package dev.credbroker.cli.phase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The workspace variables sent to {@code POST /v1/phases}: a JSON object or {@code KEY=VALUE} lines, then
 * {@code --var} options on top. Only {@code TFC_*} names are sent, never {@code TFC_WORKLOAD_IDENTITY_TOKEN*}
 * (the token goes in the header, not the body). Messages name lines and keys, never values.
 */
final class WorkspaceVariables {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private WorkspaceVariables() {
    }

    static Map<String, String> load(Path file, Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>();
        if (file != null) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw PhaseCliException.badInput("--variables-file: cannot read " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
            boolean isJson = file.getFileName().toString().endsWith(".json") || text.stripLeading().startsWith("{");
            all.putAll(isJson ? fromJson(text, file) : fromLines(text, file));
        }
        if (overrides != null) {
            overrides.forEach((k, v) -> {
                if (!NAME.matcher(k).matches() || !sendable(k)) {
                    throw PhaseCliException.badInput("--var: '" + k + "' is not a TFC_* variable name");
                }
                all.put(k, v);
            });
        }
        Map<String, String> sent = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (sendable(k)) {
                sent.put(k, v);
            }
        });
        return sent;
    }

    /** The broker reads {@code TFC_*} only; the rest of a variables file is none of its business. */
    static boolean sendable(String name) {
        return name.startsWith("TFC_") && !name.startsWith(BrokerOptions.DEFAULT_TOKEN_ENV);
    }

    static Map<String, String> fromJson(String text, Path file) {
        Map<String, Object> parsed;
        try {
            parsed = Json.parseObject(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw PhaseCliException.badInput("--variables-file: " + file + " is not a JSON object");
        }
        if (parsed == null) {
            throw PhaseCliException.badInput("--variables-file: " + file + " is not a JSON object");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        parsed.forEach((k, v) -> {
            if (v instanceof String || v instanceof Boolean || v instanceof Number) {
                vars.put(k, v.toString());
            } else if (sendable(k)) {
                throw PhaseCliException.badInput("--variables-file: " + k + " is not a string, number or boolean");
            }
        });
        return vars;
    }

    /** {@code KEY=VALUE}, optional {@code export }, blank lines and {@code #} comments, values optionally quoted. */
    static Map<String, String> fromLines(String text, Path file) {
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).stripLeading();
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (!NAME.matcher(key).matches()) {
                throw PhaseCliException.badInput("--variables-file: " + file + " line " + (i + 1)
                        + ": expected KEY=VALUE");
            }
            vars.put(key, unquote(line.substring(eq + 1).strip()));
        }
        return vars;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
