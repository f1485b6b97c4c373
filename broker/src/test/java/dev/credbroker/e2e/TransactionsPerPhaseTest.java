package dev.credbroker.e2e;

import dev.credbroker.support.TransactionCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a phase costs the database, counted at the JDBC connection (commits, and statements run in auto-commit):
 * opening is one commit for the session, one per Vault token's accessor (before anything is read with it) and
 * one for every lease with the OPEN mark and its audit event; closing is one claim and one completion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionsPerPhaseTest {
    private BrokerHarness broker;
    private Runner runner;

    @BeforeAll
    void start() {
        broker = new BrokerHarness(Map.of(
                "datasources.default.url", TransactionCounter.PREFIX + "h2:mem:transactions-per-phase;"
                        + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.driver-class-name", TransactionCounter.class.getName()));
        runner = new Runner(broker.url());
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    @Test
    void aPhaseWithThreeCloudsOnOneVaultOpensInThreeTransactionsAndClosesInTwo() {
        String address = broker.sim.address().toString();
        Map<String, String> vars = Workspaces.aws(address, "iam_user", "deploy");
        vars.putAll(Workspaces.azure(address));
        vars.putAll(Workspaces.gcp(address, "roleset/service_account_key", "keys"));
        String token = broker.token("plan");

        long before = TransactionCounter.transactions();
        Runner.Reply opened = runner.open(token, vars);
        long afterOpen = TransactionCounter.transactions();
        Runner.Reply closed = runner.close(token, opened.phaseId());
        long afterClose = TransactionCounter.transactions();

        assertEquals(201, opened.status(), opened.raw());
        assertEquals(3, opened.credentials().size(), opened.raw());
        assertEquals(204, closed.status(), closed.raw());
        assertEquals(3, afterOpen - before, "open: session, the accessor, then leases + OPEN + audit");
        assertEquals(2, afterClose - afterOpen, "close: the claim, then the completion");
        assertEquals(0, broker.sim.liveLeases());
    }
}
