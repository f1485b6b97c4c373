package dev.credbroker.vaultsim;

import dev.credbroker.vaultsim.contract.VaultHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Namespaces as Vault Enterprise / HCP Vault Dedicated have them (vault-api.md "X-Vault-Namespace"): the header
 * picks the namespace a path is resolved in; tokens, accessors, policies and mounts belong to one namespace;
 * a request without the header is in the root namespace.
 */
class SimNamespacesTest {
    private static final Map<String, String> TEAM_A = Map.of("X-Vault-Namespace", "team-a");

    private VaultSim sim;
    private VaultHttp vault;

    @BeforeEach
    void start() {
        sim = VaultSim.start();
        vault = new VaultHttp(sim.address());
        VaultHttp.Reply created = vault.write("sys/namespaces/team-a", sim.rootToken(), Map.of());
        assertEquals(200, created.status(), String.valueOf(created.body()));
        assertEquals("team-a/", created.data().get("path"));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private VaultHttp.Reply inTeamA(String method, String path, String token, Map<String, ?> body) {
        return vault.send(method, path, token, body, TEAM_A);
    }

    private String tokenIn(Map<String, String> namespace, String policy) {
        VaultHttp.Reply created = vault.send("POST", "auth/token/create", sim.rootToken(),
                Map.of("policies", List.of(policy), "ttl", "1h"), namespace);
        assertEquals(200, created.status(), String.valueOf(created.body()));
        return created.clientToken();
    }

    @Test
    void namespacesAreListedInTheRootNamespace() {
        VaultHttp.Reply listed = vault.list("sys/namespaces", sim.rootToken());

        assertEquals(200, listed.status());
        assertEquals(List.of("team-a/"), listed.data().get("keys"));
    }

    @Test
    void aTokenWorksOnlyInTheNamespaceThatIssuedIt() {
        String teamToken = tokenIn(TEAM_A, "default");
        String rootNamespaceToken = tokenIn(Map.of(), "default");

        assertEquals(200, inTeamA("GET", "auth/token/lookup-self", teamToken, null).status());
        assertEquals(403, vault.get("auth/token/lookup-self", teamToken).status(), "unknown in the root namespace");
        assertEquals(403, inTeamA("GET", "auth/token/lookup-self", rootNamespaceToken, null).status(),
                "unknown in team-a");
    }

    @Test
    void policiesAndMountsBelongToTheirNamespace() {
        assertEquals(204, inTeamA("PUT", "sys/policies/acl/reader", sim.rootToken(),
                Map.of("policy", "path \"aws/creds/*\" { capabilities = [\"read\"] }")).status());
        assertEquals(204, inTeamA("POST", "sys/mounts/aws", sim.rootToken(), Map.of("type", "aws")).status());

        assertEquals(404, vault.get("sys/policies/acl/reader", sim.rootToken()).status(), "not in the root namespace");
        assertEquals(200, inTeamA("GET", "sys/policies/acl/reader", sim.rootToken(), null).status());
        Map<String, String> config = Map.of("access_key", "AKIAEXAMPLE", "secret_key", "s", "region", "eu-west-1");
        assertEquals(404, vault.write("aws/config/root", sim.rootToken(), config).status(), "no such mount in root");
        assertEquals(204, inTeamA("POST", "aws/config/root", sim.rootToken(), config).status());
    }

    @Test
    void anAccessorIsRevokedOnlyInItsNamespace() {
        String teamToken = tokenIn(TEAM_A, "default");
        String accessor = (String) inTeamA("GET", "auth/token/lookup-self", teamToken, null).data().get("accessor");

        VaultHttp.Reply fromRoot = vault.write("auth/token/revoke-accessor", sim.rootToken(), Map.of("accessor", accessor));
        assertEquals(200, fromRoot.status(), "an accessor unknown in the root namespace: a warning (Vault >= 1.10)");
        assertTrue(sim.accessorLiveIn("team-a", accessor));

        assertEquals(204, inTeamA("POST", "auth/token/revoke-accessor", sim.rootToken(),
                Map.of("accessor", accessor)).status());
        assertFalse(sim.accessorLive(accessor));
    }

    @Test
    void anUnknownNamespaceIsNotFoundAndOnlyRootCreatesOne() {
        VaultHttp.Reply unknown = vault.send("GET", "auth/token/lookup-self", sim.rootToken(), null,
                Map.of("X-Vault-Namespace", "team-b"));
        assertEquals(404, unknown.status());

        String someone = tokenIn(Map.of(), "default");
        assertEquals(403, vault.write("sys/namespaces/team-c", someone, Map.of()).status());
    }
}
