package dev.credbroker.e2e;

import dev.credbroker.phase.PhaseSettings;
import dev.credbroker.phase.Reaper;
import dev.credbroker.store.FailingPhaseStore;
import dev.credbroker.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A runner's whole conversation with the broker, against vault-sim: every AUTH_TYPE of every cloud, tags,
 * role per phase, revocation on close and by the reaper, the refusals, and a scan of every log line and
 * database row for the secrets handed out (one test that hands out its own, so it needs no other test to run
 * first). Runs on H2 here and on PostgreSQL in a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhaseFlowTest {
    private final Path teamAReaper = BrokerHarness.newDir().resolve("team-a-reaper-token");
    protected BrokerHarness harness;
    protected Runner runner;
    private CapturedLogs logs;
    private final Set<String> secretsHandedOut = ConcurrentHashMap.newKeySet();

    protected Map<String, Object> extraProperties() {
        return Map.of();
    }

    @BeforeAll
    void start() {
        logs = CapturedLogs.attach();
        Map<String, Object> props = new java.util.HashMap<>(extraProperties());
        // team-a's own revocation identity: its token file is written once a test sets team-a up.
        props.put("broker.vault.namespace-reapers.team-a.target", "sim");
        props.put("broker.vault.namespace-reapers.team-a.namespace", "team-a");
        props.put("broker.vault.namespace-reapers.team-a.revocation-token-file", teamAReaper.toString());
        harness = new BrokerHarness(props);
        runner = new Runner(harness.url());
    }

    @AfterAll
    void stop() {
        logs.detach();
        harness.close();
    }

    private String vaultAddress() {
        return harness.sim.address().toString();
    }

    /** Opens a phase, keeps every secret value it handed out for the secret scan, and the token too. */
    private Runner.Reply open(String token, Map<String, String> variables) {
        return open(token, variables, secretsHandedOut);
    }

    private Runner.Reply open(String token, Map<String, String> variables, Set<String> secrets) {
        secrets.add(token);
        Runner.Reply reply = runner.open(token, variables);
        if (reply.status() == 201) {
            for (Map<String, Object> credential : reply.credentials()) {
                collect(credential.get("env"), secrets);
                collect(credential.get("files"), secrets);
            }
        }
        return reply;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object values, Set<String> secrets) {
        if (values instanceof Map<?, ?> map) {
            ((Map<String, String>) map).forEach((name, value) -> {
                if (!name.endsWith("_FILE") && !name.equals("VAULT_ADDR") && !name.equals("VAULT_NAMESPACE")
                        && value.length() >= 16 && !value.startsWith("vault_backed_")) {
                    secrets.add(value);
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(Runner.Reply reply, int i) {
        return (Map<String, String>) reply.credentials().get(i).get("env");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> leases(String token, String phaseId) {
        return (List<Map<String, Object>>) runner.status(token, phaseId).body().get("leases");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> vaultTokens(String token, String phaseId) {
        return (List<Map<String, Object>>) runner.status(token, phaseId).body().get("vault_tokens");
    }

    private String onlyLeaseId(String token, String phaseId) {
        List<Map<String, Object>> leases = leases(token, phaseId);
        assertEquals(1, leases.size(), () -> "leases: " + leases);
        return (String) leases.get(0).get("lease_id");
    }

    @Test
    void awsIamUserCredentialsAreLeasedAndRevokedOnClose() {
        String token = harness.token("plan");
        Runner.Reply opened = open(token, Workspaces.aws(vaultAddress(), "iam_user", "deploy"));
        assertEquals(201, opened.status(), opened.raw());
        assertEquals("plan", opened.body().get("phase"));
        Map<String, String> env = env(opened, 0);
        String keyId = env.get("AWS_ACCESS_KEY_ID");
        assertTrue(keyId.startsWith("AKIA"), keyId);
        assertNotNull(env.get("AWS_SECRET_ACCESS_KEY"));
        assertEquals(true, opened.credentials().get(0).get("revocable"));
        @SuppressWarnings("unchecked")
        Map<String, String> files = (Map<String, String>) opened.credentials().get(0).get("files");
        assertTrue(files.values().stream().anyMatch(f -> f.contains("[default]") && f.contains(keyId)));

        String leaseId = onlyLeaseId(token, opened.phaseId());
        assertTrue(leaseId.startsWith("aws/creds/deploy/"), leaseId);
        assertTrue(harness.sim.leaseExists(leaseId));
        assertTrue(harness.sim.cloud().isLive(keyId, harness.sim.clock().instant()));
        String accessor = (String) vaultTokens(token, opened.phaseId()).get(0).get("accessor");

        assertEquals(204, runner.close(token, opened.phaseId()).status());
        assertFalse(harness.sim.leaseExists(leaseId), "lease revoked in Vault");
        assertFalse(harness.sim.cloud().isLive(keyId, harness.sim.clock().instant()), "IAM key deleted");
        assertFalse(harness.sim.accessorLive(accessor), "the phase's Vault token revoked");
        Runner.Reply status = runner.status(token, opened.phaseId());
        assertEquals("revoked", status.body().get("state"));
        assertEquals("closed-by-runner", status.body().get("close_reason"));
    }

    /** Every member of the open and status answers, before and after the close: the API's contract. */
    @Test
    @SuppressWarnings("unchecked")
    void theOpenAndStatusAnswersCarryEveryDocumentedMember() {
        String token = harness.token("plan");
        Runner.Reply opened = open(token, Workspaces.aws(vaultAddress(), "iam_user", "deploy"));
        assertEquals(201, opened.status(), opened.raw());
        assertEquals(Set.of("phase_id", "run_id", "phase", "expires_at", "heartbeat_by", "credentials"),
                opened.body().keySet());
        assertEquals("plan", opened.body().get("phase"));
        assertEquals(Set.of("provider", "tag", "env", "files", "terraform_fields", "expires_at", "revocable"),
                opened.credentials().get(0).keySet(), "no SLEEP_SECONDS, no usable_after");

        Map<String, Object> open = runner.status(token, opened.phaseId()).body();
        assertEquals(Set.of("phase_id", "run_id", "phase", "state", "created_at", "heartbeat_at", "expires_at",
                "vault_tokens", "leases"), open.keySet(), "nothing closed yet");
        assertEquals(opened.phaseId(), open.get("phase_id"));
        assertEquals(opened.body().get("run_id"), open.get("run_id"));
        assertEquals(opened.body().get("expires_at"), open.get("expires_at"));
        assertEquals("open", open.get("state"));
        Map<String, Object> vaultToken = ((List<Map<String, Object>>) open.get("vault_tokens")).get(0);
        assertEquals(Set.of("tag", "address", "accessor"), vaultToken.keySet());
        assertEquals(vaultAddress(), vaultToken.get("address"));
        Map<String, Object> lease = ((List<Map<String, Object>>) open.get("leases")).get(0);
        assertEquals(Set.of("lease_id", "provider", "tag", "expires_at"), lease.keySet());
        assertEquals("aws", lease.get("provider"));

        assertEquals(204, runner.close(token, opened.phaseId()).status());
        Map<String, Object> closed = runner.status(token, opened.phaseId()).body();
        assertEquals("revoked", closed.get("state"));
        assertEquals("closed-by-runner", closed.get("close_reason"));
        assertNotNull(closed.get("closed_at"));
        assertTrue(((List<Map<String, Object>>) closed.get("vault_tokens")).get(0).containsKey("revoked_at"));
        lease = ((List<Map<String, Object>>) closed.get("leases")).get(0);
        assertEquals("closed-by-runner", lease.get("revoke_reason"));
        assertNotNull(lease.get("revoked_at"));
    }

    @ParameterizedTest
    @CsvSource({"assumed_role, assume", "federation_token, federate"})
    void awsStsCredentialsCarryASessionTokenAndAreMarkedNotRevocable(String authType, String role) {
        String token = harness.token("plan");
        Runner.Reply opened = open(token, Workspaces.aws(vaultAddress(), authType, role));
        assertEquals(201, opened.status(), opened.raw());
        Map<String, String> env = env(opened, 0);
        assertTrue(env.get("AWS_ACCESS_KEY_ID").startsWith("ASIA"));
        assertNotNull(env.get("AWS_SESSION_TOKEN"));
        assertEquals(false, opened.credentials().get(0).get("revocable"));
        // Vault (all supported versions but 1.13.0-1.13.1) leases STS credentials: not renewable, revoke a no-op on AWS.
        assertEquals(1, leases(token, opened.phaseId()).size(), "Vault leases STS credentials too");
        assertEquals(204, runner.close(token, opened.phaseId()).status());
    }

    @Test
    void azureServicePrincipalSecretIsRevokedOnClose() {
        String token = harness.token("plan");
        Runner.Reply opened = open(token, Workspaces.azure(vaultAddress()));
        assertEquals(201, opened.status(), opened.raw());
        String clientId = env(opened, 0).get("ARM_CLIENT_ID");
        assertNotNull(clientId);
        assertNotNull(env(opened, 0).get("ARM_CLIENT_SECRET"));
        String leaseId = onlyLeaseId(token, opened.phaseId());
        assertTrue(leaseId.startsWith("azure/creds/deploy/"));
        assertEquals(204, runner.close(token, opened.phaseId()).status());
        assertFalse(harness.sim.leaseExists(leaseId));
    }

    /** {@code SLEEP_SECONDS} is the runner's wait: {@code usable_after} is the open's time plus it, or absent. */
    @ParameterizedTest
    @CsvSource({"AWS, 30", "AZURE, 45", "AWS, 0", "AZURE, 0", "GCP, -1", "VAULT, -1"})
    void usableAfterIsTheOpenPlusSleepSecondsWhereTheProviderHasThem(String provider, int sleepSeconds) {
        String token = harness.token("plan");
        Map<String, String> variables = switch (provider) {
            case "AWS" -> Workspaces.aws(vaultAddress(), "iam_user", "deploy");
            case "AZURE" -> Workspaces.azure(vaultAddress());
            case "GCP" -> Workspaces.gcp(vaultAddress(), "roleset/access_token", "tokens");
            default -> new HashMap<>(Map.of("TFC_VAULT_ADDR", vaultAddress(), "TFC_VAULT_PLAN_ROLE", "plan",
                    "TFC_VAULT_PROVIDER_AUTH", "true"));
        };
        if (sleepSeconds >= 0) {
            variables.put("TFC_VAULT_BACKED_" + provider + "_SLEEP_SECONDS", String.valueOf(sleepSeconds));
        }
        MutableClock clock = harness.context.getBean(MutableClock.class);
        Instant before = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Runner.Reply opened = open(token, variables);
        Instant after = clock.instant();
        assertEquals(201, opened.status(), opened.raw());
        Object usableAfter = opened.credentials().get(0).get("usable_after");
        if (sleepSeconds <= 0) {
            assertEquals(null, usableAfter, "no wait, no usable_after");
        } else {
            Instant at = Instant.parse((String) usableAfter);
            assertFalse(at.isBefore(before.plusSeconds(sleepSeconds)), usableAfter + " before " + before);
            assertFalse(at.isAfter(after.plusSeconds(sleepSeconds)), usableAfter + " after " + after);
        }
        assertEquals(204, runner.close(token, opened.phaseId()).status());
    }

    @ParameterizedTest
    @CsvSource({"roleset/service_account_key, keys, true", "roleset/access_token, tokens, false",
            "static_account/service_account_key, svc-keys, true", "static_account/access_token, svc-tokens, false"})
    void gcpEachAuthTypeYieldsItsCredential(String authType, String name, boolean leased) {
        String token = harness.token("plan");
        Runner.Reply opened = open(token, Workspaces.gcp(vaultAddress(), authType, name));
        assertEquals(201, opened.status(), opened.raw());
        Map<String, String> env = env(opened, 0);
        if (leased) {
            assertTrue(env.get("GOOGLE_CREDENTIALS").contains("\"type\""), "a service account key file");
            String leaseId = onlyLeaseId(token, opened.phaseId());
            assertEquals(204, runner.close(token, opened.phaseId()).status());
            assertFalse(harness.sim.leaseExists(leaseId));
        } else {
            assertTrue(env.get("GOOGLE_OAUTH_ACCESS_TOKEN").startsWith("ya29."));
            assertEquals(false, opened.credentials().get(0).get("revocable"));
            assertEquals(204, runner.close(token, opened.phaseId()).status());
        }
    }

    @Test
    void theVaultProviderGetsThePhasesTokenWhichDiesWithThePhase() {
        String token = harness.token("apply");
        Map<String, String> vars = Workspaces.vault(vaultAddress());
        vars.put("TFC_VAULT_PROVIDER_AUTH", "true");
        Runner.Reply opened = open(token, vars);
        assertEquals(201, opened.status(), opened.raw());
        String vaultToken = env(opened, 0).get("VAULT_TOKEN");
        assertEquals(200, lookupSelf(vaultToken));
        assertEquals(204, runner.close(token, opened.phaseId()).status());
        assertEquals(403, lookupSelf(vaultToken));
    }

    private int lookupSelf(String vaultToken) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(vaultAddress() + "/v1/auth/token/lookup-self"))
                    .header("X-Vault-Token", vaultToken).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void taggedConfigurationsGetFilesAndTerraformFieldsAndTheDefaultAlsoGetsEnv() {
        String token = harness.token("plan");
        Map<String, String> vars = Workspaces.aws(vaultAddress(), "iam_user", "deploy");
        vars.put("TFC_VAULT_BACKED_AWS_AUTH_PROD", "true");
        vars.put("TFC_VAULT_BACKED_AWS_AUTH_TYPE_PROD", "federation_token");
        vars.put("TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE_PROD", "federate");
        vars.put("TFC_VAULT_BACKED_AZURE_AUTH_EU", "true");
        vars.put("TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE_EU", "deploy");
        Runner.Reply opened = open(token, vars);
        assertEquals(201, opened.status(), opened.raw());
        List<Map<String, Object>> credentials = opened.credentials();
        assertEquals(3, credentials.size());
        Map<String, Map<String, Object>> byTag = new HashMap<>();
        credentials.forEach(c -> byTag.put(c.get("provider") + ":" + c.get("tag"), c));
        assertFalse(((Map<String, String>) byTag.get("aws:").get("env")).isEmpty());
        Map<String, Object> prod = byTag.get("aws:PROD");
        assertTrue(((Map<String, String>) prod.getOrDefault("env", Map.of())).isEmpty(), "tagged: no env vars");
        assertFalse(((Map<String, String>) prod.get("files")).isEmpty());
        assertFalse(((Map<String, String>) prod.get("terraform_fields")).isEmpty());
        assertNotNull(byTag.get("azure:EU"));
        assertEquals(3, leases(token, opened.phaseId()).size(), "iam_user, STS and azure leased");
        assertEquals(1, vaultTokens(token, opened.phaseId()).size(), "one login for the one Vault configuration");
        assertEquals(204, runner.close(token, opened.phaseId()).status());
        leases(token, opened.phaseId()).forEach(l -> assertFalse(harness.sim.leaseExists((String) l.get("lease_id"))));
    }

    @Test
    void theTokensPhaseClaimChoosesTheRole() {
        for (String phase : List.of("plan", "apply")) {
            String token = harness.token(phase);
            Runner.Reply opened = open(token, Workspaces.aws(vaultAddress(), "iam_user", "deploy"));
            assertEquals(201, opened.status(), opened.raw());
            String accessor = (String) vaultTokens(token, opened.phaseId()).get(0).get("accessor");
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) new E2eVault(harness.sim)
                    .put("auth/token/lookup-accessor", Map.of("accessor", accessor)).get("data");
            @SuppressWarnings("unchecked")
            Map<String, String> tokenMeta = (Map<String, String>) meta.get("meta");
            assertEquals(phase, tokenMeta.get("role"), "Vault role chosen from the token's run_phase");
            assertEquals(phase, tokenMeta.get("run_phase"));
            assertEquals(204, runner.close(token, opened.phaseId()).status());
        }
    }

    @Test
    void aPlanTokenCannotLogInWithTheApplyRole() {
        String token = harness.token("plan");
        Map<String, String> vars = Workspaces.aws(vaultAddress(), "iam_user", "deploy");
        vars.put("TFC_VAULT_PLAN_ROLE", "apply");
        int tokensBefore = harness.sim.liveTokens();
        Runner.Reply refused = open(token, vars);
        assertEquals(403, refused.status(), refused.raw());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertFalse(refused.raw().contains("bound claim"), "Vault's reason stays out of the response");
        assertEquals(tokensBefore, harness.sim.liveTokens());
        assertTrue(rows("SELECT detail FROM audit_event WHERE event = 'phase.open-failed'").stream()
                        .anyMatch(d -> d.contains("does not match any associated bound claim values")),
                "Vault's reason is in the broker's audit log");
    }

    @Test
    @Order(99)
    void aHeartbeatRenewsLeasesAboutToExpire() {
        String token = harness.token("plan");
        Runner.Reply opened = open(token, Workspaces.aws(vaultAddress(), "iam_user", "deploy"));
        String leaseId = onlyLeaseId(token, opened.phaseId());
        String before = (String) leases(token, opened.phaseId()).get(0).get("expires_at");
        MutableClock clock = harness.context.getBean(MutableClock.class);
        Runner.Reply beat;
        try {
            clock.advance(Duration.ofMinutes(26));
            beat = runner.heartbeat(token, opened.phaseId());
        } finally {
            clock.reset();
        }
        assertEquals(200, beat.status(), beat.raw());
        assertEquals(2, ((Number) beat.body().get("renewed")).intValue(), "the lease and the token");
        assertEquals(true, beat.body().get("renewal_available"));
        String after = (String) leases(token, opened.phaseId()).get(0).get("expires_at");
        assertTrue(java.time.Instant.parse(after).isAfter(java.time.Instant.parse(before)), before + " -> " + after);
        assertTrue(harness.sim.leaseExists(leaseId));
        assertEquals(204, runner.close(token, opened.phaseId()).status());
    }

    /**
     * {@code heartbeat_by} is the reaper's own rule: the phase's last heartbeat (its open counts as one) plus the
     * heartbeat timeout, from the open and from every heartbeat alike.
     */
    @Test
    void heartbeatByIsTheLastHeartbeatPlusTheTimeout() {
        Duration timeout = harness.context.getBean(PhaseSettings.class).heartbeatTimeout();
        String token = harness.token("plan");
        Runner.Reply opened = open(token, Workspaces.azure(vaultAddress()));
        assertEquals(201, opened.status(), opened.raw());
        assertAbout(heartbeatAt(token, opened.phaseId()).plus(timeout), opened.body().get("heartbeat_by"));
        Runner.Reply beat = runner.heartbeat(token, opened.phaseId());
        assertEquals(200, beat.status(), beat.raw());
        assertAbout(heartbeatAt(token, opened.phaseId()).plus(timeout), beat.body().get("heartbeat_by"));
        assertEquals(204, runner.close(token, opened.phaseId()).status());
    }

    private Instant heartbeatAt(String token, String phaseId) {
        return Instant.parse((String) runner.status(token, phaseId).body().get("heartbeat_at"));
    }

    /** The database may keep fewer digits of a second than the clock gave. */
    private static void assertAbout(Instant expected, Object actual) {
        Duration off = Duration.between(expected, Instant.parse((String) actual)).abs();
        assertTrue(off.compareTo(Duration.ofMillis(1)) < 0, "expected " + expected + ", got " + actual);
    }

    /** The first column of every row a query returns. */
    private List<String> rows(String sql) {
        return query(sql, false);
    }

    /** Every column of every row of a table, joined, as an operator's SELECT * would show it. */
    private List<String> wholeRows(String table) {
        return query("SELECT * FROM " + table, true);
    }

    private List<String> query(String sql, boolean allColumns) {
        List<String> out = new ArrayList<>();
        try (Connection c = SharedDatabase.connect(harness.context.getEnvironment());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int columns = allColumns ? r.getMetaData().getColumnCount() : 1;
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(r.getString(i));
                }
                out.add(row.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    void closingTwiceIsFineAndAClosedPhaseCannotBeRenewed() {
        String token = harness.token("plan");
        Runner.Reply opened = open(token, Workspaces.azure(vaultAddress()));
        assertEquals(201, opened.status(), opened.raw());
        Runner.Reply beat = runner.heartbeat(token, opened.phaseId());
        assertEquals(200, beat.status(), beat.raw());
        assertEquals(204, runner.close(token, opened.phaseId()).status());
        assertEquals(204, runner.close(token, opened.phaseId()).status());
        Runner.Reply late = runner.heartbeat(token, opened.phaseId());
        assertEquals(409, late.status());
        assertEquals("urn:credbroker:problem:phase-closed", late.body().get("type"));
    }

    @Test
    void aWorkloadTokenOpensOnePhaseOnly() {
        String token = harness.token("plan");
        Runner.Reply first = open(token, Workspaces.azure(vaultAddress()));
        assertEquals(201, first.status(), first.raw());
        Runner.Reply replay = open(token, Workspaces.azure(vaultAddress()));
        assertEquals(401, replay.status());
        assertEquals("urn:credbroker:problem:workload-token-replayed", replay.body().get("type"));
        assertEquals(204, runner.close(token, first.phaseId()).status());
    }

    @Test
    void anotherTokenCannotSeeOrCloseAPhase() {
        String token = harness.token("plan");
        Runner.Reply opened = open(token, Workspaces.azure(vaultAddress()));
        String stranger = harness.token("plan");
        assertEquals(404, runner.status(stranger, opened.phaseId()).status());
        assertEquals(404, runner.close(stranger, opened.phaseId()).status());
        assertEquals(204, runner.close(token, opened.phaseId()).status());
    }

    @Test
    void whenTheDatabaseCannotRecordTheLoginTheTokenIsRevokedAndNothingHandedOut() {
        FailingPhaseStore store = harness.context.getBean(FailingPhaseStore.class);
        int tokensBefore = harness.sim.liveTokens();
        int credentialsBefore = harness.sim.cloud().liveCount(harness.sim.clock().instant());
        store.failLogins.set(true);
        try {
            Runner.Reply refused = open(harness.token("plan"), Workspaces.aws(vaultAddress(), "iam_user", "deploy"));
            assertEquals(503, refused.status(), refused.raw());
            assertFalse(refused.raw().contains("AKIA"));
        } finally {
            store.failLogins.set(false);
        }
        assertEquals(tokensBefore, harness.sim.liveTokens(), "the token Vault issued was revoked");
        assertEquals(credentialsBefore, harness.sim.cloud().liveCount(harness.sim.clock().instant()),
                "no secret was read with a token whose accessor was not committed");
    }

    @Test
    void whenVaultFailsMidOpenEverythingObtainedIsRevoked() {
        int tokensBefore = harness.sim.liveTokens();
        int leasesBefore = harness.sim.liveLeases();
        harness.sim.faults().failNext("azure/creds", 1, 503);
        Map<String, String> vars = Workspaces.aws(vaultAddress(), "iam_user", "deploy");
        vars.putAll(Workspaces.azure(vaultAddress()));
        Runner.Reply refused = open(harness.token("plan"), vars);
        assertEquals(503, refused.status(), refused.raw());
        assertEquals("urn:credbroker:problem:vault-unavailable", refused.body().get("type"));
        assertEquals(tokensBefore, harness.sim.liveTokens());
        assertEquals(leasesBefore, harness.sim.liveLeases(), "the AWS lease obtained first went with the token");
    }

    @Test
    void untrustedVaultAddressesAndBadVariablesAreRefusedBeforeAnyVaultCall() {
        Runner.Reply ssrf = open(harness.token("plan"), Workspaces.aws("http://169.254.169.254", "iam_user", "deploy"));
        assertEquals(403, ssrf.status());
        assertEquals("urn:credbroker:problem:vault-target-not-allowed", ssrf.body().get("type"));
        assertTrue(rows("SELECT detail FROM audit_event WHERE event = 'phase.refused'").stream()
                .anyMatch(d -> d.contains("TFC_VAULT_ADDR is not a configured Vault target")), "the reason is audited");
        Map<String, String> vars = Workspaces.aws(vaultAddress(), "iam_user", "../../sys");
        Runner.Reply bad = open(harness.token("plan"), vars);
        assertEquals(400, bad.status());
        assertEquals("TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE", bad.body().get("variable"));
        Runner.Reply noToken = runner.open(null, Workspaces.azure(vaultAddress()));
        assertEquals(401, noToken.status());
        assertTrue(noToken.contentType().startsWith("application/problem+json"));
    }

    @Test
    void aNamespaceMustBeAllowedForTheTarget() throws IOException {
        new E2eVault(harness.sim).put("sys/namespaces/team-a", Map.of());
        Files.writeString(teamAReaper, new E2eVault(harness.sim, "team-a")
                .configure(BrokerHarness.ISSUER, harness.url() + "/.well-known/jwks", null));
        Map<String, String> allowed = Workspaces.azure(vaultAddress());
        allowed.put("TFC_VAULT_NAMESPACE", "team-a");
        String token = harness.token("plan");
        Runner.Reply opened = open(token, allowed);
        assertEquals(201, opened.status(), opened.raw());
        assertEquals(204, runner.close(token, opened.phaseId()).status());

        Map<String, String> other = Workspaces.azure(vaultAddress());
        other.put("TFC_VAULT_NAMESPACE", "team-b");
        Runner.Reply refused = open(harness.token("plan"), other);
        assertEquals(403, refused.status());
        assertEquals("urn:credbroker:problem:vault-target-not-allowed", refused.body().get("type"));
    }

    @Test
    void theRunIdReachesVaultsAuditLogInClear() throws Exception {
        String token = harness.token("plan");
        Runner.Reply opened = open(token, Workspaces.azure(vaultAddress()));
        assertEquals(204, runner.close(token, opened.phaseId()).status());
        String audit = Files.readString(harness.vaultAudit);
        assertTrue(audit.contains("\"x-credbroker-run-id\":[\"" + opened.body().get("run_id") + "\"]"));
    }

    @Test
    @Order(100)
    void theReaperRevokesAPhaseWhoseHeartbeatLapsed() {
        String token = harness.token("plan");
        Runner.Reply opened = open(token, Workspaces.aws(vaultAddress(), "iam_user", "deploy"));
        String leaseId = onlyLeaseId(token, opened.phaseId());
        MutableClock clock = harness.context.getBean(MutableClock.class);
        try {
            clock.advance(Duration.ofMinutes(6));
            assertTrue(harness.context.getBean(Reaper.class).sweep() >= 1);
        } finally {
            clock.reset();
        }
        assertFalse(harness.sim.leaseExists(leaseId));
        Runner.Reply status = runner.status(token, opened.phaseId());
        assertEquals("revoked", status.body().get("state"));
        assertEquals("heartbeat-lapsed", status.body().get("close_reason"));
    }

    @Test
    @Order(101)
    void aCloseVaultCannotConfirmIsRetriedByTheReaper() {
        String token = harness.token("plan");
        Runner.Reply opened = open(token, Workspaces.azure(vaultAddress()));
        String leaseId = onlyLeaseId(token, opened.phaseId());
        harness.sim.faults().seal();
        Runner.Reply pending = runner.close(token, opened.phaseId());
        harness.sim.faults().unseal();
        assertEquals(503, pending.status());
        assertEquals("urn:credbroker:problem:revocation-pending", pending.body().get("type"));
        assertTrue(harness.sim.leaseExists(leaseId));
        MutableClock clock = harness.context.getBean(MutableClock.class);
        try {
            clock.advance(Duration.ofMinutes(1));
            harness.context.getBean(Reaper.class).sweep();
        } finally {
            clock.reset();
        }
        assertFalse(harness.sim.leaseExists(leaseId));
        assertEquals("revoked", runner.status(token, opened.phaseId()).body().get("state"));
    }

    /**
     * Self-contained: it hands out every kind of secret itself (each cloud's credentials, STS session tokens, a
     * GCP key and access token, the Vault provider's token, the workload tokens), heartbeats and closes each phase,
     * then scans. Whatever other tests handed out before it is scanned for too.
     */
    @Test
    void noSecretHandedOutAppearsInAnyLogLineOrDatabaseRow() throws java.io.IOException {
        Set<String> own = new java.util.HashSet<>();
        List<Map<String, String>> workspaces = new ArrayList<>(List.of(
                Workspaces.aws(vaultAddress(), "iam_user", "deploy"),
                Workspaces.aws(vaultAddress(), "federation_token", "federate"),
                Workspaces.azure(vaultAddress()),
                Workspaces.gcp(vaultAddress(), "roleset/service_account_key", "keys"),
                Workspaces.gcp(vaultAddress(), "roleset/access_token", "tokens")));
        Map<String, String> vaultProvider = Workspaces.vault(vaultAddress());
        vaultProvider.put("TFC_VAULT_PROVIDER_AUTH", "true");
        workspaces.add(vaultProvider);
        for (Map<String, String> variables : workspaces) {
            String token = harness.token("apply");
            Runner.Reply opened = open(token, variables, own);
            assertEquals(201, opened.status(), opened.raw());
            assertEquals(200, runner.heartbeat(token, opened.phaseId()).status());
            assertEquals(204, runner.close(token, opened.phaseId()).status());
        }
        assertTrue(own.size() >= 15, "the scan must have secrets of its own to look for: " + own.size());
        Set<String> secrets = new java.util.HashSet<>(own);
        secrets.addAll(secretsHandedOut);
        List<String> haystack = new ArrayList<>(logs.lines());
        assertTrue(haystack.size() > 50, "log lines were captured: " + haystack.size());
        int rows = 0;
        for (String table : List.of("phase_session", "vault_login", "lease", "audit_event")) {
            List<String> found = wholeRows(table);
            haystack.addAll(found);
            rows += found.size();
        }
        assertTrue(rows > 20, "database rows were read: " + rows);
        List<String> auditFile = Files.readAllLines(harness.auditLog);
        assertTrue(auditFile.size() > 20, "the audit file was written: " + auditFile.size());
        haystack.addAll(auditFile);
        String metrics = runner.send("GET", "/prometheus", null, null).raw();
        assertTrue(metrics.contains("credbroker_phases_opened_total"), "phase metrics are exported");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("credbroker_phases{state=\"revoked\"")
                && !l.endsWith(" 0.0")), "sessions by state, read from the database");
        assertTrue(metrics.contains("credbroker_phases_revoked_total{reason=\"closed-by-runner\""));
        haystack.addAll(metrics.lines().toList());
        for (String secret : secrets) {
            for (String line : haystack) {
                // The message shows what precedes the secret, never the secret itself.
                assertFalse(line.contains(secret), () -> "a secret was found after: "
                        + line.substring(0, Math.min(line.indexOf(secret), 100)));
            }
        }
    }
}
