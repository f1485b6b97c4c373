package dev.credbroker.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.credbroker.vaultsim.VaultSim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Vault's JWT auth on a vault-sim, spoken over HTTP as a Vault client would: configure it as root, then log in
 * with a token. For the tests that prove Vault accepts (or refuses) what the broker's issuer signs.
 */
public final class SimJwtAuth {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final VaultSim sim;

    public SimJwtAuth(VaultSim sim) {
        this.sim = sim;
    }

    /**
     * Mounts JWT auth with {@code config} (its key source and bound issuer) and a role {@code plan} bound to the
     * acme/web plan phase's {@code sub}, as terraform/ sets one up.
     */
    public void enable(Map<String, ?> config) throws Exception {
        configure("sys/auth/jwt", Map.of("type", "jwt"));
        configure("auth/jwt/config", config);
        configure("auth/jwt/role/plan", Map.of("role_type", "jwt", "user_claim", "terraform_full_workspace",
                "bound_audiences", List.of("vault.workload.identity"), "bound_claims_type", "glob",
                "bound_claims", Map.of("sub", "organization:acme:project:*:workspace:web:run_phase:plan"),
                "token_policies", List.of("default")));
    }

    private void configure(String path, Map<String, ?> body) throws Exception {
        HttpResponse<String> response = send(path, sim.rootToken(), body);
        assertEquals(204, response.statusCode(), response.body());
    }

    /** {@code auth/jwt/login} for role {@code plan}: Vault's status. */
    public int login(String jwt) throws Exception {
        return send("auth/jwt/login", null, Map.of("role", "plan", "jwt", jwt)).statusCode();
    }

    public static String kid(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getHeader().getKeyID();
    }

    private HttpResponse<String> send(String path, String token, Map<String, ?> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.address() + "/v1/" + path))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("X-Vault-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
