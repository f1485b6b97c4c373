package dev.credbroker.vaultsim;

import dev.credbroker.vaultsim.contract.VaultHttp;
import dev.credbroker.vaultsim.contract.VaultHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lease envelope of the cloud engines' secrets over HTTP, as Vault answers it: AWS STS credentials are leased
 * but neither renewable nor revocable on AWS, GCP access tokens have no lease at all.
 */
class SimCloudLeaseTest {
    private final VaultSim sim = VaultSim.start();
    private final VaultHttp vault = new VaultHttp(sim.address());
    private final String root = sim.rootToken();

    @AfterEach
    void stop() {
        sim.close();
    }

    private void awsWithAssumedRole() {
        assertEquals(204, vault.write("sys/mounts/aws", root, Map.of("type", "aws")).status());
        assertEquals(204, vault.write("aws/config/root", root, Map.of("access_key", "AKIAROOT000000000000",
                "secret_key", "root-secret", "region", "eu-west-1")).status());
        assertEquals(204, vault.write("aws/roles/deploy", root, Map.of("credential_type", "assumed_role",
                "role_arns", "arn:aws:iam::123456789012:role/deployer", "default_sts_ttl", "30m")).status());
    }

    /**
     * builtin/logical/aws secret_access_keys.go: STS secrets are leased in every supported Vault except 1.13.0–1.13.1
     * (PR #15869, reverted by #20034/#20178): a lease id, renewable false, lease_duration = the STS lifetime.
     */
    @Test
    void stsCredentialsCarryANonRenewableLeaseOfTheirLifetime() {
        awsWithAssumedRole();
        Reply sts = vault.write("aws/sts/deploy", root, Map.of());
        assertEquals(200, sts.status(), () -> "body: " + sts.body());
        String leaseId = (String) sts.body().get("lease_id");
        assertTrue(leaseId.startsWith("aws/sts/deploy/"), leaseId);
        assertEquals(false, sts.body().get("renewable"));
        assertEquals(1800, ((Number) sts.body().get("lease_duration")).intValue());
        assertEquals(1800, ((Number) sts.data().get("ttl")).intValue());
        Reply creds = vault.get("aws/creds/deploy", root);
        assertTrue(((String) creds.body().get("lease_id")).startsWith("aws/creds/deploy/"));
        assertEquals(false, creds.body().get("renewable"));
    }

    /** sys/leases/renew of an STS lease is 400 "lease is not renewable" (api-docs/system/leases, Renewable=false). */
    @Test
    void renewingAnStsLeaseIsRefused() {
        awsWithAssumedRole();
        String leaseId = (String) vault.write("aws/sts/deploy", root, Map.of()).body().get("lease_id");
        Reply renew = vault.put("sys/leases/renew", root, Map.of("lease_id", leaseId));
        assertEquals(400, renew.status());
        assertEquals(List.of("lease is not renewable"), renew.errors());
    }

    /** Revoking an STS lease ends the lease only: AWS cannot revoke a session, the keys work until they expire. */
    @Test
    void revokingAnStsLeaseLeavesTheCredentialValidUntilItExpires() {
        awsWithAssumedRole();
        Reply sts = vault.write("aws/sts/deploy", root, Map.of());
        String leaseId = (String) sts.body().get("lease_id");
        String accessKey = (String) sts.data().get("access_key");
        assertEquals(204, vault.put("sys/leases/revoke", root, Map.of("lease_id", leaseId, "sync", true)).status());
        assertFalse(sim.leaseExists(leaseId));
        assertTrue(sim.cloud().isLive(accessKey, sim.clock().instant()));
        sim.clock().advance(Duration.ofMinutes(31));
        assertFalse(sim.cloud().isLive(accessKey, sim.clock().instant()));
    }

    /** vault-plugin-secrets-gcp secrets_access_token.go: an access token has no lease: lease_id "", lease_duration 0. */
    @Test
    void gcpAccessTokensHaveNoLease() {
        assertEquals(204, vault.write("sys/mounts/gcp", root, Map.of("type", "gcp")).status());
        assertEquals(204, vault.write("gcp/config", root, Map.of("credentials",
                "{\"type\": \"service_account\", \"project_id\": \"demo\"}")).status());
        assertEquals(204, vault.write("gcp/roleset/ci", root, Map.of("project", "demo", "secret_type", "access_token",
                "bindings", "resource \"//cloudresourcemanager.googleapis.com/projects/demo\" { roles = [\"roles/viewer\"] }",
                "token_scopes", List.of("https://www.googleapis.com/auth/cloud-platform"))).status());
        Reply token = vault.get("gcp/roleset/ci/token", root);
        assertEquals(200, token.status(), () -> "body: " + token.body());
        assertEquals("", token.body().get("lease_id"));
        assertEquals(0, ((Number) token.body().get("lease_duration")).intValue());
        assertEquals(false, token.body().get("renewable"));
        assertEquals(3600, ((Number) token.data().get("token_ttl")).intValue());
    }

    /**
     * sys/leases/renew runs the engine's renew hook (expiration.go RenewLease → the backend's Renew): GCP's
     * secretKeyRenew refuses once the key no longer exists in GCP, and the lease keeps its old expiry.
     */
    @Test
    void renewingAGcpKeyWhoseKeyIsGoneIsRefusedByTheEngine() throws Exception {
        assertEquals(204, vault.write("sys/mounts/gcp", root, Map.of("type", "gcp")).status());
        assertEquals(204, vault.write("gcp/config", root, Map.of("credentials",
                "{\"type\": \"service_account\", \"project_id\": \"demo\"}")).status());
        assertEquals(204, vault.write("gcp/roleset/keys", root, Map.of("project", "demo",
                "secret_type", "service_account_key",
                "bindings", "resource \"//cloudresourcemanager.googleapis.com/projects/demo\" { roles = [\"roles/viewer\"] }"))
                .status());
        Reply key = vault.get("gcp/roleset/keys/key", root);
        assertEquals(200, key.status(), () -> "body: " + key.body());
        String leaseId = (String) key.body().get("lease_id");
        assertEquals(200, vault.put("sys/leases/renew", root, Map.of("lease_id", leaseId, "increment", 600)).status(),
                "renewable while the key exists");

        String keyFile = new String(java.util.Base64.getDecoder().decode((String) key.data().get("private_key_data")));
        String keyId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(keyFile).get("private_key_id").asText();
        sim.cloud().invalidate(keyId);

        Reply renew = vault.put("sys/leases/renew", root, Map.of("lease_id", leaseId, "increment", 600));
        assertEquals(400, renew.status());
        assertTrue(renew.errors().get(0).startsWith("could not confirm key still exists in GCP"), renew.errors().toString());
    }
}
