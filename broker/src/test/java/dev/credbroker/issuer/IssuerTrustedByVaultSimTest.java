package dev.credbroker.issuer;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
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
            vault(sim, "sys/auth/jwt", Map.of("type", "jwt"));
            vault(sim, "auth/jwt/config", Map.of("jwks_url", jwks, "bound_issuer", issuer));
            vault(sim, "auth/jwt/role/plan", Map.of("role_type", "jwt", "user_claim", "terraform_full_workspace",
                    "bound_audiences", List.of("vault.workload.identity"), "bound_claims_type", "glob",
                    "bound_claims", Map.of("sub", "organization:acme:project:*:workspace:web:run_phase:plan"),
                    "token_policies", List.of("default")));

            String first = mint(server);
            assertEquals(200, login(sim, first));

            KeyRing ring = server.getApplicationContext().getBean(KeyRing.class);
            ring.rotate();
            ring.rotate();
            String afterRotation = mint(server);
            assertNotEquals(kid(first), kid(afterRotation), "new tokens carry the new key id");
            assertEquals(200, login(sim, afterRotation), "Vault fetched the JWKS again for the unknown kid");
            assertEquals(200, login(sim, first), "the retired key still verifies tokens it signed");
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

    private static String kid(String jwt) throws Exception {
        return com.nimbusds.jwt.SignedJWT.parse(jwt).getHeader().getKeyID();
    }

    private int login(VaultSim sim, String jwt) throws Exception {
        return send(sim, "auth/jwt/login", null, Map.of("role", "plan", "jwt", jwt)).statusCode();
    }

    private void vault(VaultSim sim, String path, Map<String, ?> body) throws Exception {
        HttpResponse<String> response = send(sim, path, sim.rootToken(), body);
        assertEquals(204, response.statusCode(), response.body());
    }

    private HttpResponse<String> send(VaultSim sim, String path, String token, Map<String, ?> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.address() + "/v1/" + path))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("X-Vault-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
