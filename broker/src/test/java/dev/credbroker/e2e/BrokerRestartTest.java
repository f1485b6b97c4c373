package dev.credbroker.e2e;

import dev.credbroker.phase.Reaper;
import dev.credbroker.support.MutableClock;
import dev.credbroker.vaultsim.SimClock;
import dev.credbroker.vaultsim.VaultSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariant 2 (docs/INVARIANTS.md) across a broker restart: broker A hands out AWS and Azure credentials and dies
 * without anyone closing the phase (runner and broker gone at once, as with {@code kill -9}); broker B, a new process
 * on the same PostgreSQL, Vault and issuer keys, never saw the phase's Vault token, yet once the heartbeat lapses its
 * reaper revokes every lease and the token from the stored lease ids and accessor with its own Vault identity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerRestartTest {
    private VaultSim sim;
    private Path dir;
    private Map<String, Object> database;

    @BeforeAll
    void start() {
        sim = VaultSim.builder().clock(SimClock.ticking()).build().listen();
        dir = BrokerHarness.newDir();
        database = SharedDatabase.postgres("broker_restart");
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    private BrokerHarness broker(String instanceId) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("broker.phases.instance-id", instanceId);
        return new BrokerHarness(sim, dir, props);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPhaseLeftByADeadBrokerIsRevokedByTheNextOneFromStoredAccessorsAndLeaseIds() {
        String token;
        String phaseId;
        List<String> leaseIds;
        String accessor;
        BrokerHarness a = broker("broker-a");
        try {
            Runner runner = new Runner(a.url());
            token = a.token("plan");
            Map<String, String> vars = Workspaces.aws(sim.address().toString(), "iam_user", "deploy");
            vars.putAll(Workspaces.azure(sim.address().toString()));
            Runner.Reply opened = runner.open(token, vars);
            assertEquals(201, opened.status(), opened.raw());
            phaseId = opened.phaseId();
            Runner.Reply status = runner.status(token, phaseId);
            leaseIds = ((List<Map<String, Object>>) status.body().get("leases")).stream()
                    .map(l -> (String) l.get("lease_id")).toList();
            List<Map<String, Object>> tokens = (List<Map<String, Object>>) status.body().get("vault_tokens");
            assertEquals(2, leaseIds.size(), "an IAM user and an Azure service principal: " + leaseIds);
            assertEquals(1, tokens.size());
            accessor = (String) tokens.get(0).get("accessor");
        } finally {
            // The broker dies with the runner: nobody closes the phase, its Vault token dies with A's memory.
            a.close();
        }
        leaseIds.forEach(id -> assertTrue(sim.leaseExists(id), "the crash left lease " + id + " behind"));
        assertTrue(sim.accessorLive(accessor), "the crash left the phase's Vault token behind");

        BrokerHarness b = broker("broker-b");
        try {
            Reaper reaper = b.context.getBean(Reaper.class);
            assertEquals(0, reaper.sweep(), "the heartbeat has not lapsed yet");
            assertTrue(sim.leaseExists(leaseIds.get(0)));

            b.context.getBean(MutableClock.class).advance(Duration.ofMinutes(6));
            assertEquals(1, reaper.sweep());

            leaseIds.forEach(id -> assertFalse(sim.leaseExists(id), "lease " + id + " revoked in Vault"));
            assertFalse(sim.accessorLive(accessor), "the phase's Vault token revoked by accessor");
            // B verifies A's tokens: both brokers sign and verify with the same issuer keys.
            Runner.Reply status = new Runner(b.url()).status(token, phaseId);
            assertEquals(200, status.status(), status.raw());
            assertEquals("revoked", status.body().get("state"));
            assertEquals("heartbeat-lapsed", status.body().get("close_reason"));
            ((List<Map<String, Object>>) status.body().get("leases"))
                    .forEach(l -> {
                        assertTrue(l.get("revoked_at") != null, "lease row marked revoked: " + l);
                        assertEquals("heartbeat-lapsed", l.get("revoke_reason"), "and why: " + l);
                    });
            ((List<Map<String, Object>>) status.body().get("vault_tokens"))
                    .forEach(t -> assertTrue(t.get("revoked_at") != null, "token row marked revoked: " + t));
            assertEquals(1, SharedDatabase.auditEvents(b, phaseId, "phase.revoked"));
            assertEquals(0, SharedDatabase.auditEvents(b, phaseId, "phase.revoke-failed"),
                    "B needed no token of A's: the first attempt succeeded");

            assertEquals(0, reaper.sweep(), "a revoked session is never due again");
            assertEquals(1, SharedDatabase.auditEvents(b, phaseId, "phase.revoked"));
            assertEquals(204, new Runner(b.url()).close(token, phaseId).status(), "a late close still succeeds");
        } finally {
            b.close();
        }
    }
}
