package dev.credbroker.kit;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What terraform/ must configure for the broker to work against a real Vault. Unresolved references come
 * back from the parser as their source text (e.g. {@code var.organization}), which is what is compared.
 */
class TerraformConfigTest {

    @Test
    void jwtAuthTrustsTheConfiguredIssuer() {
        Map<String, Object> backend = single("vault_jwt_auth_backend");
        assertEquals("var.jwt_auth_path", backend.get("path"));
        assertEquals("jwt", Terraform.VARIABLES.get("jwt_auth_path").get("default"), "the broker's default");
        assertEquals("var.issuer_url", backend.get("bound_issuer"));
    }

    @Test
    void keysComeFromTheJwksUrlOrFromPemsExactlyOne() {
        Map<String, Object> backend = single("vault_jwt_auth_backend");
        assertEquals("var.jwks_url", backend.get("jwks_url"));
        assertEquals("var.jwt_validation_pubkeys", backend.get("jwt_validation_pubkeys"));
        // null is the provider's "not set": whichever the operator leaves out is not sent to Vault
        assertTrue(Terraform.VARIABLES.get("jwks_url").containsKey("default"));
        assertNull(Terraform.VARIABLES.get("jwks_url").get("default"));
        assertNull(Terraform.VARIABLES.get("jwt_validation_pubkeys").get("default"));
        assertTrue(String.valueOf(Terraform.VARIABLES.get("jwt_validation_pubkeys").get("type")).contains("list"));

        NullnessCondition exactlyOne = NullnessCondition.in(KitFiles.read(KitFiles.TERRAFORM.resolve("jwt.tf")),
                "jwks_url", "jwt_validation_pubkeys");
        assertTrue(exactlyOne.holds(Set.of("jwks_url")), "a JWKS URL alone");
        assertTrue(exactlyOne.holds(Set.of("jwt_validation_pubkeys")), "PEMs alone");
        assertFalse(exactlyOne.holds(Set.of()), "neither");
        assertFalse(exactlyOne.holds(Set.of("jwks_url", "jwt_validation_pubkeys")), "both");
    }

    @Test
    void subjectFormatPicksHcpOrOtfSub() {
        Map<String, Object> format = Terraform.VARIABLES.get("subject_format");
        assertEquals("hcp", format.get("default"));
        SubjectExpression sub = SubjectExpression.in(KitFiles.read(KitFiles.TERRAFORM.resolve("jwt.tf")));
        Map<String, String> values = Map.of("var.organization", "acme", "pair[0].project", "Default Project",
                "pair[0].name", "networking", "pair[1]", "plan");
        // the forms of tfc-contract.md §1: HCP / TFE name the project; OTF has none (leg100/otf token.go)
        assertEquals("organization:acme:project:Default Project:workspace:networking:run_phase:plan",
                sub.evaluate("hcp", values));
        assertEquals("organization:acme:workspace:networking:run_phase:plan", sub.evaluate("otf", values));
        assertEquals("each.value.sub",
                Terraform.map(single("vault_jwt_auth_backend_role").get("bound_claims")).get("sub"));
    }

    @Test
    void tokenMaxTtlIsTheBrokersPhaseLimit() {
        Duration phaseLimit = BrokerConfig.duration(BrokerConfig.defaultOf("broker.phases.max-duration"));
        assertEquals(Optional.of("BROKER_PHASE_MAX_DURATION"), BrokerConfig.variableOf("broker.phases.max-duration"));
        assertEquals(phaseLimit.toSeconds(),
                ((Number) Terraform.VARIABLES.get("token_max_ttl").get("default")).longValue(),
                "a phase's Vault token must live as long as the broker lets the phase run");
        assertEquals("var.token_max_ttl", single("vault_jwt_auth_backend_role").get("token_max_ttl"));
        // the reaper revokes at the phase limit: its own token must last at least that long
        assertTrue(((Number) single("vault_approle_auth_backend_role").get("token_max_ttl")).longValue()
                >= phaseLimit.toSeconds());
    }

