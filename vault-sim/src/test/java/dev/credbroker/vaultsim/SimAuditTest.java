package dev.credbroker.vaultsim;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credbroker.vaultsim.contract.VaultHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file audit device as Vault's audit docs describe it: request and response entries, secrets HMAC'd,
 * audited headers included (in clear when configured with hmac = false), lease ids in clear.
 */
class SimAuditTest {
    private final SimFixture fx = new SimFixture();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void secretsAreHashedAndTheRunHeaderIsInClear() throws IOException {
        Path log = dir.resolve("audit.log");
        fx.vault.put("sys/audit/file", fx.root(), Map.of("type", "file", "options", Map.of("file_path", log.toString())));
        fx.vault.put("sys/config/auditing/request-headers/X-Credbroker-Run-Id", fx.root(), Map.of("hmac", false));

        String jwt = fx.issuer.token("plan", fx.sim.clock().instant());
        Reply login = fx.vault.write("auth/jwt/login", null, Map.of("role", "plan", "jwt", jwt));
        String token = login.clientToken();
        Reply secret = fx.vault.send("GET", "counting/leased", token, null, Map.of("X-Credbroker-Run-Id", "run-42"));
        String leaseId = (String) secret.body().get("lease_id");
        String secretValue = (String) secret.data().get("secret");

        String text = Files.readString(log);
        assertFalse(text.contains(jwt), "the JWT must not be in the audit log");
        assertFalse(text.contains(token), "the Vault token must not be in the audit log");
        assertFalse(text.contains(secretValue), "the secret must not be in the audit log");
        assertTrue(text.contains(leaseId), "lease ids stay in clear for correlation");

        List<Map<String, Object>> entries = text.lines().map(SimAuditTest::parse).toList();
        List<Map<String, Object>> read = entries.stream()
                .filter(e -> "counting/leased".equals(((Map<String, Object>) e.get("request")).get("path"))).toList();
        assertEquals(List.of("request", "response"), read.stream().map(e -> e.get("type")).toList(),
                "a request and a response entry for the call");
        Map<String, Object> request = (Map<String, Object>) read.get(0).get("request");
        assertEquals(Map.of("x-credbroker-run-id", List.of("run-42")), request.get("headers"));
        String hashedToken = (String) request.get("client_token");
        Reply hash = fx.vault.write("sys/audit-hash/file", fx.root(), Map.of("input", token));
        assertEquals(hashedToken, hash.data().get("hash"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) {
        try {
            return new ObjectMapper().readValue(line, Map.class);
        } catch (IOException e) {
            throw new AssertionError("audit line is not JSON: " + line, e);
        }
    }
}
