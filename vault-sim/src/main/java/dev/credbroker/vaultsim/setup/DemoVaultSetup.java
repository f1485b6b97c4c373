package dev.credbroker.vaultsim.setup;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configures a Vault for the broker the way {@code terraform/} does for an operator: JWT auth trusting the
 * broker's issuer, one role per run phase bound to the workspace's {@code sub}, AWS/Azure/GCP engines with a
 * role each, a file audit device with the run-id header audited in clear, and a token for the broker's
 * revocation identity. Speaks only Vault's HTTP API, so it works against vault-sim and a real dev server alike. Lives beside
 * vault-sim, not in the broker, because the demo, {@code dev} and the process benchmark share it and none of them
 * belongs in the server's jar.
 */
public final class DemoVaultSetup {
    public static final String RUN_ID_HEADER = "X-Credbroker-Run-Id";

    /** What the broker and the demo need from the configured Vault. Holds the revocation identity's token: keep
     *  it in memory. */
    public record Configured(String revocationToken, Map<String, String> workspaceVariables) {
        @Override
        public String toString() {
            return "Configured[variables=" + workspaceVariables.keySet() + "]";
        }
    }

    private final URI vaultAddress;
    private final VaultHttp vault;

    public DemoVaultSetup(URI vaultAddress, String rootToken) {
        this.vaultAddress = vaultAddress;
        this.vault = new VaultHttp(vaultAddress, rootToken);
    }

    public Configured configure(String issuerUrl, String jwksUrl, DemoWorkspace ws, String auditFile) {
        vault.put("sys/policies/acl/broker-revocation", Map.of("policy", """
                path "auth/token/revoke-accessor" { capabilities = ["update"] }
                path "sys/leases/revoke" { capabilities = ["update"] }
                """));
        vault.put("sys/policies/acl/demo-run", Map.of("policy", """
                path "aws/creds/demo" { capabilities = ["read"] }
                path "azure/creds/demo" { capabilities = ["read"] }
                path "gcp/roleset/demo/key" { capabilities = ["read", "update"] }
                path "sys/leases/renew" { capabilities = ["update"] }
                path "auth/token/lookup-self" { capabilities = ["read"] }
                path "auth/token/renew-self" { capabilities = ["update"] }
                path "auth/token/revoke-self" { capabilities = ["update"] }
                """));

        vault.write("sys/auth/jwt", Map.of("type", "jwt"));
        vault.write("auth/jwt/config", Map.of("jwks_url", jwksUrl, "bound_issuer", issuerUrl));
        for (String phase : List.of("plan", "apply")) {
            vault.write("auth/jwt/role/demo-" + phase, Map.of(
                    "role_type", "jwt",
                    "user_claim", "terraform_full_workspace",
                    "bound_audiences", List.of("vault.workload.identity"),
                    "bound_claims_type", "glob",
                    "bound_claims", Map.of("sub", ws.subjectFor(phase)),
                    "claim_mappings", Map.of("terraform_run_id", "run_id", "terraform_run_phase", "run_phase"),
                    "token_policies", List.of("demo-run"),
                    "token_ttl", "20m",
                    "token_max_ttl", "2h"));
        }

        vault.write("sys/mounts/aws", Map.of("type", "aws"));
        vault.write("aws/config/root", Map.of("access_key", "AKIADEMOROOT00000000",
                "secret_key", "demo-root-secret-not-real", "region", "eu-west-1"));
        vault.write("aws/roles/demo", Map.of("credential_type", "iam_user",
                "policy_arns", List.of("arn:aws:iam::aws:policy/ReadOnlyAccess")));

        vault.write("sys/mounts/azure", Map.of("type", "azure"));
        vault.write("azure/config", Map.of("subscription_id", "00000000-0000-0000-0000-000000000001",
                "tenant_id", "00000000-0000-0000-0000-000000000002",
                "client_id", "00000000-0000-0000-0000-000000000003", "client_secret", "demo-not-real"));
        vault.write("azure/roles/demo", Map.of("ttl", "1h", "azure_roles",
                "[{\"role_name\": \"Reader\", \"scope\": \"/subscriptions/00000000-0000-0000-0000-000000000001\"}]"));

        vault.write("sys/mounts/gcp", Map.of("type", "gcp"));
        vault.write("gcp/config", Map.of("credentials", "{\"type\": \"service_account\", \"project_id\": \"demo\"}"));
        vault.write("gcp/roleset/demo", Map.of("project", "demo-project", "secret_type", "service_account_key",
                "bindings", "resource \"//cloudresourcemanager.googleapis.com/projects/demo-project\" "
                        + "{ roles = [\"roles/viewer\"] }"));

        if (auditFile != null) {
            vault.put("sys/audit/file", Map.of("type", "file", "options", Map.of("file_path", auditFile)));
            vault.put("sys/config/auditing/request-headers/" + RUN_ID_HEADER, Map.of("hmac", false));
        }

        Map<String, Object> created = vault.write("auth/token/create", Map.of(
                "policies", List.of("broker-revocation"), "no_parent", true, "ttl", "24h",
                "display_name", "credbroker-revocation"));
        @SuppressWarnings("unchecked")
        String revocationToken = (String) ((Map<String, Object>) created.get("auth")).get("client_token");
        return new Configured(revocationToken, workspaceVariables());
    }

    private Map<String, String> workspaceVariables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("TFC_VAULT_ADDR", vaultAddress.toString());
        vars.put("TFC_VAULT_PLAN_ROLE", "demo-plan");
        vars.put("TFC_VAULT_APPLY_ROLE", "demo-apply");
        vars.put("TFC_VAULT_BACKED_AWS_AUTH", "true");
        vars.put("TFC_VAULT_BACKED_AWS_AUTH_TYPE", "iam_user");
        vars.put("TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE", "demo");
        vars.put("TFC_VAULT_BACKED_AZURE_AUTH", "true");
        vars.put("TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE", "demo");
        vars.put("TFC_VAULT_BACKED_GCP_AUTH", "true");
        vars.put("TFC_VAULT_BACKED_GCP_AUTH_TYPE", "roleset/service_account_key");
        vars.put("TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET", "demo");
        return vars;
    }
}
