package dev.credbroker.e2e;

import dev.credbroker.phase.Reaper;
import dev.credbroker.support.MutableClock;
import dev.credbroker.vaultsim.SimClock;
import dev.credbroker.vaultsim.VaultSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariants 2 and 6 (docs/INVARIANTS.md) with two broker instances on one PostgreSQL, one Vault and one set of issuer
 * keys: whichever instance the runner or a reaper reaches, and however they race, a phase ends as one revoked session
 * with one {@code phase.revoked} audit event, nothing left in Vault and never an error to the runner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {
    private static final int HEARTBEAT_THREADS = 4;

    private VaultSim sim;
    private BrokerHarness a;
    private BrokerHarness b;
    private Runner viaA;
    private Runner viaB;
    private ExecutorService threads;

    @BeforeAll
    void start() {
        sim = VaultSim.builder().clock(SimClock.ticking()).build().listen();
        Path dir = BrokerHarness.newDir();
        Map<String, Object> database = SharedDatabase.postgres("two_instances");
        a = new BrokerHarness(sim, dir, with(database, "broker-a"));
        b = new BrokerHarness(sim, dir, with(database, "broker-b"));
        viaA = new Runner(a.url());
        viaB = new Runner(b.url());
        threads = Executors.newFixedThreadPool(HEARTBEAT_THREADS);
    }

    private static Map<String, Object> with(Map<String, Object> database, String instanceId) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("broker.phases.instance-id", instanceId);
        return props;
    }

    @AfterEach
    void resetClocksAndVault() {
        clock(a).reset();
        clock(b).reset();
        sim.faults().clear();
    }

    @AfterAll
    void stop() {
        threads.shutdownNow();
        b.close();
        a.close();
        sim.close();
    }

    private static MutableClock clock(BrokerHarness broker) {
        return broker.context.getBean(MutableClock.class);
    }

    /** Both instances' clocks, as real instances would agree on the time: the heartbeat lapsed for everyone. */
    private void lapseHeartbeat() {
        clock(a).advance(Duration.ofMinutes(6));
        clock(b).advance(Duration.ofMinutes(6));
    }

    /** A phase A opened, with what it left in Vault. */
    private record Opened(String token, String phaseId, List<String> leaseIds, String accessor) {
    }

    @SuppressWarnings("unchecked")
    private Opened openViaA() {
        String token = a.token("plan");
        Map<String, String> vars = Workspaces.aws(sim.address().toString(), "iam_user", "deploy");
        vars.putAll(Workspaces.azure(sim.address().toString()));
        Runner.Reply opened = viaA.open(token, vars);
        assertEquals(201, opened.status(), opened.raw());
        Runner.Reply status = viaA.status(token, opened.phaseId());
        List<String> leaseIds = ((List<Map<String, Object>>) status.body().get("leases")).stream()
                .map(l -> (String) l.get("lease_id")).toList();
        List<Map<String, Object>> tokens = (List<Map<String, Object>>) status.body().get("vault_tokens");
        assertEquals(2, leaseIds.size());
        assertEquals(1, tokens.size());
        Opened phase = new Opened(token, opened.phaseId(), leaseIds, (String) tokens.get(0).get("accessor"));
        phase.leaseIds().forEach(id -> assertTrue(sim.leaseExists(id)));
        assertTrue(sim.accessorLive(phase.accessor()));
        return phase;
    }

    /** Everything in Vault gone, the session revoked as both instances see it, and one audit trail. */
    private void assertRevokedOnce(Opened phase) {
        phase.leaseIds().forEach(id -> assertFalse(sim.leaseExists(id), "lease " + id + " still in Vault"));
        assertFalse(sim.accessorLive(phase.accessor()), "the phase's Vault token still alive");
        assertEquals("revoked", viaA.status(phase.token(), phase.phaseId()).body().get("state"));
        assertEquals("revoked", viaB.status(phase.token(), phase.phaseId()).body().get("state"));
        assertEquals(1, SharedDatabase.auditEvents(a, phase.phaseId(), "phase.revoked"), "one audit trail");
        assertEquals(1, SharedDatabase.closingEvents(a, phase.phaseId()), "one closing or reaped event");
    }

    /** Runs both at once, released together by a latch so neither gets a head start. */
    private <T, U> Map.Entry<T, U> race(Callable<T> first, Callable<U> second) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Future<T> one = threads.submit(() -> {
            go.await();
            return first.call();
        });
        Future<U> two = threads.submit(() -> {
            go.await();
            return second.call();
        });
        go.countDown();
        // get() rethrows whatever either side threw, which fails the test.
        return Map.entry(one.get(90, TimeUnit.SECONDS), two.get(90, TimeUnit.SECONDS));
    }

    @Test
    void twoReapersSweepingTheSameLapsedPhaseRevokeItOnce() throws Exception {
        Opened phase = openViaA();
        lapseHeartbeat();
        // Vault answers slowly, so the two revocations overlap instead of one finishing before the other starts.
        sim.faults().latency(Duration.ofMillis(150));

        Map.Entry<Integer, Integer> swept = race(a.context.getBean(Reaper.class)::sweep,
                b.context.getBean(Reaper.class)::sweep);

        sim.faults().latency(Duration.ZERO);
        assertTrue(swept.getKey() >= 1 || swept.getValue() >= 1, "one of them revoked it: " + swept);
        assertRevokedOnce(phase);
        assertEquals("heartbeat-lapsed", viaA.status(phase.token(), phase.phaseId()).body().get("close_reason"));
        assertEquals(0, SharedDatabase.auditEvents(a, phase.phaseId(), "phase.revoke-failed"));
    }

    @Test
    void aPhaseOpenedViaACanBeClosedViaBWhichHoldsNoTokenForIt() {
        Opened phase = openViaA();

        Runner.Reply closed = viaB.close(phase.token(), phase.phaseId());

        assertEquals(204, closed.status(), closed.raw());
        assertRevokedOnce(phase);
        assertEquals("closed-by-runner", viaB.status(phase.token(), phase.phaseId()).body().get("close_reason"));
        Runner.Reply late = viaA.heartbeat(phase.token(), phase.phaseId());
        assertEquals(409, late.status(), "A sees B's close: " + late.raw());
        assertEquals(204, viaA.close(phase.token(), phase.phaseId()).status(), "closing again via A is fine");
        assertEquals(1, SharedDatabase.auditEvents(a, phase.phaseId(), "phase.revoked"));
    }

    @Test
    void aCloseViaARacingBsReaperAnswers204AndRevokesOnce() throws Exception {
        Opened phase = openViaA();
        lapseHeartbeat();
        sim.faults().latency(Duration.ofMillis(150));

        Map.Entry<Runner.Reply, Integer> outcome = race(() -> viaA.close(phase.token(), phase.phaseId()),
                b.context.getBean(Reaper.class)::sweep);

        sim.faults().latency(Duration.ZERO);
        assertEquals(204, outcome.getKey().status(), "the runner never sees the race: " + outcome.getKey().raw());
        assertRevokedOnce(phase);
        assertEquals(0, SharedDatabase.auditEvents(a, phase.phaseId(), "phase.revoke-failed"));
    }

    @Test
    void aHeartbeatViaBCountsForAPhaseAOpenedButOnlyACanRenewIt() {
        Opened phase = openViaA();
        String before = (String) viaA.status(phase.token(), phase.phaseId()).body().get("heartbeat_at");
        clock(b).advance(Duration.ofMinutes(4));

        Runner.Reply beatB = viaB.heartbeat(phase.token(), phase.phaseId());

        assertEquals(200, beatB.status(), beatB.raw());
        assertEquals(false, beatB.body().get("renewal_available"), "B holds no Vault token for this phase");
        assertEquals(0, beatB.body().get("renewed"));
        String after = (String) viaA.status(phase.token(), phase.phaseId()).body().get("heartbeat_at");
        assertNotEquals(before, after, "the heartbeat B took is in the shared database");
        // 5m30s after the open, A's reaper would take the phase had only A's own heartbeats counted.
        clock(a).advance(Duration.ofMinutes(5).plusSeconds(30));
        assertEquals(0, a.context.getBean(Reaper.class).sweep());
        assertEquals(0, b.context.getBean(Reaper.class).sweep());
        phase.leaseIds().forEach(id -> assertTrue(sim.leaseExists(id)));

        Runner.Reply beatA = viaA.heartbeat(phase.token(), phase.phaseId());
        assertEquals(200, beatA.status(), beatA.raw());
        assertEquals(true, beatA.body().get("renewal_available"), "A opened it and holds its token");
        assertEquals(204, viaB.close(phase.token(), phase.phaseId()).status());
        assertRevokedOnce(phase);
    }

    @Test
    void heartbeatsRacingACloseNeverBringTheClosedPhaseBack() throws Exception {
        // The window is a heartbeat's read-then-write of the session row, a millisecond or so: several runners'
        // worth of heartbeats via both instances, over several phases, give the close many chances to land in it.
        for (int trial = 0; trial < 12; trial++) {
            Opened phase = openViaA();
            AtomicBoolean closed = new AtomicBoolean();
            CountDownLatch beating = new CountDownLatch(HEARTBEAT_THREADS);
            List<Future<Runner.Reply>> heartbeats = new ArrayList<>();
            for (int i = 0; i < HEARTBEAT_THREADS; i++) {
                Runner via = i % 2 == 0 ? viaB : viaA;
                heartbeats.add(threads.submit(() -> {
                    Runner.Reply reply;
                    do {
                        reply = via.heartbeat(phase.token(), phase.phaseId());
                        beating.countDown();
                    } while (reply.status() == 200 && !closed.get());
                    return reply;
                }));
            }
            assertTrue(beating.await(30, TimeUnit.SECONDS));

            Runner.Reply close = viaA.close(phase.token(), phase.phaseId());
            closed.set(true);

            assertEquals(204, close.status(), close.raw());
            for (Future<Runner.Reply> heartbeat : heartbeats) {
                Runner.Reply last = heartbeat.get(30, TimeUnit.SECONDS);
                assertTrue(last.status() == 200 || last.status() == 409, "trial " + trial + ": " + last.raw());
            }
            Runner.Reply late = viaB.heartbeat(phase.token(), phase.phaseId());
            assertEquals(409, late.status(), "trial " + trial + ": a closed phase was renewed: " + late.raw());
            assertEquals("revoked", viaA.status(phase.token(), phase.phaseId()).body().get("state"),
                    "trial " + trial);
            assertRevokedOnce(phase);
        }
        lapseHeartbeat();
        assertEquals(0, b.context.getBean(Reaper.class).sweep(), "no closed phase is reaped a second time");
    }
}
