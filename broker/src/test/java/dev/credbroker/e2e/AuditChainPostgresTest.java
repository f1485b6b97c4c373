package dev.credbroker.e2e;

import dev.credbroker.vaultsim.SimClock;
import dev.credbroker.vaultsim.VaultSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chains under concurrent writers on PostgreSQL: two instances, each with several phases opening and closing
 * at once, every audit write in its phase's transaction. Each instance's chain must come out whole, one link
 * after another with no fork and no gap, because writers of one chain take turns on its head row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditChainPostgresTest {
    private static final int PHASES_PER_INSTANCE = 8;

    private VaultSim sim;
    private BrokerHarness a;
    private BrokerHarness b;
    private ExecutorService threads;

    @BeforeAll
    void start() {
        sim = VaultSim.builder().clock(SimClock.ticking()).build().listen();
        Path dir = BrokerHarness.newDir();
        Map<String, Object> database = SharedDatabase.postgres("audit_chain");
        a = new BrokerHarness(sim, dir, with(database, "chain-a"));
        b = new BrokerHarness(sim, dir, with(database, "chain-b"));
        threads = Executors.newFixedThreadPool(2 * PHASES_PER_INSTANCE);
    }

    private static Map<String, Object> with(Map<String, Object> database, String instanceId) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("broker.phases.instance-id", instanceId);
        return props;
    }

    @AfterAll
    void stop() {
        threads.shutdownNow();
        b.close();
        a.close();
        sim.close();
    }

    @Test
    void concurrentPhasesOnTwoInstancesLeaveTwoWholeChains() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> phases = new ArrayList<>();
        for (int i = 0; i < PHASES_PER_INSTANCE; i++) {
            for (BrokerHarness broker : List.of(a, b)) {
                phases.add(threads.submit(() -> {
                    go.await();
                    Runner runner = new Runner(broker.url());
                    String token = broker.token("plan");
                    Runner.Reply opened = runner.open(token, Workspaces.azure(sim.address().toString()));
                    assertEquals(201, opened.status(), opened.raw());
                    return runner.close(token, opened.phaseId()).status();
                }));
            }
        }
        go.countDown();
        for (Future<Integer> phase : phases) {
            assertEquals(204, phase.get(90, TimeUnit.SECONDS));
        }

        AuditCli.Result verified = AuditCli.run(a, "verify");
        assertEquals(0, verified.code(), verified.out() + verified.err());
        int perChain = 4 * PHASES_PER_INSTANCE;
        assertTrue(verified.out().contains("audit verify: OK, 2 chains, " + 2 * perChain + " events"), verified.out());
        assertTrue(verified.out().contains("chain chain-a: head seq " + perChain + " "), verified.out());
        assertTrue(verified.out().contains("chain chain-b: head seq " + perChain + " "), verified.out());
    }
}
