package dev.credbroker.vaultsim;

import dev.credbroker.vaultsim.contract.VaultHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vault's HTTP conventions that vault-api.md lists under "HTTP conventions", as the sim answers them. */
class SimHttpConventionsTest {
    private VaultSim sim;
    private VaultHttp vault;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        sim = VaultSim.start();
        vault = new VaultHttp(sim.address());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private int post(String pathAndQuery, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.address() + "/v1/" + pathAndQuery))
                .header("X-Vault-Token", sim.rootToken()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void anUnknownTokenIsPermissionDeniedAndInvalidTokenSinceVaultPr26687() {
        VaultHttp.Reply reply = vault.get("auth/token/lookup-self", "hvs.not-a-real-token");

        assertEquals(403, reply.status());
        assertEquals(List.of("permission denied", "invalid token"), reply.errors());
    }

    @Test
    void aMissingTokenIsPermissionDeniedOnly() {
        VaultHttp.Reply reply = vault.get("auth/token/lookup-self", null);

        assertEquals(403, reply.status());
        assertEquals(List.of("permission denied"), reply.errors());
    }

    @Test
    void aWriteTakesAFormBody() throws Exception {
        assertEquals(204, post("sys/policies/acl/from-form", "application/x-www-form-urlencoded",
                "policy=path+%22secret%2F*%22+%7B+capabilities+%3D+%5B%22read%22%5D+%7D"));

        VaultHttp.Reply read = vault.get("sys/policies/acl/from-form", sim.rootToken());
        assertEquals(200, read.status());
        assertTrue(read.data().get("policy").toString().contains("secret/*"), String.valueOf(read.body()));
    }

    @Test
    void aWriteIgnoresItsQueryString() throws Exception {
        // The policy is only in the query: Vault reads no data from a write's query, so the write has no policy.
        int status = post("sys/policies/acl/from-query?policy=path+%22x%22+%7B%7D", "application/json", "{}");

        assertEquals(400, status, "a policy write without a policy is refused");
        assertEquals(404, vault.get("sys/policies/acl/from-query", sim.rootToken()).status());
    }

    @Test
    void aReadTakesItsQueryString() {
        vault.write("sys/namespaces/team-q", sim.rootToken(), java.util.Map.of());

        VaultHttp.Reply listed = vault.get("sys/namespaces?list=true", sim.rootToken());

        assertEquals(200, listed.status(), String.valueOf(listed.body()));
        assertEquals(List.of("team-q/"), listed.data().get("keys"), "a GET with list=true is a LIST");
    }
}
