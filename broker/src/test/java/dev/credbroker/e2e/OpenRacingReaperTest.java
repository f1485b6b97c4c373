package dev.credbroker.e2e;

import dev.credbroker.phase.Reaper;
import dev.credbroker.store.FailingPhaseStore;
import dev.credbroker.store.LeaseRow;
import dev.credbroker.store.LoginRow;
import dev.credbroker.store.PhaseState;
import dev.credbroker.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An open slower than {@code broker.phases.abandoned-after} (a slow Vault, a workspace's long
 * {@code TFC_VAULT_CLIENT_TIMEOUT}) meets the reaper, which takes the OPENING session for a crashed one and
 * revokes it. The open must then not hand anything out nor turn the revoked session back into an open one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenRacingReaperTest {
    private BrokerHarness harness;
    private Runner runner;

    @BeforeAll
    void start() {
        harness = new BrokerHarness(Map.of());
        runner = new Runner(harness.url());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void anOpenTheReaperRevokedHalfWayHandsNothingOutAndLeavesNothingLive() {
        String address = harness.sim.address().toString();
        Map<String, String> vars = Workspaces.aws(address, "iam_user", "deploy");
        // A second Vault configuration: a second login after the reaper struck.
        vars.put("TFC_VAULT_ADDR_EU", address);
        vars.put("TFC_VAULT_PLAN_ROLE_EU", "plan");
        vars.put("TFC_VAULT_APPLY_ROLE_EU", "apply");
        vars.put("TFC_VAULT_BACKED_AZURE_AUTH_EU", "true");
        vars.put("TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE_EU", "deploy");
        vars.put("TFC_VAULT_BACKED_AZURE_VAULT_CONFIG_EU", "EU");

        FailingPhaseStore store = harness.context.getBean(FailingPhaseStore.class);
        MutableClock clock = harness.context.getBean(MutableClock.class);
        Reaper reaper = harness.context.getBean(Reaper.class);
        int tokensBefore = harness.sim.liveTokens();
        AtomicReference<String> sessionId = new AtomicReference<>();
        AtomicInteger loginsRecorded = new AtomicInteger();
        store.afterLogin.set(login -> {
            if (loginsRecorded.incrementAndGet() < 2) {
                return;
            }
            // Both tokens recorded, the AWS lease read but not yet recorded: the reaper strikes now.
            sessionId.set(login.sessionId());
            clock.advance(Duration.ofMinutes(6));
            try {
                assertEquals(1, reaper.sweep(), "the reaper takes the slow opening for an abandoned one");
            } finally {
                clock.reset();
            }
        });

        Runner.Reply reply = runner.open(harness.token("plan"), vars);

        assertNotNull(sessionId.get(), "the hook ran");
        assertNotEquals(201, reply.status(), "credentials of a revoked session were handed out: " + reply.raw());
        assertEquals(PhaseState.REVOKED, store.find(sessionId.get()).orElseThrow().state());
        for (LoginRow login : store.logins(sessionId.get())) {
            assertNotNull(login.revokedAt(), "login " + login.accessor() + " is recorded revoked");
            assertTrue(!harness.sim.accessorLive(login.accessor()), "token " + login.accessor() + " revoked in Vault");
        }
        assertEquals(2, store.logins(sessionId.get()).size(), reply.raw());
        List<LeaseRow> leases = store.leases(sessionId.get());
        assertEquals(1, leases.size(), "the AWS lease read before the reaper struck is on record");
        for (LeaseRow lease : leases) {
            assertNotNull(lease.revokedAt(), "lease " + lease.leaseId() + " is recorded revoked");
            assertEquals("open-failed", lease.revokeReason(), "and why");
            assertFalse(harness.sim.leaseExists(lease.leaseId()), "lease " + lease.leaseId() + " revoked in Vault");
        }
        assertEquals(0, harness.sim.liveLeases(), "no lease outlives the revoked session");
        assertEquals(tokensBefore, harness.sim.liveTokens(), "no token outlives the revoked session");
    }
}
