package dev.credbroker.variables;

import java.util.Arrays;
import java.util.List;

/**
 * {@code TFC_VAULT_BACKED_GCP_*[_TAG]} → {@link GcpPlan}. Roleset types read {@code …_VAULT_ROLESET}, static
 * account types {@code …_VAULT_STATIC_ACCOUNT}; the other kind set explicitly is a contradiction. GCP has no
 * {@code SLEEP_SECONDS}.
 */
final class GcpPlanReader {
    private static final String SWITCH = "AUTH";

    private GcpPlanReader() {
    }

    static GcpPlan read(BackedConfig config) {
        ConfigVariables vars = config.vars();
        var typeValue = vars.get("AUTH_TYPE").orElseThrow(
                () -> new InvalidVariableException(vars.name("AUTH_TYPE"), "required when " + vars.name(SWITCH)
                        + " is true; one of " + String.join(", ", allowed())));
        GcpAuthType type = GcpAuthType.of(typeValue.value())
                .orElseThrow(() -> VariableValues.notOneOf(typeValue, allowed()));

        String mount = config.mountPath(GcpPlan.DEFAULT_MOUNT_PATH);
        String used = type.roleset() ? "VAULT_ROLESET" : "VAULT_STATIC_ACCOUNT";
        String unused = type.roleset() ? "VAULT_STATIC_ACCOUNT" : "VAULT_ROLESET";
        config.rejectExplicitPhased(unused, "contradicts " + vars.name("AUTH_TYPE") + "; "
                + (type.roleset() ? "roleset/* types read " : "static_account/* types read ")
                + vars.name("RUN_" + used));
        String name = config.phasedSegment(used, " for " + type.value());
        VaultConfig vault = config.vaultConfig(SWITCH);
        return new GcpPlan(vars.tag(), vault, type, mount, name);
    }

    private static List<String> allowed() {
        return Arrays.stream(GcpAuthType.values()).map(GcpAuthType::value).toList();
    }
}
