package dev.credbroker.issuer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credbroker.support.SimJwtAuth;
import dev.credbroker.vaultsim.VaultSim;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Vault's JWT auth (here vault-sim's, which follows the plugin's documented behaviour) trusts the broker's
 * issuer through nothing but its {@code jwks_url}: tokens minted over the orchestrator endpoint log in, and
 * keep logging in across rotations, because the next key is published before it signs.
 */
class IssuerTrustedByVaultSimTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORCHESTRATOR = "orchestrator-secret-for-test";
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256"})
    void vaultAcceptsIssuerTokensViaJwksUrlAcrossRotations(String algorithm, @TempDir Path keys) throws Exception {
        String issuer = "https://issuer.test";
        try (VaultSim sim = VaultSim.start();
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                     "micronaut.server.port", -1, "broker.issuer.url", issuer,
                     "broker.issuer.key-dir", keys.toString(), "broker.issuer.algorithm", algorithm,
                     "broker.issuer.orchestrator-token", ORCHESTRATOR,
                     "broker.issuer.rotation-enabled", false), Environment.TEST)) {
            String jwks = server.getURL() + "/.well-known/jwks";
            SimJwtAuth vault = new SimJwtAuth(sim);
            vault.enable(Map.of("jwks_url", jwks, "bound_issuer", issuer));

            String first = mint(server);
            assertEquals(200, vault.login(first));

            KeyRing ring = server.getApplicationContext().getBean(KeyRing.class);
            ring.rotate();
            ring.rotate();
            String afterRotation = mint(server);
            assertNotEquals(SimJwtAuth.kid(first), SimJwtAuth.kid(afterRotation), "new tokens carry the new key id");
            assertEquals(200, vault.login(afterRotation), "Vault fetched the JWKS again for the unknown kid");
            assertEquals(200, vault.login(first), "the retired key still verifies tokens it signed");
        }
    }

    private String mint(EmbeddedServer server) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/issuer/tokens"))
                .header("Authorization", "Bearer " + ORCHESTRATOR).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("run_id", "run-1",
                        "organization", "acme", "project", "Default Project", "workspace", "web", "phase", "plan",
                        "audience", "vault.workload.identity", "ttl_seconds", 600)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return (String) JSON.readValue(response.body(), Map.class).get("token");
    }
}
