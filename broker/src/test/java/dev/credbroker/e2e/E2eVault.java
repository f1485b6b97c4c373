package dev.credbroker.e2e;

import dev.credbroker.vaultsim.VaultSim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A vault-sim configured the way terraform/ configures a real Vault, with a role for every AUTH_TYPE:
 * JWT roles per phase bound to the workspace's sub, run policy, AWS (iam_user, assumed_role,
 * federation_token), Azure, GCP (roleset key/token, static account key/token), the reaper policy and token.
 */
final class E2eVault {
    static final String SUB = "organization:acme:project:Default Project:workspace:networking-prod:run_phase:";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/deployer";

    private final VaultSim sim;
    private final String namespace;
    private final HttpClient http;
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    E2eVault(VaultSim sim) {
        this(sim, "");
    }

    /** The same configuration inside one namespace ({@code X-Vault-Namespace}); {@code ""} is the root namespace. */
    E2eVault(VaultSim sim, String namespace) {
        this(sim, namespace, HttpClient.newHttpClient());
    }

    /** With a client of the caller's, e.g. one that trusts the private CA of a sim served over TLS. */
    E2eVault(VaultSim sim, String namespace, HttpClient http) {
        this.sim = sim;
        this.namespace = namespace;
        this.http = http;
    }

    /** @return the broker's revocation identity token */
    String configure(String issuer, String jwksUrl, String auditFile) {
        put("sys/policies/acl/run", Map.of("policy", """
                path "aws/creds/*" { capabilities = ["read"] }
                path "aws/sts/*" { capabilities = ["update"] }
                path "azure/creds/*" { capabilities = ["read"] }
                path "gcp/roleset/+/key" { capabilities = ["read", "update"] }
                path "gcp/roleset/+/token" { capabilities = ["read", "update"] }
                path "gcp/static-account/+/key" { capabilities = ["read", "update"] }
                path "gcp/static-account/+/token" { capabilities = ["read", "update"] }
                path "sys/leases/renew" { capabilities = ["update"] }
                """));
        put("sys/policies/acl/broker-reaper", Map.of("policy", """
                path "auth/token/revoke-accessor" { capabilities = ["update"] }
                path "sys/leases/revoke" { capabilities = ["update"] }
                """));
        put("sys/auth/jwt", Map.of("type", "jwt"));
        put("auth/jwt/config", Map.of("jwks_url", jwksUrl, "bound_issuer", issuer));
        for (String phase : List.of("plan", "apply")) {
            put("auth/jwt/role/" + phase, Map.of("role_type", "jwt", "user_claim", "terraform_full_workspace",
                    "bound_audiences", List.of("vault.workload.identity"), "bound_claims_type", "glob",
                    "bound_claims", Map.of("sub", SUB + phase),
                    "claim_mappings", Map.of("terraform_run_id", "run_id", "terraform_run_phase", "run_phase"),
                    "token_policies", List.of("run"), "token_ttl", "20m", "token_max_ttl", "2h"));
        }
        put("sys/mounts/aws", Map.of("type", "aws"));
        put("aws/config/root", Map.of("access_key", "AKIAROOTROOTROOTROOT", "secret_key", "root-secret", "region", "eu-west-1"));
        put("aws/config/lease", Map.of("lease", "30m", "lease_max", "2h"));
        put("aws/roles/deploy", Map.of("credential_type", "iam_user",
                "policy_arns", List.of("arn:aws:iam::aws:policy/ReadOnlyAccess")));
        put("aws/roles/assume", Map.of("credential_type", "assumed_role", "role_arns", List.of(ROLE_ARN)));
        put("aws/roles/federate", Map.of("credential_type", "federation_token",
                "policy_arns", List.of("arn:aws:iam::aws:policy/ReadOnlyAccess")));
        put("sys/mounts/azure", Map.of("type", "azure"));
        put("azure/config", Map.of("subscription_id", "00000000-0000-0000-0000-000000000001",
                "tenant_id", "00000000-0000-0000-0000-000000000002",
                "client_id", "00000000-0000-0000-0000-000000000003", "client_secret", "azure-root-secret"));
        put("azure/roles/deploy", Map.of("ttl", "30m", "max_ttl", "2h", "azure_roles",
                "[{\"role_name\": \"Reader\", \"scope\": \"/subscriptions/00000000-0000-0000-0000-000000000001\"}]"));
        put("sys/mounts/gcp", Map.of("type", "gcp"));
        put("gcp/config", Map.of("credentials", "{\"type\": \"service_account\", \"project_id\": \"e2e\"}"));
        String bindings = "resource \"//cloudresourcemanager.googleapis.com/projects/e2e\" { roles = [\"roles/viewer\"] }";
        put("gcp/roleset/keys", Map.of("project", "e2e", "secret_type", "service_account_key", "bindings", bindings));
        put("gcp/roleset/tokens", Map.of("project", "e2e", "secret_type", "access_token", "bindings", bindings,
                "token_scopes", List.of("https://www.googleapis.com/auth/cloud-platform")));
        put("gcp/static-account/svc-keys", Map.of("service_account_email", "svc@e2e.iam.gserviceaccount.com",
                "secret_type", "service_account_key"));
        put("gcp/static-account/svc-tokens", Map.of("service_account_email", "tok@e2e.iam.gserviceaccount.com",
                "secret_type", "access_token", "token_scopes", List.of("https://www.googleapis.com/auth/cloud-platform")));
        if (auditFile != null) {
            put("sys/audit/file", Map.of("type", "file", "options", Map.of("file_path", auditFile)));
            put("sys/config/auditing/request-headers/X-Credbroker-Run-Id", Map.of("hmac", false));
        }
        Map<String, Object> reaper = put("auth/token/create", Map.of("policies", List.of("broker-reaper"),
                "ttl", "24h", "no_parent", true));
        @SuppressWarnings("unchecked")
        String token = (String) ((Map<String, Object>) reaper.get("auth")).get("client_token");
        return token;
    }

    Map<String, Object> put(String path, Map<String, ?> body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(sim.address() + "/v1/" + path))
                    .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Map<String, Object> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(sim.address() + "/v1/" + path)).GET(), path);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> send(HttpRequest.Builder request, String path) {
        try {
            request.timeout(Duration.ofSeconds(10)).header("X-Vault-Token", sim.rootToken());
            if (!namespace.isEmpty()) {
                request.header("X-Vault-Namespace", namespace);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("setup " + path + " failed: " + response.statusCode() + " " + response.body());
            }
            return response.body().isEmpty() ? Map.of() : json.readValue(response.body(), Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
