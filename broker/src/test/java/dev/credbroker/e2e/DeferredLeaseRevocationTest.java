package dev.credbroker.e2e;

import dev.credbroker.phase.Reaper;
import dev.credbroker.store.LeaseRow;
import dev.credbroker.store.PhaseState;
import dev.credbroker.store.PhaseStore;
import dev.credbroker.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vault revokes a revoked token's leases later, in the background, and may give up and mark them irrevocable
 * (token_store.go RevokeByToken → the expiration manager's lazy revocation, vault-api.md "Token store"). The
 * broker never takes the token's revocation as the leases': each lease is revoked on its own with
 * {@code sync: true}, and marked revoked only on Vault's answer for it. Here the background revocation never
 * succeeds, so only the broker's own lease revocations can end the credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeferredLeaseRevocationTest {
    private BrokerHarness harness;
    private Runner runner;

    @BeforeAll
    void start() {
        harness = new BrokerHarness(Map.of());
        runner = new Runner(harness.url());
    }

    @AfterEach
    void clearFaults() {
        harness.sim.faults().clear();
        harness.context.getBean(MutableClock.class).reset();
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private Runner.Reply openAwsAndAzure(String token) {
        String address = harness.sim.address().toString();
        Map<String, String> vars = Workspaces.aws(address, "iam_user", "deploy");
        vars.putAll(Workspaces.azure(address));
        Runner.Reply opened = runner.open(token, vars);
        assertEquals(201, opened.status(), opened.raw());
        return opened;
    }

    private List<LeaseRow> leases(String phaseId) {
        return harness.context.getBean(PhaseStore.class).leases(phaseId);
    }

    private void assertEnded(List<LeaseRow> leases, String reason) {
        assertEquals(2, leases.size());
        for (LeaseRow lease : leases) {
            assertFalse(harness.sim.leaseExists(lease.leaseId()), lease.leaseId() + " still live in Vault");
            assertNotNull(lease.revokedAt(), lease.leaseId() + " not marked revoked");
            assertEquals(reason, lease.revokeReason());
        }
        assertEquals(0, harness.sim.liveLeases(), "nothing left for Vault's background to do");
    }

    @Test
    void aCloseEndsEveryLeaseItselfWhenVaultsBackgroundRevocationFails() {
        harness.sim.faults().failQueuedRevocations(true);
        String token = harness.token("plan");
        Runner.Reply opened = openAwsAndAzure(token);

        assertEquals(204, runner.close(token, opened.phaseId()).status());

        assertEnded(leases(opened.phaseId()), "closed-by-runner");
    }

    @Test
    void theReaperEndsEveryLeaseItselfWhenVaultsBackgroundRevocationIsSlow() {
        harness.sim.faults().queuedRevocationDelay(Duration.ofHours(1));
        String token = harness.token("plan");
        Runner.Reply opened = openAwsAndAzure(token);
        harness.context.getBean(MutableClock.class).advance(Duration.ofMinutes(6));

        assertEquals(1, harness.context.getBean(Reaper.class).sweep());

        assertEnded(leases(opened.phaseId()), "heartbeat-lapsed");
    }

    @Test
    void aLeaseVaultFailsToRevokeStaysOnRecordAndIsRetriedEvenThoughItsTokenIsGone() {
        String token = harness.token("plan");
        Runner.Reply opened = openAwsAndAzure(token);
        harness.sim.faults().failEngineRevocations(true);
        harness.sim.faults().failQueuedRevocations(true);

        Runner.Reply refused = runner.close(token, opened.phaseId());

        assertEquals(503, refused.status(), refused.raw());
        PhaseStore store = harness.context.getBean(PhaseStore.class);
        assertEquals(PhaseState.CLOSING, store.find(opened.phaseId()).orElseThrow().state());
        store.logins(opened.phaseId()).forEach(l -> assertNotNull(l.revokedAt(), "the token is revoked anyway"));
        for (LeaseRow lease : leases(opened.phaseId())) {
            assertNull(lease.revokedAt(), "a dead token does not make " + lease.leaseId() + " revoked");
            assertTrue(harness.sim.leaseExists(lease.leaseId()));
        }

        harness.sim.faults().failEngineRevocations(false);
        harness.context.getBean(MutableClock.class).advance(Duration.ofMinutes(10));
        assertEquals(1, harness.context.getBean(Reaper.class).sweep(), "the retry after the backoff");

        assertEnded(leases(opened.phaseId()), "closed-by-runner");
        assertEquals(PhaseState.REVOKED, store.find(opened.phaseId()).orElseThrow().state());
    }
}
