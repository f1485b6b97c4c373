package dev.credbroker.e2e;

import dev.credbroker.phase.Reaper;
import dev.credbroker.support.MutableClock;
import dev.credbroker.vaultsim.SimClock;
import dev.credbroker.vaultsim.VaultSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A workspace in a Vault Enterprise namespace ({@code TFC_VAULT_NAMESPACE=team-a}): its token, accessor and
 * leases live in team-a, where the root namespace's revocation identity can do nothing. The broker sends the header
 * on every call and revokes with team-a's own revocation identity (an AppRole login inside team-a), on close and
 * after a crash, from another broker that never held the phase's token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespacePhaseTest {
    private static final String NAMESPACE = "team-a";

    private VaultSim sim;
    private Path dir;
    private Map<String, Object> settings;

    @BeforeAll
    void start() {
        sim = VaultSim.builder().clock(SimClock.ticking()).build().listen();
        dir = BrokerHarness.newDir();
        new E2eVault(sim).put("sys/namespaces/" + NAMESPACE, Map.of());
        settings = new HashMap<>(SharedDatabase.postgres("namespaces"));
        settings.put("broker.vault.namespace-reapers.team-a.target", "sim");
        settings.put("broker.vault.namespace-reapers.team-a.namespace", NAMESPACE);
        settings.put("broker.vault.namespace-reapers.team-a.revocation-approle-role-id-file", dir.resolve("team-a-role-id").toString());
        settings.put("broker.vault.namespace-reapers.team-a.revocation-approle-secret-id-file",
                dir.resolve("team-a-secret-id").toString());
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    private BrokerHarness broker(String instanceId) {
        Map<String, Object> props = new HashMap<>(settings);
        props.put("broker.phases.instance-id", instanceId);
        BrokerHarness broker = new BrokerHarness(sim, dir, props);
        if (!Files.exists(dir.resolve("team-a-role-id"))) {
            configureTeamA(broker);
        }
        return broker;
    }

    /** team-a configured as the root namespace is, plus the revocation identity's AppRole, which exists in team-a only. */
    @SuppressWarnings("unchecked")
    private void configureTeamA(BrokerHarness broker) {
        E2eVault teamA = new E2eVault(sim, NAMESPACE);
        teamA.configure(BrokerHarness.ISSUER, broker.url() + "/.well-known/jwks", null);
        teamA.put("sys/auth/approle", Map.of("type", "approle"));
        teamA.put("auth/approle/role/credbroker-reaper", Map.of("token_policies", List.of("broker-reaper"),
                "token_ttl", "1h"));
        String roleId = (String) ((Map<String, Object>) teamA.get("auth/approle/role/credbroker-reaper/role-id")
                .get("data")).get("role_id");
        String secretId = (String) ((Map<String, Object>) teamA.put("auth/approle/role/credbroker-reaper/secret-id",
                Map.of()).get("data")).get("secret_id");
        try {
            Files.writeString(dir.resolve("team-a-role-id"), roleId);
            Files.writeString(dir.resolve("team-a-secret-id"), secretId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> teamAWorkspace() {
        Map<String, String> vars = Workspaces.aws(sim.address().toString(), "iam_user", "deploy");
        vars.put("TFC_VAULT_NAMESPACE", NAMESPACE);
        return vars;
    }

    private record Opened(String token, String phaseId, String leaseId, String accessor) {
    }

    @SuppressWarnings("unchecked")
    private Opened open(BrokerHarness broker) {
        Runner runner = new Runner(broker.url());
        String token = broker.token("plan");
        Runner.Reply opened = runner.open(token, teamAWorkspace());
        assertEquals(201, opened.status(), opened.raw());
        Runner.Reply status = runner.status(token, opened.phaseId());
        String leaseId = (String) ((List<Map<String, Object>>) status.body().get("leases")).get(0).get("lease_id");
        String accessor = (String) ((List<Map<String, Object>>) status.body().get("vault_tokens")).get(0).get("accessor");
        assertTrue(sim.accessorLiveIn(NAMESPACE, accessor), "the phase's token lives in team-a");
        assertFalse(sim.accessorLiveIn("", accessor), "and not in the root namespace");
        assertTrue(sim.leaseExists(leaseId));
        return new Opened(token, opened.phaseId(), leaseId, accessor);
    }

    @Test
    void aPhaseInANamespaceOpensAndClosesWithThatNamespacesIdentity() {
        BrokerHarness broker = broker("broker-close");
        try {
            Opened phase = open(broker);

            Runner.Reply closed = new Runner(broker.url()).close(phase.token(), phase.phaseId());

            assertEquals(204, closed.status(), closed.raw());
            assertFalse(sim.leaseExists(phase.leaseId()), "lease revoked in team-a");
            assertFalse(sim.accessorLive(phase.accessor()), "token revoked in team-a");
        } finally {
            broker.close();
        }
    }

    @Test
    void aPhaseInANamespaceLeftByADeadBrokerIsReapedByTheNextOne() {
        BrokerHarness dead = broker("broker-dead");
        Opened phase;
        try {
            phase = open(dead);
        } finally {
            dead.close();
        }
        BrokerHarness next = broker("broker-next");
        try {
            next.context.getBean(MutableClock.class).advance(Duration.ofMinutes(6));

            assertEquals(1, next.context.getBean(Reaper.class).sweep());

            assertFalse(sim.leaseExists(phase.leaseId()), "lease revoked in team-a");
            assertFalse(sim.accessorLive(phase.accessor()), "token revoked in team-a");
            assertEquals(0, SharedDatabase.auditEvents(next, phase.phaseId(), "phase.revoke-failed"),
                    "the first attempt, with team-a's identity, succeeded");
        } finally {
            next.close();
        }
    }
}
