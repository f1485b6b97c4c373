package dev.credbroker.e2e;

import dev.credbroker.phase.Reaper;
import dev.credbroker.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail as a security team uses it, against a running broker: the file and the database hold the same
 * chained events; {@code audit show} prints a run's and a workspace's timeline; {@code audit export} writes the
 * lines; {@code audit verify} holds for what the broker wrote and names the first broken link once a row is
 * altered, a column changed or an event deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailTest {
    private BrokerHarness harness;
    private Runner runner;
    private String closedRun;
    private String closedPhase;

    @BeforeAll
    void start() {
        harness = new BrokerHarness(Map.of("broker.phases.instance-id", "broker-audit"));
        runner = new Runner(harness.url());
        String address = harness.sim.address().toString();

        String token = harness.token("plan");
        Runner.Reply opened = runner.open(token, Workspaces.aws(address, "iam_user", "deploy"));
        assertEquals(201, opened.status(), opened.raw());
        assertEquals(204, runner.close(token, opened.phaseId()).status());
        closedRun = (String) opened.body().get("run_id");
        closedPhase = opened.phaseId();

        String lapsing = harness.token("apply");
        assertEquals(201, runner.open(lapsing, Workspaces.azure(address)).status());
        MutableClock clock = harness.context.getBean(MutableClock.class);
        try {
            clock.advance(Duration.ofMinutes(6));
            assertEquals(1, harness.context.getBean(Reaper.class).sweep());
        } finally {
            clock.reset();
        }
        assertEquals(403, runner.open(harness.token("plan"), Workspaces.aws("http://169.254.169.254", "iam_user",
                "deploy")).status());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    @Order(1)
    void theFileHoldsTheStoredEventsOneJsonObjectPerLineInChainOrder() throws Exception {
        List<String> file = Files.readAllLines(harness.auditLog);
        List<String> exported = AuditCli.run(harness, "export", "--since", "1d").lines();
        // opening, opened, closing, revoked; opening, opened, reaped, revoked; refused
        assertEquals(9, file.size(), String.join("\n", file));
        assertEquals(file.stream().sorted().toList(), exported.stream().sorted().toList(),
                "the file and the database hold the same lines");
        for (int i = 0; i < file.size(); i++) {
            assertTrue(file.get(i).startsWith("{\"schema\":1,\"event_id\":\""), file.get(i));
            assertTrue(file.get(i).contains("\"instance\":\"broker-audit\""), file.get(i));
            assertTrue(file.get(i).contains("\"chain\":{\"seq\":" + (i + 1) + ","), file.get(i));
        }
    }

    @Test
    @Order(2)
    void showPrintsARunsTimelineInOrder() {
        AuditCli.Result shown = AuditCli.run(harness, "show", "--run", closedRun);
        assertEquals(0, shown.code(), shown.err());
        List<String> kinds = shown.lines().stream().map(l -> l.split("\\s+")[1]).toList();
        assertEquals(List.of("phase.opening", "phase.opened", "phase.closing", "phase.revoked"), kinds, shown.out());
        assertTrue(shown.lines().get(1).contains("phase=" + closedPhase), shown.out());
        assertTrue(shown.lines().get(1).contains("\"lease_id\":\"aws/creds/deploy/"), shown.out());
        assertTrue(shown.lines().get(3).contains("reason=closed-by-runner"), shown.out());
    }

    @Test
    @Order(3)
    void showByWorkspaceFindsEveryPhaseItsTokensAskedForIncludingReapedAndRefused() {
        AuditCli.Result shown = AuditCli.run(harness, "show", "--workspace", "networking-prod");
        assertEquals(0, shown.code(), shown.err());
        List<String> kinds = shown.lines().stream().map(l -> l.split("\\s+")[1]).toList();
        assertEquals(9, kinds.size(), shown.out());
        assertTrue(kinds.containsAll(List.of("phase.reaped", "phase.refused")), shown.out());
        assertEquals(0, AuditCli.run(harness, "show", "--workspace", "another").lines().size());
        assertEquals(2, AuditCli.run(harness, "show", "--run", closedRun, "--since", "1d").code(),
                "one selection at a time");
    }

    @Test
    @Order(10)
    void verifyHoldsForWhatTheBrokerWrote() {
        AuditCli.Result verified = AuditCli.run(harness, "verify");
        assertEquals(0, verified.code(), verified.out() + verified.err());
        assertTrue(verified.out().contains("audit verify: OK, 1 chains, 9 events"), verified.out());
        assertTrue(verified.out().contains("chain broker-audit: head seq 9 hash "), verified.out());
    }

    @Test
    @Order(11)
    void anAlteredEventIsNamedAsTheFirstBrokenLink() throws SQLException {
        long seq = seqOf("phase.revoked");
        String original = column("detail", seq);
        try {
            update("UPDATE audit_event SET detail = REPLACE(detail, 'closed-by-runner', 'heartbeat-lapsed') "
                    + "WHERE chain_seq = " + seq);
            AuditCli.Result verified = AuditCli.run(harness, "verify");
            assertEquals(1, verified.code(), verified.out());
            assertTrue(verified.out().contains("BROKEN chain broker-audit seq " + seq + " "), verified.out());
            assertTrue(verified.out().contains("does not match its hash (altered)"), verified.out());
        } finally {
            restore("detail", original, seq);
        }
        assertEquals(0, AuditCli.run(harness, "verify").code(), "restored, the chain holds again");
    }

    @Test
    @Order(12)
    void aChangedSearchColumnIsCaughtToo() throws SQLException {
        long seq = seqOf("phase.opened");
        String original = column("run_id", seq);
        try {
            update("UPDATE audit_event SET run_id = 'run-someone-else' WHERE chain_seq = " + seq);
            AuditCli.Result verified = AuditCli.run(harness, "verify");
            assertEquals(1, verified.code(), verified.out());
            assertTrue(verified.out().contains("seq " + seq + " ") && verified.out().contains("column run_id"),
                    verified.out());
        } finally {
            restore("run_id", original, seq);
        }
    }

    @Test
    @Order(20)
    void aDeletedEventBreaksTheChainThereAndTheEndCannotBeCutOffUnseen() throws SQLException {
        long revoked = seqOf("phase.revoked");
        update("DELETE FROM audit_event WHERE chain_seq = " + revoked);
        AuditCli.Result verified = AuditCli.run(harness, "verify");
        assertEquals(1, verified.code(), verified.out());
        assertTrue(verified.out().contains("seq " + revoked + " ") && verified.out().contains("is missing"),
                verified.out());

        update("DELETE FROM audit_event WHERE chain_seq > " + (revoked - 1));
        verified = AuditCli.run(harness, "verify");
        assertEquals(1, verified.code(), verified.out());
        assertTrue(verified.out().contains("cut off its end"), verified.out());
        assertFalse(verified.out().contains("audit verify: OK"), verified.out());
    }

    private long seqOf(String kind) throws SQLException {
        try (Connection c = SharedDatabase.connect(harness.context.getEnvironment());
             PreparedStatement s = c.prepareStatement("SELECT chain_seq FROM audit_event WHERE event = ? "
                     + "AND run_id = ?")) {
            s.setString(1, kind);
            s.setString(2, closedRun);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), kind);
                return r.getLong(1);
            }
        }
    }

    private String column(String name, long seq) throws SQLException {
        try (Connection c = SharedDatabase.connect(harness.context.getEnvironment()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT " + name + " FROM audit_event WHERE chain_seq = " + seq)) {
            r.next();
            return r.getString(1);
        }
    }

    private void restore(String name, String value, long seq) throws SQLException {
        try (Connection c = SharedDatabase.connect(harness.context.getEnvironment());
             PreparedStatement s = c.prepareStatement("UPDATE audit_event SET " + name + " = ? WHERE chain_seq = ?")) {
            s.setString(1, value);
            s.setLong(2, seq);
            assertEquals(1, s.executeUpdate());
        }
    }

    private void update(String sql) throws SQLException {
        try (Connection c = SharedDatabase.connect(harness.context.getEnvironment()); Statement s = c.createStatement()) {
            assertTrue(s.executeUpdate(sql) >= 1, sql);
        }
    }
}
