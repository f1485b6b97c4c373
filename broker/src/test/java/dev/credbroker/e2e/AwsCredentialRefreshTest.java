package dev.credbroker.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credbroker.Application;
import dev.credbroker.cli.CredbrokerCommand;
import dev.credbroker.cli.runtime.CliContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code aws-credential-process} near expiry of STS credentials (vault-sim's engine role gives them AWS's shortest
 * lifetime, 15 minutes): it gets fresh ones through the broker's {@code POST /v1/phases/{id}/credentials/aws/refresh},
 * the broker revokes the superseded lease, close revokes the new one, and every lease Vault's audit log shows
 * for the run has ended. Also who may refresh, and what a closed phase answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCredentialRefreshTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrokerHarness harness;
    private ApplicationContext cli;
    private Runner runner;
    @TempDir
    Path work;

    @BeforeAll
    void start(@TempDir Path keys) {
        harness = new BrokerHarness(Map.of());
        new E2eVault(harness.sim).put("aws/roles/short", Map.of("credential_type", "assumed_role",
                "role_arns", List.of(E2eVault.ROLE_ARN), "default_sts_ttl", "15m", "max_sts_ttl", "15m"));
        cli = ApplicationContext.run(Map.of("broker.issuer.key-dir", keys.toString()), Environment.CLI,
                Environment.TEST);
        runner = new Runner(harness.url());
    }

    @AfterAll
    void stop() {
        cli.close();
        harness.close();
    }

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // as Application.main runs it: phase open's credential_process names that main class
        int code = CredbrokerCommand.execute(CliContext.of(cli, Application.class),
                new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) throws IOException {
        return JSON.readValue(text, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> leases(Runner.Reply status) {
        return (List<Map<String, Object>>) status.body().get("leases");
    }

    private double issuedAws() {
        var counter = harness.context.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .find("credbroker.credentials.issued").tag("provider", "aws").counter();
        return counter == null ? 0 : counter.count();
    }

    private Map<String, String> shortSts() {
        return Workspaces.aws(harness.sim.address().toString(), "assumed_role", "short");
    }

    @Test
    void credentialProcessShouldRefreshNearExpiryRevokeTheOldLeaseAndCloseShouldEndTheNewOne() throws Exception {
        double issuedBefore = issuedAws();
        String jwt = harness.token("apply");
        Path token = Files.writeString(work.resolve("token.jwt"), jwt);
        Path vars = work.resolve("vars.env");
        StringBuilder text = new StringBuilder();
        shortSts().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(vars, text);
        Path dir = work.resolve("phase");
        Run open = run("phase", "open", "--broker", harness.url().toString(), "--token-file", token.toString(),
                "--variables-file", vars.toString(), "--out-dir", dir.toString());
        assertEquals(0, open.code(), open.err());
        Map<String, Object> phase = json(Files.readString(dir.resolve("phase.json")));
        String phaseId = (String) phase.get("phase_id");
        String opened = Files.readString(dir.resolve("vault_backed_aws_credentials"));
        List<Map<String, Object>> before = leases(runner.status(jwt, phaseId));
        assertEquals(1, before.size());
        String firstLease = (String) before.get(0).get("lease_id");
        assertTrue(harness.sim.leaseExists(firstLease));

        // 15 minutes left is not near expiry by default (5m): the credentials the open wrote, no broker call
        Run plain = run("aws-credential-process", "--out-dir", dir.toString());
        assertEquals(0, plain.code(), plain.err());
        String firstKey = (String) json(plain.out()).get("AccessKeyId");
        assertTrue(opened.contains("aws_access_key_id = " + firstKey + "\n"));
        assertEquals(1, leases(runner.status(jwt, phaseId)).size());

        // within the margin: fresh keys through the broker, files rewritten, the superseded lease revoked
        Run refreshed = run("aws-credential-process", "--out-dir", dir.toString(), "--refresh-within", "20m");
        assertEquals(0, refreshed.code(), refreshed.err());
        assertEquals("", refreshed.err());
        Map<String, Object> second = json(refreshed.out());
        assertEquals(1, ((Number) second.get("Version")).intValue());
        String secondKey = (String) second.get("AccessKeyId");
        assertNotEquals(firstKey, secondKey);
        assertTrue(secondKey.startsWith("ASIA"), "STS keys");
        assertNotNull(second.get("SessionToken"));
        assertTrue(Files.readString(dir.resolve("vault_backed_aws_credentials"))
                .contains("aws_access_key_id = " + secondKey + "\n"));
        String env = Files.readString(dir.resolve("credentials.env"));
        assertTrue(env.contains("export AWS_ACCESS_KEY_ID='" + secondKey + "'\n"), "env file rewritten");
        assertTrue(env.contains("export AWS_SESSION_TOKEN='" + second.get("SessionToken") + "'\n"));
        assertFalse(env.contains(firstKey));
        Map<String, Object> rewritten = json(Files.readString(dir.resolve("phase.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> awsEntry = ((List<Map<String, Object>>) rewritten.get("aws")).get(0);
        assertEquals(second.get("Expiration"), awsEntry.get("expires_at"));
        assertEquals(phase.get("refresh"), rewritten.get("refresh"), "the rest of phase.json is kept");

        List<Map<String, Object>> after = leases(runner.status(jwt, phaseId));
        assertEquals(2, after.size());
        assertEquals("superseded", after.get(0).get("revoke_reason"));
        assertFalse(harness.sim.leaseExists(firstLease), "the superseded lease is revoked in Vault");
        String secondLease = (String) after.get(1).get("lease_id");
        assertNull(after.get(1).get("revoked_at"));
        assertTrue(harness.sim.leaseExists(secondLease));

        // expired on disk: refreshed whatever the margin
        rewritten.put("aws", List.of(new LinkedHashMap<>(Map.of("tag", "", "credentials_file",
                awsEntry.get("credentials_file"), "expires_at", Instant.now().minusSeconds(1).toString()))));
        Files.writeString(dir.resolve("phase.json"), JSON.writeValueAsString(rewritten));
        Run expired = run("aws-credential-process", "--out-dir", dir.toString());
        assertEquals(0, expired.code(), expired.err());
        String thirdKey = (String) json(expired.out()).get("AccessKeyId");
        assertFalse(Set.of(firstKey, secondKey).contains(thirdKey));
        assertFalse(harness.sim.leaseExists(secondLease));

        Run close = run("phase", "close", "--broker", harness.url().toString(), "--token-file", token.toString(),
                "--out-dir", dir.toString(), "--wipe");
        assertEquals(0, close.code(), close.err());
        List<Map<String, Object>> closed = leases(runner.status(jwt, phaseId));
        assertEquals(3, closed.size());
        closed.forEach(l -> assertNotNull(l.get("revoked_at"), "every lease recorded revoked"));
        assertEquals("closed-by-runner", closed.get(2).get("revoke_reason"));

        Set<String> inVault = ProcessCrashVaultAudit.read(harness.vaultAudit).leaseIds((String) phase.get("run_id"));
        assertEquals(closed.stream().map(l -> (String) l.get("lease_id")).collect(Collectors.toSet()), inVault,
                "Vault's audit log shows exactly the leases the broker recorded");
        inVault.forEach(l -> assertFalse(harness.sim.leaseExists(l), "lease " + l + " ended"));

        List<String> kinds = new ArrayList<>();
        for (String line : Files.readAllLines(harness.auditLog)) {
            Map<String, Object> event = json(line);
            if (phaseId.equals(event.get("phase_id"))) {
                kinds.add((String) event.get("kind"));
            }
        }
        assertEquals(2, kinds.stream().filter("phase.credentials-refreshed"::equals).count(), kinds.toString());
        assertEquals(issuedBefore + 3, issuedAws(), "the open and both refreshes counted as AWS credentials issued");
    }

    @Test
    void onlyThePhasesOwnTokenMayRefreshAnUnknownTagIs404AndAClosedPhase409() {
        String jwt = harness.token("plan");
        Runner.Reply opened = runner.open(jwt, shortSts());
        assertEquals(201, opened.status(), opened.raw());
        String path = "/v1/phases/" + opened.phaseId() + "/credentials/aws/refresh";

        Runner.Reply stranger = runner.send("POST", path, harness.token("plan"), Map.of());
        assertEquals(404, stranger.status());
        assertEquals("urn:credbroker:problem:phase-not-found", stranger.body().get("type"));
        Runner.Reply anonymous = runner.send("POST", path, null, Map.of());
        assertEquals(401, anonymous.status());
        Runner.Reply tagged = runner.send("POST", path, jwt, Map.of("tag", "NOPE"));
        assertEquals(404, tagged.status());
        assertEquals("application/problem+json", tagged.contentType());
        assertEquals("urn:credbroker:problem:credential-not-found", tagged.body().get("type"));
        assertEquals(1, leases(runner.status(jwt, opened.phaseId())).size(), "nothing read for a refusal");

        Runner.Reply fresh = runner.send("POST", path, jwt, null);
        assertEquals(200, fresh.status(), fresh.raw());
        assertEquals(1, fresh.credentials().size());
        assertEquals("aws", fresh.credentials().get(0).get("provider"));
        assertEquals(false, fresh.credentials().get(0).get("revocable"));

        assertEquals(204, runner.close(jwt, opened.phaseId()).status());
        Runner.Reply afterClose = runner.send("POST", path, jwt, Map.of());
        assertEquals(409, afterClose.status());
        assertEquals("urn:credbroker:problem:phase-closed", afterClose.body().get("type"));
        List<Map<String, Object>> leases = leases(runner.status(jwt, opened.phaseId()));
        assertEquals(2, leases.size(), "no lease read after the close");
        leases.forEach(l -> assertFalse(harness.sim.leaseExists((String) l.get("lease_id"))));
    }
}
