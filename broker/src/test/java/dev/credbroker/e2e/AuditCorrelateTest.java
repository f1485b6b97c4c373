package dev.credbroker.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code audit correlate} against vault-sim's file audit device (accessors HMAC'd, the run-id header in clear):
 * a run's requests are found by header and by hashed accessor; a phase's token still used after its close
 * (Vault never confirmed revoking it) and a token of the broker's JWT role obtained behind the broker's back
 * are flagged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The stray login of the second test stays in Vault's log, and the unknown-token check reads the whole log.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditCorrelateTest {
    private BrokerHarness harness;
    private Runner runner;
    private Path rootTokenFile;

    @BeforeAll
    void start() throws Exception {
        harness = new BrokerHarness(Map.of());
        runner = new Runner(harness.url());
        rootTokenFile = harness.dir.resolve("operator-token");
        Files.writeString(rootTokenFile, harness.sim.rootToken());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private AuditCli.Result correlate(String runId) {
        return AuditCli.run(harness, "correlate", "--vault-audit-log", harness.vaultAudit.toString(),
                "--run", runId, "--vault-addr", harness.sim.address().toString(),
                "--vault-token-file", rootTokenFile.toString());
    }

    @Test
    @Order(1)
    void aClosedRunsRequestsAreFoundByHeaderAndHashedAccessorWithNothingFlagged() {
        String token = harness.token("plan");
        Runner.Reply opened = runner.open(token, Workspaces.aws(harness.sim.address().toString(), "iam_user", "deploy"));
        assertEquals(201, opened.status(), opened.raw());
        assertEquals(204, runner.close(token, opened.phaseId()).status());
        String runId = (String) opened.body().get("run_id");
        assertFalse(Files.exists(harness.vaultAudit) && readAudit().contains(accessorOf(token, opened.phaseId())),
                "the device hashes accessors: they can only be matched through sys/audit-hash");

        AuditCli.Result result = correlate(runId);

        assertEquals(0, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("auth/jwt/login") && result.out().contains("by=header"), result.out());
        assertTrue(result.out().contains("aws/creds/deploy") && result.out().contains("by=header+accessor phase="
                + opened.phaseId()), result.out());
        // the close's revocations, made with the revocation identity's token, carry the run id too
        assertTrue(result.out().lines().anyMatch(l -> l.contains("sys/leases/revoke") && l.contains("by=header")),
                result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.contains("auth/token/revoke-accessor")
                && l.contains("header")), result.out());
        assertFalse(result.out().contains("FLAG"), result.out());
    }

    @Test
    @Order(2)
    void aPhasesTokenUsedAfterItsCloseAndAJwtRoleTokenNoPhaseRecordedAreFlagged() throws Exception {
        String token = harness.token("apply");
        Map<String, String> vars = Workspaces.vault(harness.sim.address().toString());
        vars.put("TFC_VAULT_PROVIDER_AUTH", "true");
        Runner.Reply opened = runner.open(token, vars);
        assertEquals(201, opened.status(), opened.raw());
        @SuppressWarnings("unchecked")
        String phaseToken = ((Map<String, String>) opened.credentials().get(0).get("env")).get("VAULT_TOKEN");
        // Vault refuses every way of revoking the token: the close stays pending and the token lives on.
        harness.sim.faults().failNext("auth/token/revoke", 2, 503);
        assertEquals(503, runner.close(token, opened.phaseId()).status());
        assertEquals(200, vault("GET", "auth/token/lookup-self", phaseToken, null), "the run keeps using it");
        String stray = harness.token("apply");
        assertEquals(200, vault("PUT", "auth/jwt/login", null, "{\"role\":\"apply\",\"jwt\":\"" + stray + "\"}"),
                "a login with the broker's role, not through the broker");

        AuditCli.Result result = correlate((String) opened.body().get("run_id"));

        assertEquals(1, result.code(), result.out() + result.err());
        List<String> flags = result.lines().stream().filter(l -> l.startsWith("FLAG")).toList();
        assertTrue(flags.stream().anyMatch(l -> l.startsWith("FLAG after-close:") && l.contains("auth/token/lookup-self")
                && l.contains("phase " + opened.phaseId())), result.out());
        assertEquals(1, flags.stream().filter(l -> l.startsWith("FLAG unknown-token:")
                && l.contains("auth/jwt/login")).count(), result.out());
        assertFalse(result.out().contains(phaseToken) || result.out().contains(stray), "no token is printed");
        harness.sim.faults().clear();
    }

    private String readAudit() {
        try {
            return Files.readString(harness.vaultAudit);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private String accessorOf(String token, String phaseId) {
        List<Map<String, Object>> tokens = (List<Map<String, Object>>) runner.status(token, phaseId).body()
                .get("vault_tokens");
        return (String) tokens.get(0).get("accessor");
    }

    private int vault(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.sim.address() + "/v1/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Vault-Token", token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
