package dev.credbroker.e2e;

import dev.credbroker.store.PhaseState;
import dev.credbroker.store.PhaseStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JWT role with {@code token_type=batch} logs in with a token that has no accessor and can be neither renewed
 * nor revoked (vault-api.md, JWT login): the broker could never end such a phase, so it refuses it with a
 * problem that names the cause, before reading anything with the token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchTokenRoleTest {
    private BrokerHarness harness;

    @BeforeAll
    void start() {
        harness = new BrokerHarness(Map.of());
        new E2eVault(harness.sim).put("auth/jwt/role/plan-batch", Map.of("role_type", "jwt",
                "user_claim", "terraform_full_workspace", "bound_audiences", List.of("vault.workload.identity"),
                "bound_claims_type", "glob", "bound_claims", Map.of("sub", E2eVault.SUB + "plan"),
                "token_policies", List.of("run"), "token_ttl", "20m", "token_type", "batch"));
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void aRoleIssuingBatchTokensIsRefusedWithItsCauseAndNothingIsRead() {
        Map<String, String> vars = Workspaces.aws(harness.sim.address().toString(), "iam_user", "deploy");
        vars.put("TFC_VAULT_PLAN_ROLE", "plan-batch");
        int leasesBefore = harness.sim.liveLeases();
        int credentialsBefore = harness.sim.cloud().liveCount(harness.sim.clock().instant());

        Runner.Reply refused = new Runner(harness.url()).open(harness.token("plan"), vars);

        assertEquals(400, refused.status(), refused.raw());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("urn:credbroker:problem:vault-batch-token", refused.body().get("type"));
        assertTrue(String.valueOf(refused.body().get("detail")).contains("plan-batch"), refused.raw());
        assertEquals(leasesBefore, harness.sim.liveLeases(), "nothing was read with the batch token");
        assertEquals(credentialsBefore, harness.sim.cloud().liveCount(harness.sim.clock().instant()));
        PhaseStore store = harness.context.getBean(PhaseStore.class);
        assertEquals(0, store.count(PhaseState.OPENING) + store.count(PhaseState.CLOSING),
                "no session left for the reaper to retry forever");
    }
}
