package dev.credbroker.variables;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.credbroker.variables.TestVariables.aws;
import static dev.credbroker.workload.RunPhase.PLAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariableLimitsTest {

    /** The default AWS configuration plus {@code tagged} tagged ones, every one enabled. */
    static Map<String, String> awsConfigurations(int tagged) {
        Map<String, String> vars = new HashMap<>(aws());
        vars.put("TFC_DEFAULT_VAULT_BACKED_AWS_AUTH_TYPE", "iam_user");
        vars.put("TFC_DEFAULT_VAULT_BACKED_AWS_RUN_VAULT_ROLE", "deploy");
        for (int i = 0; i < tagged; i++) {
            vars.put("TFC_VAULT_BACKED_AWS_AUTH_T" + i, "true");
        }
        return vars;
    }

    @Test
    void resolverShouldAcceptTheDefaultNumberOfConfigurations() {
        List<CredentialPlan> plans = new TfcVariableResolver().resolve(awsConfigurations(15), PLAN);
        assertEquals(VariableLimits.DEFAULTS.maxConfigurations(), plans.size());
    }

    @Test
    void resolverShouldRefuseOneConfigurationOverTheLimitNamingIt() {
        var e = assertThrows(VariableLimitExceededException.class,
                () -> new TfcVariableResolver().resolve(awsConfigurations(16), PLAN));
        assertEquals("too-many-configurations", e.code());
        assertEquals(400, e.kind().status());
        assertTrue(e.getMessage().contains("16") && e.getMessage().contains("broker.variables.max-configurations"),
                e.getMessage());
        assertEquals(Map.of("limit", 16, "setting", "broker.variables.max-configurations"), e.extensions());
    }

    @Test
    void resolverShouldFollowAConfiguredConfigurationLimit() {
        VariableLimits limits = new VariableLimits(2, VariableLimits.DEFAULTS.maxVariables());
        assertEquals(2, new TfcVariableResolver(limits).resolve(awsConfigurations(1), PLAN).size());
        assertThrows(VariableLimitExceededException.class,
                () -> new TfcVariableResolver(limits).resolve(awsConfigurations(2), PLAN));
    }

    @Test
    void resolverShouldRefuseMoreVariablesThanTheLimitBeforeReadingAny() {
        VariableLimits limits = new VariableLimits(VariableLimits.DEFAULTS.maxConfigurations(), 10);
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            vars.put("UNRELATED_" + i, "x");
        }
        var e = assertThrows(VariableLimitExceededException.class,
                () -> new TfcVariableResolver(limits).resolve(vars, PLAN));
        assertEquals("too-many-variables", e.code());
        assertTrue(e.getMessage().contains("broker.variables.max-variables"), e.getMessage());
        vars.remove("UNRELATED_0");
        assertEquals(List.of(), new TfcVariableResolver(limits).resolve(vars, PLAN));
    }
}
