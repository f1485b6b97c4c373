package dev.credbroker.variables;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code TFC_VAULT_BACKED_AWS_*[_TAG]} → {@link AwsPlan}. */
final class AwsPlanReader {
    private static final String SWITCH = "AUTH";

    private AwsPlanReader() {
    }

    static AwsPlan read(BackedConfig config) {
        ConfigVariables vars = config.vars();
        var typeValue = vars.get("AUTH_TYPE").orElseThrow(
                () -> new InvalidVariableException(vars.name("AUTH_TYPE"), "required when " + vars.name(SWITCH)
                        + " is true; one of " + String.join(", ", allowed())));
        AwsAuthType type = AwsAuthType.of(typeValue.value())
                .orElseThrow(() -> VariableValues.notOneOf(typeValue, allowed()));

        String mount = config.mountPath(AwsPlan.DEFAULT_MOUNT_PATH);
        String role = config.phasedSegment("VAULT_ROLE", "");
        var sleep = config.sleep();

        Optional<String> roleArn;
        if (type == AwsAuthType.ASSUMED_ROLE) {
            for (String p : new String[] {"RUN_", "PLAN_", "APPLY_"}) {
                vars.get(p + "ROLE_ARN").map(VariableValues::roleArn);
            }
            roleArn = Optional.of(vars.phased("ROLE_ARN", config.phase()).map(ConfigVariables.Value::value)
                    .orElseThrow(() -> vars.missingPhased("ROLE_ARN", " for assumed_role")));
        } else {
            config.rejectExplicitPhased("ROLE_ARN", "only used with "
                    + vars.name("AUTH_TYPE") + "=assumed_role");
            roleArn = Optional.empty();
        }
        VaultConfig vault = config.vaultConfig(SWITCH);
        return new AwsPlan(vars.tag(), vault, type, mount, role, roleArn, sleep);
    }

    private static List<String> allowed() {
        return Arrays.stream(AwsAuthType.values()).map(AwsAuthType::value).toList();
    }
}
