package dev.credbroker.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credbroker.vaultsim.VaultSim;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /health} tells anyone UP or DOWN and nothing more; the operator credential shows the details. Readiness
 * follows the Vault targets and the trusted issuers' keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthExposureTest {
    private static final String OPERATOR = "operator-secret-for-health-test";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    @TempDir
    Path dir;
    private VaultSim sim;

    @BeforeAll
    void startVault() {
        sim = VaultSim.builder().build().listen();
    }

    @AfterAll
    void stopVault() {
        sim.close();
    }

    private EmbeddedServer broker(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("broker.issuer.key-dir", dir.resolve("keys-" + extra.hashCode()).toString());
        props.put("broker.issuer.rotation-enabled", false);
        props.put("broker.phases.reaper-initial-delay", "1h");
        props.put("broker.operator.token", OPERATOR);
        props.put("micronaut.server.port", -1);
        props.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, props, Environment.TEST);
    }

    private record Answer(int status, Map<?, ?> body, String raw) {
    }

    private Answer get(EmbeddedServer server, String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readValue(response.body(), Map.class), response.body());
    }

    @Test
    void anonymousHealthShouldShowTheStatusOnly() throws Exception {
        try (EmbeddedServer server = broker(Map.of("broker.vault.targets.main.address", sim.address().toString()))) {
            for (String bearer : new String[]{null, "wrong", "Bearer"}) {
                Answer answer = get(server, "/health", bearer);
                assertEquals(200, answer.status(), answer.raw());
                assertEquals("UP", answer.body().get("status"), answer.raw());
                assertFalse(answer.body().containsKey("details"), answer.raw());
                assertFalse(answer.raw().contains("jdbc") || answer.raw().contains("diskSpace")
                        || answer.raw().contains(sim.address().toString()), answer.raw());
            }
        }
    }

    @Test
    void theOperatorCredentialShouldShowTheDetails() throws Exception {
        try (EmbeddedServer server = broker(Map.of("broker.vault.targets.main.address", sim.address().toString()))) {
            Answer answer = get(server, "/v1/operator/health", OPERATOR);
            assertEquals(200, answer.status(), answer.raw());
            Map<?, ?> details = (Map<?, ?>) answer.body().get("details");
            assertTrue(details.containsKey("vault") && details.containsKey("trusted-issuers"), answer.raw());
            assertTrue(answer.raw().contains(sim.address().toString()), answer.raw());
            assertFalse(answer.raw().contains(OPERATOR), "the credential is not echoed");
        }
    }

    @Test
    void detailsWithoutTheOperatorCredentialShouldBe401WithAChallenge() throws Exception {
        try (EmbeddedServer server = broker(Map.of("broker.vault.targets.main.address", sim.address().toString()))) {
            for (String bearer : new String[]{null, "wrong"}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/operator/health"));
                if (bearer != null) {
                    request.header("Authorization", "Bearer " + bearer);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, response.statusCode(), response.body());
                assertTrue(response.body().contains("urn:credbroker:problem:operator-unauthenticated"), response.body());
                assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer "));
                assertFalse(response.body().contains("jdbc"), response.body());
            }
        }
    }

    @Test
    void readinessShouldBeDownWhenNoVaultTargetAnswers() throws Exception {
        try (EmbeddedServer server = broker(Map.of("broker.vault.targets.main.address", "http://127.0.0.1:9"))) {
            Answer answer = get(server, "/health/readiness", null);
            assertEquals(503, answer.status(), answer.raw());
            assertEquals("DOWN", answer.body().get("status"), answer.raw());
            Answer detailed = get(server, "/v1/operator/health?check=readiness", OPERATOR);
            assertEquals(503, detailed.status(), detailed.raw());
            assertTrue(detailed.raw().contains("127.0.0.1:9"), detailed.raw());
        }
    }

    @Test
    void readinessShouldBeDownWhenATrustedIssuersKeysCannotBeFetched() throws Exception {
        try (EmbeddedServer server = broker(Map.of("broker.vault.targets.main.address", sim.address().toString(),
                "broker.workload.trusted-issuers.hcp.issuer", "https://app.terraform.example",
                "broker.workload.trusted-issuers.hcp.jwks-url", "http://127.0.0.1:9/jwks",
                "broker.workload.trusted-issuers.hcp.audiences", "vault.workload.identity"))) {
            assertEquals(503, get(server, "/health/readiness", null).status());
            Answer answer = get(server, "/v1/operator/health?check=readiness", OPERATOR);
            assertEquals(503, answer.status(), answer.raw());
            Map<?, ?> issuers = (Map<?, ?>) ((Map<?, ?>) answer.body().get("details")).get("trusted-issuers");
            assertEquals("DOWN", issuers.get("status"), answer.raw());
            assertTrue(answer.raw().contains("https://app.terraform.example"), answer.raw());
        }
    }

    @Test
    void readinessShouldBeUpWithAVaultAndFetchableKeys() throws Exception {
        try (EmbeddedServer server = broker(Map.of("broker.vault.targets.main.address", sim.address().toString()))) {
            Answer answer = get(server, "/health/readiness", null);
            assertEquals(200, answer.status(), answer.raw());
            assertEquals("UP", answer.body().get("status"));
        }
    }
}
