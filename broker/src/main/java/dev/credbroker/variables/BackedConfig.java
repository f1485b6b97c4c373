package dev.credbroker.variables;

import dev.credbroker.workload.RunPhase;

import java.time.Duration;

/**
 * What every {@code TFC_VAULT_BACKED_<CLOUD>_*[_TAG]} configuration shares: the Vault configuration it logs in
 * with ({@code …_VAULT_CONFIG}), its mount path and its optional sleep.
 */
final class BackedConfig {
    private final ConfigVariables vars;
    private final VaultConfigReader vault;
    private final RunPhase phase;

    BackedConfig(ConfigVariables vars, VaultConfigReader vault, RunPhase phase) {
        this.vars = vars;
        this.vault = vault;
        this.phase = phase;
    }

    ConfigVariables vars() {
        return vars;
    }

    RunPhase phase() {
        return phase;
    }

    /**
     * {@code …_VAULT_CONFIG} names the tag of the Vault configuration to log in with; without it, the default
     * (untagged) Vault configuration. Naming a tag no {@code TFC_VAULT_*_<TAG>} variable carries is a
     * contradiction, reported on {@code …_VAULT_CONFIG}: it is almost always a typo there.
     */
    VaultConfig vaultConfig(String switchName) {
        var named = vars.get("VAULT_CONFIG");
        if (named.isEmpty()) {
            return vault.config("", vars.name(switchName));
        }
        String tag = VariableValues.tag(named.get());
        if (!vault.exists(tag)) {
            throw new InvalidVariableException(named.get().variable(),
                    "names a Vault configuration none of whose TFC_VAULT_* variables is set");
        }
        return vault.config(tag, named.get().variable());
    }

    String mountPath(String defaultPath) {
        return vars.get("MOUNT_PATH").map(VariableValues::path).orElse(defaultPath);
    }

    Duration sleep() {
        return vars.get("SLEEP_SECONDS")
                .map(v -> VariableValues.seconds(v, 0, VariableValues.MAX_SLEEP_SECONDS))
                .orElse(Duration.ZERO);
    }

    /**
     * A per-phase Vault path segment ({@code <PHASE>_<suffix>}, falling back to {@code RUN_<suffix>}). All
     * three forms are validated when set, so a bad APPLY value fails at plan already.
     */
    String phasedSegment(String suffix, String context) {
        for (String p : new String[] {"RUN_", "PLAN_", "APPLY_"}) {
            vars.get(p + suffix).map(VariableValues::segment);
        }
        return vars.phased(suffix, phase).map(ConfigVariables.Value::value)
                .orElseThrow(() -> vars.missingPhased(suffix, context));
    }

    /**
     * For a per-phase variable the configuration's type does not use: an explicit form is a contradiction; a
     * {@code TFC_DEFAULT_} form is ignored, because defaults apply to all configurations, of any type.
     */
    void rejectExplicitPhased(String suffix, String reason) {
        for (String p : new String[] {"RUN_", "PLAN_", "APPLY_"}) {
            vars.explicit(p + suffix).ifPresent(v -> {
                throw new InvalidVariableException(v.variable(), reason);
            });
        }
    }
}
