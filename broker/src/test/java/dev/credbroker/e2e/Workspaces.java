package dev.credbroker.e2e;

import java.util.HashMap;
import java.util.Map;

/** Workspace variable sets as a team moving off HCP Terraform would have them. */
final class Workspaces {
    private Workspaces() {
    }

    static Map<String, String> vault(String address) {
        Map<String, String> vars = new HashMap<>();
        vars.put("TFC_VAULT_ADDR", address);
        vars.put("TFC_VAULT_PLAN_ROLE", "plan");
        vars.put("TFC_VAULT_APPLY_ROLE", "apply");
        return vars;
    }

    static Map<String, String> aws(String address, String authType, String role) {
        Map<String, String> vars = vault(address);
        vars.put("TFC_VAULT_BACKED_AWS_AUTH", "true");
        vars.put("TFC_VAULT_BACKED_AWS_AUTH_TYPE", authType);
        vars.put("TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE", role);
        if (authType.equals("assumed_role")) {
            vars.put("TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN", E2eVault.ROLE_ARN);
        }
        return vars;
    }

    static Map<String, String> azure(String address) {
        Map<String, String> vars = vault(address);
        vars.put("TFC_VAULT_BACKED_AZURE_AUTH", "true");
        vars.put("TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE", "deploy");
        return vars;
    }

    static Map<String, String> gcp(String address, String authType, String name) {
        Map<String, String> vars = vault(address);
        vars.put("TFC_VAULT_BACKED_GCP_AUTH", "true");
        vars.put("TFC_VAULT_BACKED_GCP_AUTH_TYPE", authType);
        vars.put(authType.startsWith("roleset") ? "TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET"
                : "TFC_VAULT_BACKED_GCP_RUN_VAULT_STATIC_ACCOUNT", name);
        return vars;
    }
}
