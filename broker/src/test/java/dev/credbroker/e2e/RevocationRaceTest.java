package dev.credbroker.e2e;

import dev.credbroker.phase.Reaper;
import dev.credbroker.support.MutableClock;
import dev.credbroker.vaultsim.SimClock;
import dev.credbroker.vaultsim.VaultSim;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Invariant 6 (docs/INVARIANTS.md) under load: runners close lapsed phases while reapers sweep them, on one instance
 * (one process whose threads share an instance id) and on two instances sharing PostgreSQL. A revocation's claim
 * belongs to that one revocation, so each session ends with exactly one {@code phase.revoked} event and is counted once
 * in {@code credbroker_phases_revoked_total}, and every runner hears 204.
 */
class RevocationRaceTest {
    private static final int PHASES = 12;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(PHASES + 2);

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void closesRacingTheSameInstancesReaperEndEachSessionOnce() throws Exception {
        BrokerHarness broker = track(new BrokerHarness(Map.of()));
        List<String[]> phases = openLapsed(broker, List.of(broker));

        race(broker, phases, List.of(broker.context.getBean(Reaper.class)));

        assertEndedOnce(broker, phases, List.of(broker));
    }

    @Test
    void closesRacingTwoInstancesReapersEndEachSessionOnce() throws Exception {
        VaultSim sim = track(VaultSim.builder().clock(SimClock.ticking()).build().listen());
        var dir = BrokerHarness.newDir();
        Map<String, Object> database = SharedDatabase.postgres("revocation_race");
        BrokerHarness a = track(new BrokerHarness(sim, dir, instance(database, "broker-a")));
        BrokerHarness b = track(new BrokerHarness(sim, dir, instance(database, "broker-b")));
        List<String[]> phases = openLapsed(a, List.of(a, b));

        race(a, phases, List.of(a.context.getBean(Reaper.class), b.context.getBean(Reaper.class)));

        assertEndedOnce(a, phases, List.of(a, b));
    }

    private static Map<String, Object> instance(Map<String, Object> database, String id) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("broker.phases.instance-id", id);
        return props;
    }

    /** Opens {@link #PHASES} phases via {@code broker}, then moves every instance's clock past their heartbeats. */
    private static List<String[]> openLapsed(BrokerHarness broker, List<BrokerHarness> instances) {
        Runner runner = new Runner(broker.url());
        List<String[]> phases = new ArrayList<>();
        for (int i = 0; i < PHASES; i++) {
            String token = broker.token("plan");
            Map<String, String> vars = Workspaces.aws(broker.sim.address().toString(), "iam_user", "deploy");
            vars.putAll(Workspaces.azure(broker.sim.address().toString()));
            Runner.Reply opened = runner.open(token, vars);
            assertEquals(201, opened.status(), opened.raw());
            phases.add(new String[]{token, opened.phaseId()});
        }
        instances.forEach(i -> i.context.getBean(MutableClock.class).advance(Duration.ofMinutes(6)));
        return phases;
    }

    /** Every runner closes its phase while every reaper sweeps, all released at once. */
    private void race(BrokerHarness broker, List<String[]> phases, List<Reaper> reapers) throws Exception {
        Runner runner = new Runner(broker.url());
        broker.sim.faults().latency(Duration.ofMillis(20));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Runner.Reply>> closes = new ArrayList<>();
        for (String[] phase : phases) {
            closes.add(threads.submit(() -> {
                go.await();
                return runner.close(phase[0], phase[1]);
            }));
        }
        List<Future<Integer>> sweeps = new ArrayList<>();
        for (Reaper reaper : reapers) {
            sweeps.add(threads.submit(() -> {
                go.await();
                return reaper.sweep();
            }));
        }
        go.countDown();
        for (Future<Runner.Reply> close : closes) {
            Runner.Reply reply = close.get(90, TimeUnit.SECONDS);
            assertEquals(204, reply.status(), "the runner never sees the race: " + reply.raw());
        }
        for (Future<Integer> sweep : sweeps) {
            sweep.get(90, TimeUnit.SECONDS);
        }
        broker.sim.faults().latency(Duration.ZERO);
    }

    private static void assertEndedOnce(BrokerHarness broker, List<String[]> phases, List<BrokerHarness> instances) {
        for (String[] phase : phases) {
            assertEquals(1, SharedDatabase.auditEvents(broker, phase[1], "phase.revoked"), "one revoked event");
            assertEquals(1, SharedDatabase.closingEvents(broker, phase[1]), "one closing or reaped event");
        }
        double counted = instances.stream().mapToDouble(i -> i.context.getBean(MeterRegistry.class)
                .find("credbroker.phases.revoked").counters().stream().mapToDouble(Counter::count).sum()).sum();
        assertEquals(PHASES, counted, "credbroker_phases_revoked_total over all instances");
        assertEquals(0, broker.sim.liveLeases(), "no lease outlives its phase");
    }

    private <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        return resource;
    }
}