    @Test
    void phaseRoleIsBoundToWorkspaceAndPhaseAndMapsRunClaims() {
        Map<String, Object> role = single("vault_jwt_auth_backend_role");
        assertEquals("glob", role.get("bound_claims_type"));
        assertEquals(List.of("var.bound_audience"), role.get("bound_audiences"));
        assertEquals("vault.workload.identity", Terraform.VARIABLES.get("bound_audience").get("default"));
        assertEquals("terraform_full_workspace", role.get("user_claim"));
        assertEquals(Map.of("terraform_run_id", "run_id", "terraform_workspace_name", "workspace",
                "terraform_run_phase", "run_phase"), role.get("claim_mappings"));
        assertEquals("var.token_ttl", role.get("token_ttl"));
        assertEquals(1200.0, ((Number) Terraform.VARIABLES.get("token_ttl").get("default")).doubleValue());
        // batch tokens have no accessor: the reaper could not revoke them
        assertEquals("service", role.get("token_type"));
    }

    @Test
    void everyPolicyFileIsLoadedVerbatimUnderItsOwnName() {
        Map<String, String> loaded = Terraform.resources("vault_policy").values().stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.get("name")), r -> String.valueOf(r.get("policy"))));
        for (Path file : KitFiles.policyFiles()) {
            assertEquals(KitFiles.read(file), loaded.get(KitFiles.baseName(file)), "vault_policy for " + file);
        }
        assertEquals(KitFiles.policyFiles().size(), loaded.size(), "policies loaded: " + loaded.keySet());
    }

    @Test
    void runIdHeaderIsAuditedInClear() {
        Map<String, Object> header = single("vault_audit_request_header");
        assertEquals("X-Credbroker-Run-Id", header.get("name"));
        assertEquals(Boolean.FALSE, header.get("hmac"));
        assertEquals("file", single("vault_audit").get("type"));
    }

    @Test
    void theRevocationAppRoleGetsOnlyTheRevocationPolicy() {
        Map<String, Object> role = single("vault_approle_auth_backend_role");
        assertEquals("credbroker-reaper", role.get("role_name"));
        assertEquals(List.of("vault_policy.broker_reaper.name"), role.get("token_policies"));
        assertEquals(Policies.REVOCATION, Terraform.resources("vault_policy").get("broker_reaper").get("name"));
        assertEquals("approle", single("vault_auth_backend").get("type"));
    }

    @Test
    void roleIdIsAnOutputButNoSecretIdIs() {
        assertEquals("vault_approle_auth_backend_role.reaper.role_id",
                Terraform.OUTPUTS.get("reaper_role_id").get("value"));
        Terraform.OUTPUTS.forEach((name, body) -> assertFalse(
                name.contains("secret") || String.valueOf(body.get("value")).contains("secret_id"), name));
    }

    @Test
    void cloudCredentialsAreSensitiveVariables() {
        for (String name : List.of("aws_access_key", "aws_secret_key", "azure_client_id", "azure_client_secret",
                "gcp_credentials")) {
            assertEquals(Boolean.TRUE, Terraform.VARIABLES.get(name).get("sensitive"), name);
        }
    }

    @Test
    void secretsEnginesAndTheirRolesAreConfigured() {
        Set<String> awsTypes = Terraform.resources("vault_aws_secret_backend_role").values().stream()
                .map(r -> String.valueOf(r.get("credential_type"))).collect(Collectors.toSet());
        assertEquals(Set.of("iam_user", "assumed_role"), awsTypes);
        for (String type : List.of("vault_aws_secret_backend", "vault_azure_secret_backend",
                "vault_azure_secret_backend_role", "vault_gcp_secret_backend", "vault_gcp_secret_roleset")) {
            assertFalse(Terraform.resources(type).isEmpty(), type);
        }
    }

    private static Map<String, Object> single(String type) {
        Map<String, Map<String, Object>> found = Terraform.resources(type);
        assertEquals(1, found.size(), type + " resources: " + found.keySet());
        return found.values().iterator().next();
    }
}
