package dev.credbroker.variables;

import dev.credbroker.workload.RunPhase;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code TFC_VAULT_*[_TAG]} configurations into {@link VaultConfig}s for one phase. A Vault configuration
 * is read only when something uses it (its {@code TFC_VAULT_PROVIDER_AUTH[_TAG]} is on, or a Vault-backed
 * configuration logs in with it), and at most once.
 */
final class VaultConfigReader {
    private final VariableScanner.FamilyValues values;
    private final RunPhase phase;
    private final Map<String, VaultConfig> read = new HashMap<>();

    VaultConfigReader(VariableScanner.FamilyValues values, RunPhase phase) {
        this.values = values;
        this.phase = phase;
    }

    /** Whether a configuration with this tag exists: the default always does, a tagged one once any of its
     *  {@code TFC_VAULT_*_<TAG>} variables is set. */
    boolean exists(String tag) {
        return tag.isEmpty() || values.hasTag(tag);
    }

    ConfigVariables variables(String tag) {
        return new ConfigVariables(VariableFamily.VAULT, tag, values);
    }

    /**
     * @param usedBy names the variable that makes this configuration needed, for the "required" messages
     */
    VaultConfig config(String tag, String usedBy) {
        VaultConfig cached = read.get(tag);
        if (cached != null) {
            return cached;
        }
        VaultConfig config = read(variables(tag), usedBy);
        read.put(tag, config);
        return config;
    }

    private VaultConfig read(ConfigVariables vars, String usedBy) {
        String context = " (used by " + usedBy + ")";
        URI address = VariableValues.vaultAddress(vars.get("ADDR").orElseThrow(
                () -> new InvalidVariableException(vars.name("ADDR"), "required" + context)));

        // Validate every role that is set, whatever the phase, so a bad APPLY role fails already at plan.
        vars.get("RUN_ROLE").map(VariableValues::segment);
        vars.get("PLAN_ROLE").map(VariableValues::segment);
        vars.get("APPLY_ROLE").map(VariableValues::segment);
        String role = vars.phased("ROLE", phase).map(ConfigVariables.Value::value)
                .orElseThrow(() -> vars.missingPhased("ROLE", context));

        Optional<String> namespace = vars.get("NAMESPACE").map(VariableValues::path);
        String authPath = vars.get("AUTH_PATH").map(VariableValues::path).orElse(VaultConfig.DEFAULT_AUTH_PATH);
        String audience = vars.get("WORKLOAD_IDENTITY_AUDIENCE").map(VariableValues::text)
                .orElse(VaultConfig.DEFAULT_AUDIENCE);
        Optional<String> caCert = vars.get("ENCODED_CACERT").map(VariableValues::encodedCaCert);
        Duration timeout = vars.get("CLIENT_TIMEOUT")
                .map(v -> VariableValues.seconds(v, 1, VariableValues.MAX_SECONDS))
                .orElse(VaultConfig.DEFAULT_CLIENT_TIMEOUT);
        return new VaultConfig(vars.tag(), address, namespace, authPath, role, audience, caCert, timeout);
    }
}
