package dev.credbroker.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credbroker.vaultsim.VaultSim;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The revocation identity from AppRole files, as terraform/ and docker/ provision it: it revokes by accessor,
 * treats an already-gone accessor as done, and logs in again once Vault stops accepting its token.
 */
class RevocationIdentityAppRoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VaultSim sim = VaultSim.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        sim.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> root(String path, Map<String, ?> body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.address() + "/v1/" + path))
                .header("X-Vault-Token", sim.rootToken())
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body().isEmpty() ? Map.of() : JSON.readValue(r.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private String createdAccessor() throws Exception {
        Map<String, Object> created = root("auth/token/create", Map.of("policies", List.of("default"), "ttl", "1h"));
        return (String) ((Map<String, Object>) created.get("auth")).get("accessor");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRevocationIdentityLogsInWithAppRoleRevokesAndRecoversFromALostToken() throws Exception {
        root("sys/policies/acl/broker-reaper", Map.of("policy",
                "path \"auth/token/revoke-accessor\" { capabilities = [\"update\"] }\n"
                        + "path \"sys/leases/revoke\" { capabilities = [\"update\"] }"));
        root("sys/auth/approle", Map.of("type", "approle"));
        root("auth/approle/role/credbroker-reaper", Map.of("token_policies", List.of("broker-reaper"), "token_ttl", "1h"));
        HttpResponse<String> roleId = http.send(HttpRequest.newBuilder(URI.create(sim.address()
                        + "/v1/auth/approle/role/credbroker-reaper/role-id")).header("X-Vault-Token", sim.rootToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Files.writeString(dir.resolve("role-id"), (String) ((Map<String, Object>) JSON.readValue(roleId.body(), Map.class)
                .get("data")).get("role_id"));
        Files.writeString(dir.resolve("secret-id"), (String) ((Map<String, Object>) root(
                "auth/approle/role/credbroker-reaper/secret-id", Map.of()).get("data")).get("secret_id"));

        VaultTarget target = new VaultTarget("sim");
        target.setAddress(sim.address().toString());
        target.setRevocationApproleRoleIdFile(dir.resolve("role-id").toString());
        target.setRevocationApproleSecretIdFile(dir.resolve("secret-id").toString());
        VaultHttpClient client = new VaultHttpClient(JsonMapper.createDefault());
        RevocationIdentity identity = new RevocationIdentity(client, Clock.systemUTC());
        VaultGateway.BrokerRevoker revoker = new HttpVaultGateway(client, new VaultTargets(List.of(target)), identity,
                Clock.systemUTC()).brokerRevoker("run-test");

        String accessor = createdAccessor();
        revoker.revokeAccessor(sim.address(), Optional.empty(), accessor);
        assertFalse(sim.accessorLive(accessor));
        assertDoesNotThrow(() -> revoker.revokeAccessor(sim.address(), Optional.empty(), accessor),
                "an accessor already gone counts as revoked");

        String reaperToken = identity.token(target, Optional.empty()).orElseThrow();
        root("auth/token/revoke", Map.of("token", reaperToken));
        String next = createdAccessor();
        assertThrows(VaultUnavailableException.class,
                () -> revoker.revokeAccessor(sim.address(), Optional.empty(), next), "Vault refused the lost token");
        revoker.revokeAccessor(sim.address(), Optional.empty(), next);
        assertFalse(sim.accessorLive(next), "revoked after logging in again");
        assertTrue(sim.liveTokens() >= 2, "root and the new revocation identity token");
    }
}
