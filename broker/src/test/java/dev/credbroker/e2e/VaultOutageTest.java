package dev.credbroker.e2e;

import dev.credbroker.phase.Reaper;
import dev.credbroker.store.PhaseRow;
import dev.credbroker.store.PhaseStore;
import dev.credbroker.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariant 2 (docs/INVARIANTS.md) through a Vault outage: a phase whose heartbeat lapses while Vault is sealed stays
 * CLOSING, the reaper retries it with a growing backoff and leaves it alone in between, and once Vault is back the next
 * due attempt revokes everything. On PostgreSQL, as a production deployment with several instances would run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultOutageTest {
    /** {@code broker.phases.retry-min}: the first backoff; each failure doubles it. */
    private static final Duration RETRY_MIN = Duration.ofSeconds(5);

    private BrokerHarness harness;
    private Runner runner;
    private MutableClock clock;
    private Reaper reaper;
    private PhaseStore store;

    @BeforeAll
    void start() {
        harness = new BrokerHarness(SharedDatabase.postgres("vault_outage"));
        runner = new Runner(harness.url());
        clock = harness.context.getBean(MutableClock.class);
        reaper = harness.context.getBean(Reaper.class);
        store = harness.context.getBean(PhaseStore.class);
    }

    @AfterAll
    void stop() {
        harness.sim.faults().unseal();
        harness.close();
    }

    private PhaseRow row(String phaseId) {
        return store.find(phaseId).orElseThrow();
    }

    /** Sweeps and returns the backoff the failed attempt scheduled, measured on the broker's clock. */
    private Duration failedSweep(String phaseId, int expectedAttempts) {
        Instant before = clock.instant();
        assertEquals(0, reaper.sweep(), "Vault is sealed: nothing can be revoked");
        Instant after = clock.instant();
        PhaseRow session = row(phaseId);
        assertEquals(expectedAttempts, session.revokeAttempts());
        assertNotNull(session.lastError());
        Instant next = session.nextAttemptAt();
        assertNotNull(next);
        assertTrue(next.isAfter(after), "the retry is in the future: " + next + " vs " + after);
        return Duration.between(before, next);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPhaseLapsingWhileVaultIsSealedIsRetriedWithGrowingBackoffUntilVaultConfirms() {
        String token = harness.token("plan");
        String address = harness.sim.address().toString();
        Map<String, String> vars = Workspaces.aws(address, "iam_user", "deploy");
        vars.putAll(Workspaces.azure(address));
        Runner.Reply opened = runner.open(token, vars);
        assertEquals(201, opened.status(), opened.raw());
        String phaseId = opened.phaseId();
        Runner.Reply status = runner.status(token, phaseId);
        List<String> leaseIds = ((List<Map<String, Object>>) status.body().get("leases")).stream()
                .map(l -> (String) l.get("lease_id")).toList();
        String accessor = (String) ((List<Map<String, Object>>) status.body().get("vault_tokens")).get(0).get("accessor");
        assertEquals(2, leaseIds.size());

        harness.sim.faults().seal();
        clock.advance(Duration.ofMinutes(6));

        Duration firstBackoff = failedSweep(phaseId, 1);
        assertTrue(firstBackoff.compareTo(RETRY_MIN) >= 0, "first backoff " + firstBackoff);
        Runner.Reply closing = runner.status(token, phaseId);
        assertEquals("closing", closing.body().get("state"), "not revoked until Vault confirms");
        assertEquals("heartbeat-lapsed", closing.body().get("close_reason"));
        leaseIds.forEach(id -> assertTrue(harness.sim.leaseExists(id)));
        assertTrue(harness.sim.accessorLive(accessor));
        assertEquals(1, SharedDatabase.auditEvents(harness, phaseId, "phase.revoke-failed"));

        // Before next_attempt_at the session is not due: no new attempt, so no call to Vault for it.
        Instant firstNext = row(phaseId).nextAttemptAt();
        assertEquals(0, reaper.sweep());
        assertEquals(1, row(phaseId).revokeAttempts());
        assertEquals(firstNext, row(phaseId).nextAttemptAt());
        assertEquals(1, SharedDatabase.auditEvents(harness, phaseId, "phase.revoke-failed"));

        clock.advance(firstBackoff.plusSeconds(1));
        Duration secondBackoff = failedSweep(phaseId, 2);
        assertTrue(secondBackoff.compareTo(firstBackoff) > 0,
                "the backoff grows: " + firstBackoff + " then " + secondBackoff);
        assertTrue(row(phaseId).nextAttemptAt().isAfter(firstNext));
        assertEquals(2, SharedDatabase.auditEvents(harness, phaseId, "phase.revoke-failed"));

        // Vault is back, but the retry waits for its time.
        harness.sim.faults().unseal();
        assertEquals(0, reaper.sweep());
        assertEquals("closing", runner.status(token, phaseId).body().get("state"));
        leaseIds.forEach(id -> assertTrue(harness.sim.leaseExists(id)));

        clock.advance(secondBackoff.plusSeconds(1));
        assertEquals(1, reaper.sweep());

        leaseIds.forEach(id -> assertFalse(harness.sim.leaseExists(id), "lease " + id + " revoked in Vault"));
        assertFalse(harness.sim.accessorLive(accessor));
        Runner.Reply revoked = runner.status(token, phaseId);
        assertEquals("revoked", revoked.body().get("state"));
        assertEquals("heartbeat-lapsed", revoked.body().get("close_reason"), "the first reason stays");
        assertEquals(2, row(phaseId).revokeAttempts());
        assertEquals(null, row(phaseId).nextAttemptAt());
        assertEquals(1, SharedDatabase.auditEvents(harness, phaseId, "phase.revoked"));
        assertEquals(0, reaper.sweep(), "nothing left to retry");
        assertEquals(204, runner.close(token, phaseId).status(), "a late close from the runner is fine");
    }
}
