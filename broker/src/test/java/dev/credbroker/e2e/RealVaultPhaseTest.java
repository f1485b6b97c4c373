package dev.credbroker.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.vault.VaultContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A phase against a real Vault dev server (hashicorp/vault through Testcontainers): JWT login with the broker's
 * own issuer (Vault verifies with {@code jwt_validation_pubkeys}, so the container needs no route back to the
 * broker), the Vault provider's token handed out, closed by accessor with the revocation identity's token, and reaped by a
 * second broker after the first one is gone without closing. Needs a Docker engine; without one the class is
 * reported as skipped. A dev server has no cloud to mint AWS/Azure/GCP credentials, so leases are proven
 * against vault-sim only; this test proves the login, accessor and reaper paths on the real thing.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealVaultPhaseTest {
    private static final String ROOT = "real-vault-root";
    private static final String ISSUER = "https://broker.real-vault.test";

    @Container
    static final VaultContainer<?> VAULT = new VaultContainer<>("hashicorp/vault:1.17").withVaultToken(ROOT);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Path dir;

    @BeforeAll
    void configureVault() throws Exception {
        dir = Files.createTempDirectory("credbroker-real-vault");
        try (Running first = broker(Map.of())) {
            String jwks = get(first.server().getURL() + "/.well-known/jwks");
            RSAKey key = JWKSet.parse(jwks).getKeys().get(0).toRSAKey();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            vault("sys/policies/acl/run", Map.of("policy", "path \"auth/token/lookup-self\" { capabilities = [\"read\"] }"));
            vault("sys/policies/acl/broker-reaper", Map.of("policy", """
                    path "auth/token/revoke-accessor" { capabilities = ["update"] }
                    path "sys/leases/revoke" { capabilities = ["update"] }
                    """));
            vault("sys/auth/jwt", Map.of("type", "jwt"));
            vault("auth/jwt/config", Map.of("jwt_validation_pubkeys", List.of(pem), "bound_issuer", ISSUER));
            vault("auth/jwt/role/plan", Map.of("role_type", "jwt", "user_claim", "terraform_full_workspace",
                    "bound_audiences", List.of("vault.workload.identity"), "bound_claims_type", "glob",
                    "bound_claims", Map.of("sub", E2eVault.SUB + "plan"),
                    "claim_mappings", Map.of("terraform_run_id", "run_id"),
                    "token_policies", List.of("run"), "token_ttl", "20m", "token_max_ttl", "2h"));
            Map<String, Object> reaper = vault("auth/token/create", Map.of("policies", List.of("broker-reaper"),
                    "ttl", "24h", "no_parent", true));
            @SuppressWarnings("unchecked")
            String token = (String) ((Map<String, Object>) reaper.get("auth")).get("client_token");
            Files.writeString(dir.resolve("reaper-token"), token);
        }
    }

    @AfterAll
    void cleanUp() throws IOException {
        Files.deleteIfExists(dir.resolve("reaper-token"));
    }

    @Test
    void aPhaseOpensWithARealVaultLoginAndItsTokenDiesWithTheClose() {
        try (Running broker = broker(Map.of())) {
            String token = mint(broker);
            Runner runner = new Runner(broker.url());

            Runner.Reply opened = runner.open(token, providerWorkspace());
            assertEquals(201, opened.status(), opened.raw());
            String vaultToken = vaultToken(opened);
            assertEquals(200, lookupSelf(vaultToken), "the handed-out token works on the real Vault");

            assertEquals(204, runner.close(token, opened.phaseId()).status());
            assertEquals(403, lookupSelf(vaultToken), "revoked by accessor with the revocation identity's token");
        }
    }

    @Test
    void aPhaseLeftByAGoneBrokerIsReapedByTheNextOne() throws InterruptedException {
        String vaultToken;
        try (Running gone = broker(Map.of())) {
            Runner.Reply opened = new Runner(gone.url()).open(mint(gone), providerWorkspace());
            assertEquals(201, opened.status(), opened.raw());
            vaultToken = vaultToken(opened);
        }
        assertEquals(200, lookupSelf(vaultToken), "nobody closed the phase");

        try (Running next = broker(Map.of("broker.phases.heartbeat-timeout", "2s",
                "broker.phases.reaper-interval", "1s", "broker.phases.reaper-initial-delay", "0s"))) {
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (lookupSelf(vaultToken) != 403 && System.nanoTime() < until) {
                Thread.sleep(250);
            }
            assertEquals(403, lookupSelf(vaultToken), "the next broker's reaper revoked it by the stored accessor");
        }
    }

    /** A broker in this JVM; closing it stops its server and its context, as a process exit would. */
    private record Running(EmbeddedServer server) implements AutoCloseable {
        URI url() {
            return URI.create(server.getURL().toString());
        }

        @Override
        public void close() {
            server.stop();
            server.getApplicationContext().close();
        }
    }

    private Running broker(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("broker.issuer.url", ISSUER);
        props.put("broker.issuer.key-dir", dir.resolve("keys").toString());
        props.put("broker.issuer.rotation-enabled", false);
        props.put("broker.vault.targets.real.address", VAULT.getHttpHostAddress());
        props.put("broker.vault.targets.real.revocation-token-file", dir.resolve("reaper-token").toString());
        props.put("broker.phases.reaper-initial-delay", "1h");
        props.put("datasources.default.url", "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
        props.put("micronaut.server.port", -1);
        props.putAll(extra);
        return new Running(ApplicationContext.run(EmbeddedServer.class, props, Environment.TEST));
    }

    private static String mint(Running broker) {
        return broker.server().getApplicationContext().getBean(dev.credbroker.issuer.TokenMinter.class)
                .mint(new dev.credbroker.issuer.MintRequest("run-real-" + System.nanoTime(), "acme",
                        "Default Project", "networking-prod", "ws-e2e", "org-e2e", "prj-e2e", "plan",
                        "vault.workload.identity", 1800L, "hcp")).token();
    }

    private static Map<String, String> providerWorkspace() {
        Map<String, String> vars = Workspaces.vault(VAULT.getHttpHostAddress());
        vars.put("TFC_VAULT_PROVIDER_AUTH", "true");
        return vars;
    }

    @SuppressWarnings("unchecked")
    private static String vaultToken(Runner.Reply opened) {
        return ((Map<String, String>) opened.credentials().get(0).get("env")).get("VAULT_TOKEN");
    }

    private int lookupSelf(String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(VAULT.getHttpHostAddress() + "/v1/auth/token/lookup-self"))
                    .header("X-Vault-Token", token).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> vault(String path, Map<String, ?> body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(VAULT.getHttpHostAddress() + "/v1/" + path))
                .header("X-Vault-Token", ROOT).PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("setup " + path + " failed: " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? Map.of() : json.readValue(response.body(), Map.class);
    }
}
