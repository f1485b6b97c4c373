package dev.credbroker.cli.phase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What {@code phase open} writes, computed from the broker's {@code credentials} before anything touches the
 * disk: the credential files, the environment for {@value PhaseDirectory#ENV_FILE} and HCP's Terraform input
 * variables for {@value PhaseDirectory#TFVARS_FILE}. File names the broker hands out are relative; here every
 * reference to one of them (an env value such as {@code AWS_SHARED_CREDENTIALS_FILE}, a Terraform field such as
 * {@code shared_credentials_file}) becomes its absolute path inside the output directory.
 *
 * <p>Each {@code tfc_*_dynamic_credentials} variable has HCP's shape {@code {default = object(F), aliases =
 * map(object(F))}}, alias keys being the tags. Every entry carries every field of F, {@code null} where a
 * configuration has none (a GCP access token has no {@code credentials} file, a tag-only workspace no default),
 * so the object converts to the type the HCP docs tell users to declare.
 */
final class CredentialLayout {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PROVIDER = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** Fields of each variable's object type, as HCP documents them. */
    private static final Map<String, List<String>> FIELDS = Map.of(
            "aws", List.of("shared_credentials_file"),
            "azure", List.of("client_id_file_path", "client_secret_file_path"),
            "gcp", List.of("credentials", "access_token"),
            "vault", List.of("token_filename", "address", "namespace", "ca_cert_file"));

    final Map<String, String> files;
    final Map<String, String> env;
    final Map<String, Object> terraformVariables;
    /** Per AWS configuration ({@code tag}, "" for the default): its shared credentials file and expiry. No secret. */
    final List<Map<String, Object>> aws;

    private CredentialLayout(Map<String, String> files, Map<String, String> env, Map<String, Object> terraformVariables,
                             List<Map<String, Object>> aws) {
        this.files = files;
        this.env = env;
        this.terraformVariables = terraformVariables;
        this.aws = aws;
    }

    /** HCP's input variable for a provider: {@code tfc_vault_dynamic_credentials} for Vault itself. */
    static String variableName(String provider) {
        return provider.equals("vault") ? "tfc_vault_dynamic_credentials"
                : "tfc_vault_backed_" + provider + "_dynamic_credentials";
    }

    /**
     * @param credentials the {@code credentials} of {@code POST /v1/phases}'s answer
     * @param absolute    a checked file name → its absolute path in the output directory
     */
    static CredentialLayout of(Object credentials, Function<String, String> absolute) {
        if (!(credentials instanceof List<?> list)) {
            throw unexpected();
        }
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> env = new TreeMap<>();
        // provider → tag → fields; "" is the default configuration
        Map<String, Map<String, Map<String, String>>> entries = new TreeMap<>();
        List<Map<String, Object>> aws = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> credential)) {
                throw unexpected();
            }
            String provider = string(credential.get("provider"));
            String tag = credential.get("tag") == null ? "" : string(credential.get("tag"));
            if (!PROVIDER.matcher(provider).matches() || !tag.matches("[A-Za-z0-9_]{0,64}")) {
                throw unexpected();
            }
            Map<String, String> own = strings(credential.get("files"));
            for (var file : own.entrySet()) {
                PhaseDirectory.checkName(file.getKey());
                if (files.putIfAbsent(file.getKey(), file.getValue()) != null) {
                    throw PhaseCliException.failure("the broker handed out two files named " + file.getKey());
                }
            }
            Function<String, String> rewrite = v -> own.containsKey(v) ? absolute.apply(v) : v;
            for (var variable : strings(credential.get("env")).entrySet()) {
                if (!ENV_NAME.matcher(variable.getKey()).matches()) {
                    throw PhaseCliException.failure("the broker handed out an environment variable with an invalid name");
                }
                String value = rewrite.apply(variable.getValue());
                String before = env.putIfAbsent(variable.getKey(), value);
                if (before != null && !before.equals(value)) {
                    throw PhaseCliException.failure("the broker handed out two values for " + variable.getKey());
                }
            }
            Map<String, String> fields = strings(credential.get("terraform_fields"));
            if (provider.equals("aws") && own.containsKey(fields.get("shared_credentials_file"))) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("tag", tag);
                entry.put("credentials_file", fields.get("shared_credentials_file"));
                entry.put("expires_at", credential.get("expires_at") instanceof String e ? e : null);
                aws.add(entry);
            }
            if (!fields.isEmpty()) {
                Map<String, String> entry = new LinkedHashMap<>();
                fields.forEach((k, v) -> entry.put(k, rewrite.apply(v)));
                if (entries.computeIfAbsent(provider, p -> new TreeMap<>()).put(tag, entry) != null) {
                    throw PhaseCliException.failure("the broker handed out two " + provider + " configurations"
                            + (tag.isEmpty() ? "" : " tagged " + tag));
                }
            }
        }
        Map<String, Object> variables = new TreeMap<>();
        entries.forEach((provider, byTag) -> variables.put(variableName(provider), variable(provider, byTag)));
        return new CredentialLayout(files, env, variables, aws);
    }

    private static Map<String, Object> variable(String provider, Map<String, Map<String, String>> byTag) {
        Set<String> fieldNames = new LinkedHashSet<>(FIELDS.getOrDefault(provider, List.of()));
        byTag.values().forEach(e -> fieldNames.addAll(new TreeMap<>(e).keySet()));
        Map<String, Object> aliases = new TreeMap<>();
        byTag.forEach((tag, entry) -> {
            if (!tag.isEmpty()) {
                aliases.put(tag, complete(fieldNames, entry));
            }
        });
        Map<String, Object> variable = new LinkedHashMap<>();
        variable.put("default", complete(fieldNames, byTag.getOrDefault("", Map.of())));
        variable.put("aliases", aliases);
        return variable;
    }

    private static Map<String, String> complete(Set<String> fieldNames, Map<String, String> entry) {
        Map<String, String> full = new LinkedHashMap<>();
        fieldNames.forEach(f -> full.put(f, entry.get(f)));
        return full;
    }

    /** {@code export NAME='value'} lines, single-quoted for any POSIX shell. */
    String envFile(String phaseId) {
        StringBuilder text = new StringBuilder("# credbroker phase ").append(phaseId)
                .append(": credentials, keep private; source this file in the shell that runs terraform\n");
        env.forEach((name, value) -> text.append("export ").append(name).append('=').append(shellQuote(value))
                .append('\n'));
        return text.toString();
    }

    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    List<String> fileNames() {
        return new ArrayList<>(files.keySet());
    }

    private static String string(Object value) {
        if (!(value instanceof String s)) {
            throw unexpected();
        }
        return s;
    }

    private static Map<String, String> strings(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw unexpected();
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(k instanceof String key) || !(v instanceof String s)) {
                throw unexpected();
            }
            out.put(key, s);
        });
        return out;
    }

    private static PhaseCliException unexpected() {
        return PhaseCliException.failure("the broker's answer does not have the shape of /v1/phases "
                + "(credentials: [{provider, tag, env, files, terraform_fields}])");
    }
}
