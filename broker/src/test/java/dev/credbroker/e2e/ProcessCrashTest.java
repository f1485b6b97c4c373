package dev.credbroker.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credbroker.vaultsim.SimClock;
import dev.credbroker.vaultsim.VaultSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariants 1 and 2 (docs/INVARIANTS.md) under {@code kill -9} of a real broker process: runners open AWS, Azure and
 * GCP phases concurrently, the broker process is killed at a random moment while opens are in flight, then started
 * again on the same database, issuer keys and Vault, several times over. Whatever a commit the broker relies on (the
 * session before any Vault call, each accessor before anything is read, every lease before the 201) was, it must have
 * survived: every phase a runner got a 201 for is known to the restarted broker with the leases Vault issued for it,
 * and within heartbeat timeout plus a few reaper sweeps every lease is revoked, every credential handed out is refused
 * by the cloud, and every Vault token the database knows is revoked.
 *
 * <p>This class runs the broker on the default H2 file URL of {@code application.yml} (no {@code BROKER_DB_URL}:
 * that default is what is under test); {@link ProcessCrashPostgresTest} on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessCrashTest {
    /**
     * Openings a crash cut short are reaped once this passed too: longer than an open takes on a loaded 2-core
     * machine, so few live openings are taken for crashed ones (those get 409 phase-closed, which is safe).
     */
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REAPER_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CLAIM_DURATION = Duration.ofSeconds(5);
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final int KILLS = 3;
    private static final int RUNNERS = 4;
    private static final int TOKENS_PER_ROUND = 40;
    /** The kill comes at a random moment after this many phases of the round got their 201. */
    private static final int OPENED_BEFORE_KILL = 3;
    private static final int MAX_KILL_DELAY_MS = 800;
    private static final String PHASE_CLOSED = "urn:credbroker:problem:phase-closed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PHASES_GAUGE = Pattern.compile(
            "^credbroker_phases\\{[^}]*state=\"(\\w+)\"[^}]*}\\s+(\\S+)$", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newHttpClient();
    private VaultSim sim;
    private Path dir;
    private Path vaultAudit;
    private String orchestratorToken;
    private ProcessCrashBroker broker;

    /** Points the broker at its database through the environment; for H2, nothing: the default URL is used. */
    protected Map<String, String> databaseEnvironment() {
        return Map.of();
    }

    /** A connection of our own to the database the brokers used, once none is running. */
    protected Connection connect(Path workDir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + workDir.resolve("data").resolve("credbroker")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
    }

    protected String name() {
        return "h2";
    }

    @BeforeAll
    void start() throws IOException {
        sim = VaultSim.builder().clock(SimClock.ticking()).build().listen();
        dir = Files.createTempDirectory("credbroker-crash-" + name());
        vaultAudit = dir.resolve("vault-audit.log");
        Path reaperFile = dir.resolve("reaper-token");
        Path orchestratorFile = dir.resolve("orchestrator-token");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        orchestratorToken = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(orchestratorFile, orchestratorToken + "\n");

        int port = ProcessCrashBroker.freePort();
        String issuer = "http://127.0.0.1:" + port;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BROKER_ISSUER_URL", issuer);
        env.put("BROKER_ISSUER_KEY_DIR", dir.resolve("issuer-keys").toString());
        env.put("BROKER_ISSUER_ORCHESTRATOR_TOKEN_FILE", orchestratorFile.toString());
        env.put("BROKER_VAULT_ADDR", sim.address().toString());
        env.put("BROKER_VAULT_REVOCATION_TOKEN_FILE", reaperFile.toString());
        env.put("BROKER_HEARTBEAT_TIMEOUT", seconds(HEARTBEAT_TIMEOUT));
        env.put("BROKER_PHASES_REAPER_INTERVAL", seconds(REAPER_INTERVAL));
        // A killed broker's claims on sessions it was reaping block the next one until they run out.
        env.put("BROKER_PHASES_CLAIM_DURATION", seconds(CLAIM_DURATION));
        env.put("BROKER_PHASES_RETRY_MIN", "1s");
        env.putAll(databaseEnvironment());
        broker = new ProcessCrashBroker(name(), dir, port, env);
        broker.start();
        broker.awaitHealthy(STARTUP);

        // Vault as terraform/ sets it up, trusting this broker's issuer; the audit device shows accessors in clear.
        E2eVault vault = new E2eVault(sim);
        String reaperToken = vault.configure(issuer, issuer + "/.well-known/jwks", null);
        vault.put("sys/audit/crash", Map.of("type", "file",
                "options", Map.of("file_path", vaultAudit.toString(), "hmac_accessor", "false")));
        vault.put("sys/config/auditing/request-headers/X-Credbroker-Run-Id", Map.of("hmac", false));
        Files.writeString(reaperFile, reaperToken);
    }

    @AfterAll
    void stop() {
        if (broker != null) {
            broker.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }

    /** A 201 as the runner holds it: its run, workload token, phase and credentials. Printed without secrets. */
    private record Opened(String runId, String token, String phaseId, Map<String, Object> body) {
        @Override
        public String toString() {
            return "Opened[" + phaseId + ", " + runId + "]";
        }
    }

    /** A workload token for one run, not opened yet. Printed without the token. */
    private record Minted(String runId, String token) {
        @Override
        public String toString() {
            return "Minted[" + runId + "]";
        }
    }

    @Test
    void everyPhaseHandedOutSurvivesKillNineAndEveryLeaseEnds() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, String> variables = Workspaces.aws(sim.address().toString(), "iam_user", "deploy");
        variables.putAll(Workspaces.azure(sim.address().toString()));
        variables.putAll(Workspaces.gcp(sim.address().toString(), "roleset/service_account_key", "keys"));

        Queue<Opened> handedOut = new ConcurrentLinkedQueue<>();
        Queue<String> refused = new ConcurrentLinkedQueue<>();
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        AtomicInteger cutShort = new AtomicInteger();
        AtomicInteger reapedWhileOpening = new AtomicInteger();
        for (int round = 1; round <= KILLS; round++) {
            Queue<Minted> tokens = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < TOKENS_PER_ROUND; i++) {
                tokens.add(mint());
            }
            CountDownLatch enoughOpened = new CountDownLatch(OPENED_BEFORE_KILL);
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService runners = Executors.newFixedThreadPool(RUNNERS);
            try {
                for (int r = 0; r < RUNNERS; r++) {
                    runners.submit(() -> {
                        Runner runner = new Runner(broker.url());
                        Minted next;
                        while (!killed.get() && (next = tokens.poll()) != null) {
                            attempted.add(next.runId());
                            try {
                                Runner.Reply reply = runner.open(next.token(), variables);
                                if (reply.status() == 201) {
                                    handedOut.add(new Opened(next.runId(), next.token(), reply.phaseId(),
                                            reply.body()));
                                    enoughOpened.countDown();
                                } else if (reply.status() == 409 && PHASE_CLOSED.equals(reply.body().get("type"))) {
                                    // Slower than abandoned-after: the reaper took it for a crashed opening and
                                    // revoked it, and the runner got nothing. Safe; the checks below cover it.
                                    reapedWhileOpening.incrementAndGet();
                                } else {
                                    refused.add(next.runId() + ": " + reply.status() + " " + reply.body().get("type"));
                                }
                            } catch (UncheckedIOException e) {
                                // the broker died under this request: no answer, nothing held
                                cutShort.incrementAndGet();
                            }
                        }
                    });
                }
                assertTrue(enoughOpened.await(60, TimeUnit.SECONDS),
                        "round " + round + ": " + OPENED_BEFORE_KILL + " phases opened before the kill");
                ProcessCrashBroker.sleep(Duration.ofMillis(random.nextInt(MAX_KILL_DELAY_MS)));
                killed.set(true); // runners start nothing new; what is in flight now dies with the broker
                broker.kill();
            } finally {
                runners.shutdown();
                assertTrue(runners.awaitTermination(60, TimeUnit.SECONDS), "runners done after the kill");
            }
            assertTrue(refused.isEmpty(), "a live broker answers every open with 201 (or 409 once reaped): " + refused);
            broker.start();
            broker.awaitHealthy(STARTUP);
        }
        System.out.printf("process crash (%s, seed %d): %d kills, %d opens attempted, %d got 201, %d cut short, "
                        + "%d reaped while still opening%n", name(), seed, KILLS, attempted.size(), handedOut.size(),
                cutShort.get(), reapedWhileOpening.get());

        String waited = awaitReaped();
        ProcessCrashVaultAudit audit = ProcessCrashVaultAudit.read(vaultAudit);

        // Every 201: the restarted broker knows the phase, with exactly the leases Vault issued for it, all revoked.
        Map<String, Runner.Reply> statuses = new LinkedHashMap<>();
        for (Opened opened : handedOut) {
            statuses.put(opened.phaseId(), new Runner(broker.url()).status(opened.token(), opened.phaseId()));
        }
        List<String> lost = handedOut.stream().filter(o -> statuses.get(o.phaseId()).status() != 200)
                .map(o -> o.phaseId() + " (run " + o.runId() + ": " + statuses.get(o.phaseId()).status() + ")")
                .toList();
        assertEquals(List.of(), lost, () -> lost.size() + " of " + handedOut.size() + " phases that got a 201 are "
                + "unknown to the broker restarted on their database (" + waited + ")");
        for (Opened opened : handedOut) {
            Runner.Reply status = statuses.get(opened.phaseId());
            assertEquals("revoked", status.body().get("state"), () -> "phase " + opened.phaseId() + " (" + waited
                    + "): " + status.raw());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> leases = (List<Map<String, Object>>) status.body().get("leases");
            Set<String> known = leases.stream().map(l -> (String) l.get("lease_id"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(audit.leaseIds(opened.runId()), known, () -> "phase " + opened.phaseId()
                    + ": the leases the broker knows are the leases Vault issued for run " + opened.runId());
            assertEquals(3, known.size(), () -> "an IAM user, a service principal and a key: " + known);
            leases.forEach(l -> assertNotNull(l.get("revoked_at"), () -> "lease row marked revoked: " + l));
            credentialIds(opened).forEach((what, id) -> assertFalse(sim.cloud().isLive(id, sim.clock().instant()),
                    () -> what + " " + id + " of phase " + opened.phaseId() + " still works in the cloud"));
        }

        // Vault: no lease of any open survived, finished, cut short or never answered.
        assertEquals(0, sim.liveLeases(), () -> "live leases in Vault (" + waited + ")");
        audit.reads().forEach(read -> assertFalse(sim.leaseExists(read.leaseId()),
                () -> "lease " + read.leaseId() + " (run " + read.runId() + ") still live"));

        // The database, read once no broker holds it.
        broker.stop();
        Map<String, String> sessionStates = new HashMap<>();
        Map<String, String> accessorsKnown = new HashMap<>();
        try (Connection c = connect(dir); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT run_id, state FROM phase_session")) {
                while (r.next()) {
                    sessionStates.put(r.getString(1), r.getString(2));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT l.accessor, p.run_id FROM vault_login l "
                    + "JOIN phase_session p ON p.id = l.session_id")) {
                while (r.next()) {
                    accessorsKnown.put(r.getString(1), r.getString(2));
                }
            }
        }
        sessionStates.forEach((run, state) -> assertEquals("REVOKED", state, () -> "session of run " + run));
        // The session before any Vault call: each run Vault saw a login for has its session row.
        audit.logins().forEach(login -> assertTrue(sessionStates.containsKey(login.runId()),
                () -> "Vault logged run " + login.runId() + " in, but its session was not committed first"));
        // Each accessor before anything is read: every lease was obtained with a token the database knows.
        audit.reads().forEach(read -> assertTrue(accessorsKnown.containsKey(read.accessor()),
                () -> "lease " + read.leaseId() + " was read with token " + read.accessor()
                        + " whose accessor the database never got"));
        // Every token the database knows is revoked in Vault.
        accessorsKnown.forEach((accessor, run) -> assertFalse(sim.accessorLive(accessor),
                () -> "token " + accessor + " of run " + run + " still live in Vault"));
        // A token Vault handed out in the instant between login and the accessor's commit cannot be known to
        // anyone; it was never used (above) and dies with its TTL. Counted, so a report shows how often it happens.
        long unrecorded = audit.logins().stream().filter(l -> !accessorsKnown.containsKey(l.accessor())).count();
        System.out.printf("process crash (%s): %d sessions, %d Vault logins, %d leases; %d tokens obtained but "
                        + "killed before their accessor was committed (never used)%n", name(), sessionStates.size(),
                audit.logins().size(), audit.reads().size(), unrecorded);
        assertTrue(handedOut.size() >= KILLS * OPENED_BEFORE_KILL, "phases handed out: " + handedOut.size());
    }

    /**
     * Waits until the database holds no session short of REVOKED (the broker's own gauge, read from the database)
     * and Vault no lease: the heartbeat timeout, claim expiry and a few sweeps after
     * the last restart, with a margin for a slow machine. Once the database has nothing left to reap, Vault gets a
     * few seconds more; leases still live then are leases the database does not know, and the checks that follow
     * say which.
     *
     * @return what was seen last, for failure messages
     */
    private String awaitReaped() {
        Duration bound = HEARTBEAT_TIMEOUT.plus(CLAIM_DURATION).plus(REAPER_INTERVAL.multipliedBy(5))
                .plus(Duration.ofSeconds(30));
        long deadline = System.nanoTime() + bound.toNanos();
        long settled = Long.MAX_VALUE;
        String last = "";
        while (System.nanoTime() < deadline) {
            Map<String, Double> phases = phaseGauges();
            boolean reaped = phases.containsKey("revoked") && phases.entrySet().stream()
                    .filter(e -> !e.getKey().equals("revoked")).mapToDouble(Map.Entry::getValue).sum() == 0;
            last = "leases live in Vault: " + sim.liveLeases() + ", sessions by state: " + phases;
            if (reaped && sim.liveLeases() == 0) {
                return last;
            }
            settled = reaped ? Math.min(settled, System.nanoTime()) : Long.MAX_VALUE;
            if (System.nanoTime() - settled > Duration.ofSeconds(5).toNanos()) {
                break;
            }
            ProcessCrashBroker.sleep(Duration.ofMillis(250));
        }
        return last + "; broker log " + broker.log();
    }

    private Map<String, Double> phaseGauges() {
        Map<String, Double> states = new HashMap<>();
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(broker.url().resolve("/prometheus"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = PHASES_GAUGE.matcher(metrics.body());
            while (m.find()) {
                states.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return states;
    }

    /** A workload token from the broker's own issuer, as the orchestrator gets one: {@code POST /v1/issuer/tokens}. */
    @SuppressWarnings("unchecked")
    private Minted mint() {
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 12);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", runId);
        body.put("organization", "acme");
        body.put("project", "Default Project");
        body.put("workspace", "networking-prod");
        body.put("workspace_id", "ws-crash");
        body.put("organization_id", "org-crash");
        body.put("project_id", "prj-crash");
        body.put("phase", "plan");
        body.put("audience", "vault.workload.identity");
        body.put("ttl_seconds", 1800);
        body.put("subject_format", "hcp");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(broker.url().resolve("/v1/issuer/tokens"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + orchestratorToken)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, response.statusCode(), "mint a workload token: " + response.statusCode());
            return new Minted(runId, (String) JSON.readValue(response.body(), Map.class).get("token"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The non-secret identifier the fake cloud knows each credential of a 201 by. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> credentialIds(Opened opened) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map<String, Object> credential : (List<Map<String, Object>>) opened.body().get("credentials")) {
            Map<String, String> env = (Map<String, String>) credential.get("env");
            switch ((String) credential.get("provider")) {
                case "aws" -> ids.put("AWS access key", env.get("AWS_ACCESS_KEY_ID"));
                case "azure" -> ids.put("Azure client", env.get("ARM_CLIENT_ID"));
                case "gcp" -> ids.put("GCP key", gcpKeyId(env.get("GOOGLE_CREDENTIALS")));
                default -> throw new AssertionError("unexpected provider " + credential.get("provider"));
            }
        }
        assertEquals(3, ids.size(), () -> "AWS, Azure and GCP credentials in the 201 of " + opened.phaseId());
        ids.forEach((what, id) -> assertNotNull(id, what + " in the 201 of " + opened.phaseId()));
        return ids;
    }

    private static String gcpKeyId(String keyFile) {
        try {
            return (String) JSON.readValue(keyFile, Map.class).get("private_key_id");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
